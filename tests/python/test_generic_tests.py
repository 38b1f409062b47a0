"""The project's generic dbt tests (tests/generic/) fail on what they guard.

On a copy of landing_small's build with a NULL put into a mart's not-null
column, the mart's one ``not_null_columns`` test fails, and its query names
the column and how many rows hold a NULL there.
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
