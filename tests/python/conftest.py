"""Shared fixtures: real dbt builds on real landing folders.

Builds are session-scoped and made once: the bundled sample and the
hand-made fixture folder under tests/landing/. Tests read the resulting
DuckDB files read-only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tietopohja.dbt_runner import DbtResult, run_dbt
from tietopohja.paths import PROJECT_DIR, SAMPLE_LANDING_DIR

FIXTURES = PROJECT_DIR / "tests" / "landing"


class Build:
    """A finished dbt build: its result and its DuckDB file."""

    def __init__(self, result: DbtResult, db_path: Path, landing_dir: Path):
        self.result = result
        self.db_path = db_path
        self.landing_dir = landing_dir

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.db_path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str, params: list | None = None):
        return self.query(sql, params)[0][0]


def build(tmp_root: Path, landing_dir: Path, name: str, args: list[str] | None = None, **kw) -> Build:
    work = tmp_root / name
    work.mkdir(parents=True, exist_ok=True)
    db = work / "build.duckdb"
    result = run_dbt(args or ["build"], db_path=db, landing_dir=landing_dir, work_dir=work, **kw)
    return Build(result, db, landing_dir)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    b = build(tmp_path_factory.mktemp("sample"), SAMPLE_LANDING_DIR, "sample")
    assert b.result.ok, b.result.output[-5000:]
    return b


@pytest.fixture(scope="session")
def small_build(tmp_path_factory) -> Build:
    b = build(tmp_path_factory.mktemp("small"), FIXTURES / "landing_small", "small")
    assert b.result.ok, b.result.output[-5000:]
    return b
