"""The project's own dbt tests (tests/generic/, tests/singular/) fail on what they guard.

On a copy of landing_small's build with a NULL put into a mart's not-null
column, the mart's one ``not_null_columns`` test fails, and its query names
the column and how many rows hold a NULL there. With a service's allocated
cost moved by a euro (actual) and two (budget), ``assert_allocation_reconciles``
fails and names both bases of that period.
"""

from __future__ import annotations

import shutil

import duckdb

from conftest import DB_NAME, plain
from tietopohja.dbt_runner import run_dbt


def test_not_null_columns_fails_naming_the_column(small_build, tmp_path):
    db = tmp_path / DB_NAME  # the same file name as every build: the shared parse file
    shutil.copy(small_build.db_path, db)
    con = duckdb.connect(str(db))
    try:
        rows = con.execute("select count(*) from marts.cost_ledger where production_mode = 'own'").fetchone()[0]
        assert rows > 1
        con.execute("update marts.cost_ledger set account_class = null where production_mode = 'own'")
    finally:
        con.close()
    select = ["test", "-s", "cost_ledger,test_name:not_null_columns"]
    result = run_dbt(select, db_path=db, landing_dir=small_build.landing_dir, work_dir=tmp_path)
    output = plain(result.output)
    assert not result.ok, output[-3000:]
    assert "FAIL 1 tietopohja_not_null_columns_cost_ledger" in output, output[-3000:]
    # the test's query: one row, the column and its NULLs (the other listed columns have none)
    (compiled,) = (tmp_path / "dbt_target" / "compiled").rglob(
        "tietopohja_not_null_columns_*.sql"
    )  # the one test selected
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute(compiled.read_text(encoding="utf-8")).fetchall() == [("account_class", rows)]
    finally:
        con.close()


def test_allocation_reconciles_fails_on_a_moved_euro(small_build, tmp_path):
    db = tmp_path / DB_NAME
    shutil.copy(small_build.db_path, db)
    con = duckdb.connect(str(db))
    try:
        county, grain, start = con.execute(
            "select county_code, period_grain, period_start from marts.service_costs "
            "where account_class = 'operating_cost' and allocated_budget_eur is not null "
            "order by period_grain, period_start, service_code limit 1"
        ).fetchone()
        con.execute(
            "update marts.service_costs set total_eur = total_eur + 1, allocated_budget_eur = allocated_budget_eur + 2 "
            "where rowid = (select min(rowid) from marts.service_costs where account_class = 'operating_cost' "
            "and county_code = ? and period_grain = ? and period_start = ? and allocated_budget_eur is not null)",
            [county, grain, start],
        )
    finally:
        con.close()
    select = ["test", "-s", "assert_allocation_reconciles"]
    result = run_dbt(select, db_path=db, landing_dir=small_build.landing_dir, work_dir=tmp_path)
    output = plain(result.output)
    assert not result.ok, output[-3000:]
    assert "FAIL 2 assert_allocation_reconciles" in output, output[-3000:]
    (compiled,) = (tmp_path / "dbt_target" / "compiled").rglob("assert_allocation_reconciles.sql")
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(compiled.read_text(encoding="utf-8")).fetchall()
    finally:
        con.close()
    moved = {(r[0], r[1], r[2], r[3], r[4]): round(r[6] - r[5], 2) for r in rows}
    assert moved == {
        ("service_costs", "actual", county, grain, start): 1.0,
        ("service_costs", "budget", county, grain, start): 2.0,
    }
