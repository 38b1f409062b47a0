"""The project's own dbt tests (tests/generic/, tests/singular/) fail on what they guard.

On a copy of landing_small's build with a NULL put into a mart's not-null
column, the mart's one ``not_null_columns`` test fails, and its query names
the column and how many rows hold a NULL there. With a service's allocated
cost moved by a euro (actual) and two (budget), ``assert_allocation_reconciles``
fails and names both bases of that period. With an output day repeated,
``unique_combination_of_columns`` fails and names that key.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import DB_NAME, plain
from tietopohja.dbt_runner import run_dbt


def _tested_on_a_copy(small_build, folder, change, selects):
    """Run the dbt test(s) `selects` on a copy of landing_small's build changed by `change(con)`: some
    must fail. Returns what `change` returned, dbt's output, and `found(compiled_name)`: the rows of
    the one selected test whose compiled file has that name."""
    db = folder / DB_NAME  # the same file name as every build: the shared parse file
    shutil.copy(small_build.db_path, db)
    with duckdb.connect(str(db)) as con:
        changed = change(con)
    result = run_dbt(["test", "-s", *selects], db_path=db, landing_dir=small_build.landing_dir, work_dir=folder)
    output = plain(result.output)
    assert not result.ok, output[-3000:]

    def found(compiled_name):
        (compiled,) = (folder / "dbt_target" / "compiled").rglob(compiled_name)
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute(compiled.read_text(encoding="utf-8")).fetchall()

    return changed, output, found


@pytest.fixture(scope="module")
def nulls_and_a_repeated_key(small_build, tmp_path_factory):
    """One copy of landing_small's build with a NULL put into cost_ledger's not-null column and an
    output day of int_outputs_expanded repeated, and one ``dbt test`` run of the two tests that guard
    them (neither reads the other's table; a dbt run costs more than both tests)."""

    def change(con):
        rows = con.execute("select count(*) from marts.cost_ledger where production_mode = 'own'").fetchone()[0]
        con.execute("update marts.cost_ledger set account_class = null where production_mode = 'own'")
        key = con.execute(
            "select event_type, event_id, output_date from intermediate.int_outputs_expanded "
            "order by event_type, event_id, output_date limit 1"
        ).fetchone()
        con.execute(
            "insert into intermediate.int_outputs_expanded select * from intermediate.int_outputs_expanded "
            "where event_type = ? and event_id = ? and output_date = ?",
            list(key),
        )
        return rows, key

    (rows, key), output, found = _tested_on_a_copy(
        small_build,
        tmp_path_factory.mktemp("nulls_and_a_repeated_key"),
        change,
        ["cost_ledger,test_name:not_null_columns", "int_outputs_expanded,test_name:unique_combination_of_columns"],
    )
    return rows, key, output, found


def test_not_null_columns_fails_naming_the_column(nulls_and_a_repeated_key):
    rows, _, output, found = nulls_and_a_repeated_key
    assert "FAIL 1 tietopohja_not_null_columns_cost_ledger" in output, output[-3000:]
    assert rows > 1
    # one row: the column and its NULLs (the other listed columns have none)
    assert found("tietopohja_not_null_columns_*.sql") == [("account_class", rows)]


def test_unique_combination_of_columns_fails_on_a_repeated_key(nulls_and_a_repeated_key):
    _, key, output, found = nulls_and_a_repeated_key
    assert "FAIL 1 tietopohja_unique_combination_of_columns_int_outputs_expanded" in output, output[-3000:]
    # the one repeated key, twice; the hash only picks the candidates
    assert found("tietopohja_unique_combination_*.sql") == [(*key, 2)]


def test_allocation_reconciles_fails_on_a_moved_euro(small_build, tmp_path):
    def change(con):
        period = con.execute(
            "select county_code, period_grain, period_start from marts.service_costs "
            "where account_class = 'operating_cost' and allocated_budget_eur is not null "
            "order by period_grain, period_start, service_code limit 1"
        ).fetchone()
        con.execute(
            "update marts.service_costs set total_eur = total_eur + 1, allocated_budget_eur = allocated_budget_eur + 2 "
            "where rowid = (select min(rowid) from marts.service_costs where account_class = 'operating_cost' "
            "and county_code = ? and period_grain = ? and period_start = ? and allocated_budget_eur is not null)",
            list(period),
        )
        return period

    (county, grain, start), output, found = _tested_on_a_copy(
        small_build, tmp_path, change, ["assert_allocation_reconciles"]
    )
    assert "FAIL 2 assert_allocation_reconciles" in output, output[-3000:]
    moved = {(r[0], r[1], r[2], r[3], r[4]): round(r[6] - r[5], 2) for r in found("assert_allocation_reconciles.sql")}
    assert moved == {
        ("service_costs", "actual", county, grain, start): 1.0,
        ("service_costs", "budget", county, grain, start): 2.0,
    }
