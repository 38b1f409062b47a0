"""Monthly deliveries: a build on top of an earlier one equals a full build, table by table.

The session's full build of ``landing_small`` is the earlier build. Then an
earlier month is delivered again, three ways at once:

- ``finance/gl_entries_2024-01.csv`` replaced in place with other values
  (E1 10000.00 -> 12000.00), a file whose key E2 a later file supersedes;
- ``finance/gl_entries_2024-02_redelivery.csv`` added (E7, E8 of February
  with other amounts: the unchanged February file's rows become superseded);
- ``patient/visits_2024-01.csv`` replaced in place: V1 moves from January
  to February (two months and their quarter and year are touched).

The same ``dbt build`` on the earlier database (incremental: only the
changed files and those sharing keys with them are read) must give exactly
the tables of a full build of the same folder in a new database: every
``staging``, ``intermediate`` and ``marts`` table, compared with ``EXCEPT ALL``
both ways. A build that kept a stale row, or skipped a period the
re-delivery touches, differs. Adding a month is measured and compared the
same way by ``tietopohja bench --incremental`` (tests/python/test_bench.py).
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import duckdb
import pytest

from conftest import FIXTURES
from tietopohja.bench import compare_databases
from tietopohja.dbt_runner import run_dbt

REDELIVERY = FIXTURES / "trust_redelivery" / "finance" / "gl_entries_2024-02_redelivery.csv"
#: models and seeds only: the tests read the same tables either way
BUILD = ["build", "--exclude-resource-type", "test", "unit_test"]


def _query(db, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory, small_build):
    root = tmp_path_factory.mktemp("incremental")
    landing = root / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    ledger = landing / "finance" / "gl_entries_2024-01.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace(",CC_PTH,10000.00,", ",CC_PTH,12000.00,"), "utf-8")
    visits = landing / "patient" / "visits_2024-01.csv"
    visits.write_text(visits.read_text(encoding="utf-8").replace("2024-01-10 10:00", "2024-02-05 10:00"), "utf-8")
    shutil.copy(REDELIVERY, landing / "finance" / REDELIVERY.name)

    incremental = root / "incremental" / "build.duckdb"
    incremental.parent.mkdir()
    shutil.copy(small_build.db_path, incremental)
    result = run_dbt(BUILD, db_path=incremental, landing_dir=landing, work_dir=incremental.parent)
    assert result.ok, result.output[-3000:]
    full = root / "full" / "build.duckdb"
    full.parent.mkdir()
    result = run_dbt(BUILD, db_path=full, landing_dir=landing, work_dir=full.parent)
    assert result.ok, result.output[-3000:]
    return small_build.db_path, incremental, full


def test_the_redelivery_reached_staging_and_the_marts(builds):
    before, incremental, _ = builds
    amounts = "select entry_id, amount_eur from staging.stg_finance__gl_entries where entry_id in ('E1', 'E7', 'E8')"
    assert dict(_query(before, amounts)) == {
        "E1": Decimal("10000.00"),
        "E7": Decimal("10500.25"),
        "E8": Decimal("2000.00"),
    }
    assert dict(_query(incremental, amounts)) == {
        "E1": Decimal("12000.00"),
        "E7": Decimal("11000.00"),
        "E8": Decimal("2500.00"),
    }
    # CC_PTH: E1 10000 -> 12000, E3 -800, E7 10500.25 -> 11000
    centre = "select ledger_amount_eur from marts.reconciliation_cost_centers where cost_center = 'CC_PTH'"
    assert _query(before, centre) == [(Decimal("19700.25"),)]
    assert _query(incremental, centre) == [(Decimal("22200.00"),)]
    visit = "select cast(visit_at as date) from staging.stg_patient__visits where visit_id = 'V1'"
    assert str(_query(incremental, visit)[0][0]) == "2024-02-05"
    # the superseded rows of the unchanged February file are accounted, as in a full build
    superseded = (
        "select count(*) from staging.base_finance__gl_entries "
        "where _source_file = 'finance/gl_entries_2024-02.csv' and _status = 'superseded'"
    )
    assert _query(incremental, superseded) == [(2,)]


def test_incremental_build_equals_a_full_build_table_by_table(builds):
    before, incremental, full = builds
    # not vacuous: the re-delivery changed the ledger and the key figures
    assert set(compare_databases(before, full)) >= {"marts.key_figures", "marts.cost_ledger"}
    assert compare_databases(incremental, full) == {}


def _compiled(db, model: str) -> str:
    system = model.split("_")[1]
    path = db.parent / "dbt_target" / "run" / "tietopohja" / "models" / "staging" / system / "base" / f"{model}.sql"
    return path.read_text(encoding="utf-8")


def test_only_the_touched_files_were_read(builds):
    _, incremental, full = builds
    landing = full.parent.parent / "landing"
    visits = _compiled(incremental, "base_patient__visits")
    # the changed January file is read; February's (no key in common) keeps its stored rows
    assert str(landing / "patient" / "visits_2024-01.csv") in visits
    assert str(landing / "patient" / "visits_2024-02.csv") not in visits
    assert str(landing / "patient" / "visits_2024-02.csv") in _compiled(full, "base_patient__visits")
    # the unchanged February ledger is read again: the re-delivery supersedes two of its rows
    ledger = _compiled(incremental, "base_finance__gl_entries")
    assert str(landing / "finance" / "gl_entries_2024-02.csv") in ledger
    # an entity nothing was delivered for reads no file
    assert "read_csv(" not in _compiled(incremental, "base_patient__contacts")
    fingerprints = dict(
        _query(
            incremental,
            "select _source_file, max(_file_fingerprint) from staging.base_finance__gl_entries group by 1",
        )
    )
    assert len(fingerprints) == 4 and all(fingerprints.values())


def test_a_new_pseudonym_key_reads_every_file_again(tmp_path, small_build):
    # the same folder, another key: no stored row may keep a pseudonym made with the old key
    db = tmp_path / "build.duckdb"
    shutil.copy(small_build.db_path, db)
    result = run_dbt(
        BUILD,
        db_path=db,
        landing_dir=FIXTURES / "landing_small",
        work_dir=tmp_path,
        env={"TIETOPOHJA_PSEUDONYM_KEY": "another-key-for-the-incremental-test"},
    )
    assert result.ok, result.output[-3000:]
    pseudonyms = "select distinct person_pseudonym from staging.base_patient__visits where person_pseudonym is not null"
    old, new = set(_query(small_build.db_path, pseudonyms)), set(_query(db, pseudonyms))
    assert old and new and not (old & new)
    assert "read_csv(" in _compiled(db, "base_patient__visits")
