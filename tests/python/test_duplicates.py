"""Suspected duplicate postings: reported with all their rows, never removed, and warned about."""

from __future__ import annotations

import shutil
from decimal import Decimal

import duckdb
import pytest

from conftest import BUILD_WITHOUT_UNIT_TESTS, FIXTURES
from tietopohja.dbt_runner import run_dbt

DUPLICATES = FIXTURES / "trust_duplicates" / "finance" / "gl_entries_2024-03.csv"


@pytest.fixture(scope="module")
def dup_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("duplicates")
    landing = root / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    shutil.copy(DUPLICATES, landing / "finance" / DUPLICATES.name)
    db = root / "build.duckdb"
    # unit tests do not read the landing files: the sample build runs them (conftest.build_folder)
    result = run_dbt(BUILD_WITHOUT_UNIT_TESTS, db_path=db, landing_dir=landing, work_dir=root)
    assert result.ok, result.output[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select entry_id, duplicate_group, document_id, amount_eur, rows_in_group, county_code, source_file "
            "from marts.suspected_duplicate_postings order by entry_id"
        ).fetchall()
        staged = {r[0] for r in con.execute("select entry_id from staging.stg_finance__gl_entries").fetchall()}
    finally:
        con.close()
    return result, rows, staged


def test_duplicate_pair_is_reported_with_both_rows(dup_build):
    _, rows, _ = dup_build
    assert rows == [
        ("E20", "E20", "D20", Decimal("750.00"), 2, "01", "finance/gl_entries_2024-03.csv"),
        ("E21", "E20", "D20", Decimal("750.00"), 2, "01", "finance/gl_entries_2024-03.csv"),
    ]


def test_duplicates_are_not_removed(dup_build):
    _, _, staged = dup_build
    assert {"E20", "E21", "E22", "E23"} <= staged


def test_dbt_warns_with_the_rows(dup_build):
    result, _, _ = dup_build
    out = result.output
    assert "WARN" in out and "no_rows_suspected_duplicate_postings" in out
    assert "Got 2 results" in out


def test_small_fixture_has_no_suspected_duplicates(small_build):
    assert small_build.scalar("select count(*) from marts.suspected_duplicate_postings") == 0
