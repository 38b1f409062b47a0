"""Shared fixtures: real dbt builds on real landing folders.

Builds are session-scoped and made once: the bundled sample and the
hand-made fixture folder under tests/landing/. Tests read the resulting
DuckDB files read-only.
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import re
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pytest

# Test the checkout these tests live in (a worktree), not whichever copy of
# the package the venv has installed in editable mode: PROJECT_DIR (where dbt
# runs) is derived from the package's location.
_SRC = Path(__file__).resolve().parents[2] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from key_figure_fingerprints import assert_equals_snapshot  # noqa: E402
from tietopohja.dbt_runner import PARSE_CACHE_ENV, DbtResult, run_dbt  # noqa: E402
from tietopohja.paths import PROJECT_DIR, SAMPLE_LANDING_DIR  # noqa: E402

FIXTURES = PROJECT_DIR / "tests" / "landing"

#: the file name of the databases the suite builds, each in a folder of its own: the session's dbt
#: calls share dbt's partial-parse file by the database's file name (tietopohja.dbt_runner); a call
#: with a new name parses the whole project again
DB_NAME = "build.duckdb"

#: the key the session builds pseudonymise with (macros/privacy/pseudonym.sql)
DEVELOPMENT_PSEUDONYM_KEY = "DEVELOPMENT-KEY-for-bundled-sample-data-only-NOT-SECRET"
PSEUDONYM_KEY = os.environ.get("TIETOPOHJA_PSEUDONYM_KEY", DEVELOPMENT_PSEUDONYM_KEY)


class Build:
    """A finished dbt build: its result and its DuckDB file.

    ``built_db_path`` is where dbt wrote the file (the paths the build printed); ``db_path`` is the
    file the tests read: the same, or this worker's copy of a build shared by the workers."""

    def __init__(self, result: DbtResult, db_path: Path, landing_dir: Path, built_db_path: Path | None = None):
        self.result = result
        self.db_path = db_path
        self.landing_dir = landing_dir
        self.built_db_path = built_db_path or db_path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.db_path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str, params: list | None = None):
        return self.query(sql, params)[0][0]


def row(b: Build, sql: str, params: list | None = None) -> tuple:
    """The one row a query of a finished build returns (fails on none or several)."""
    rows = b.query(sql, params or [])
    assert len(rows) == 1, (sql, params, rows)
    return rows[0]


def close(actual, expected) -> bool:
    """A double equal to a hand-computed value (relative 1e-9); None only equals None."""
    if expected is None:
        return actual is None
    return actual is not None and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-6)


def build(tmp_root: Path, landing_dir: Path, name: str, args: list[str] | None = None, **kw) -> Build:
    work = tmp_root / name
    work.mkdir(parents=True, exist_ok=True)
    db = work / DB_NAME
    result = run_dbt(args or ["build"], db_path=db, landing_dir=landing_dir, work_dir=work, **kw)
    return Build(result, db, landing_dir)


#: dbt build without the unit tests: they do not read the landing files, and the sample build runs them
BUILD_WITHOUT_UNIT_TESTS = ["build", "--exclude-resource-type", "unit_test"]

#: the environment of a dbt call whose log file a test reads (dbt_log_file)
WITH_LOG_FILE = {"DBT_LOG_LEVEL_FILE": "debug"}


def dbt_show(sql: str, db_path: Path, env: dict[str, str] | None = None, limit: int = 5) -> list[dict]:
    """The rows of ``dbt show --inline <sql>`` (Jinja and the project's macros allowed) as dicts,
    read from dbt's JSON output; at most ``limit`` rows, as dbt shows."""
    result = run_dbt(["show", "--inline", sql, "--output", "json", "--limit", str(limit)], db_path=db_path, env=env)
    return shown_rows(result)


def shown_rows(result: DbtResult) -> list[dict]:
    """The rows a passed ``dbt show ... --output json`` printed, as dicts."""
    assert result.ok, result.output[-3000:]
    start = result.output.index('{\n  "show"')
    shown, _ = json.JSONDecoder().raw_decode(result.output[start:])
    return shown["show"]


def build_folder(tmp_path_factory, folder: Path, name: str, **kw) -> Build:
    """A test module's one build of a hand-made landing folder, checked to have passed
    (BUILD_WITHOUT_UNIT_TESTS) and, for a folder of tests/landing itself, to give the key figures
    of its snapshot (key_figure_fingerprints). ``kw`` goes to run_dbt (e.g. ``env``)."""
    b = build(tmp_path_factory.mktemp(name), folder, name, args=BUILD_WITHOUT_UNIT_TESTS, **kw)
    assert b.result.ok, b.result.output[-5000:]
    if folder.parent == FIXTURES:  # an unchanged hand-made folder: its key figures equal their snapshot
        assert_equals_snapshot(b, folder.name)
    return b


#: the modules that take longest, started first: `make test` runs the suite on three workers
#: (pytest-xdist, a module per worker at a time, in this order: --no-loadscope-reorder), which
#: then finish at about the same time instead of one worker running the whole-project lint alone
#: at the end
SLOW_MODULES_FIRST = (
    "test_lint.py",
    "test_bench.py",
    "test_spark.py",
    "test_incremental.py",
    "test_validate.py",
    "test_revisions.py",
    "test_idempotency.py",
    "test_coverage.py",
    "test_serving.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOW_MODULES_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


@pytest.fixture(scope="session", autouse=True)
def dbt_log_file() -> None:
    """The session's dbt calls write no log file (``dbt_logs/dbt.log``: every statement at debug
    level, a tenth of a small build's time); the console output, which the tests print when a
    build fails, stays. A test that reads the log file runs its call with ``WITH_LOG_FILE``;
    ``DBT_LOG_LEVEL_FILE=debug make test`` keeps every call's log."""
    os.environ.setdefault("DBT_LOG_LEVEL_FILE", "none")


@pytest.fixture(scope="session", autouse=True)
def dbt_parse_cache(tmp_path_factory) -> Path:
    """The session's dbt calls share dbt's partial-parse file (tietopohja.dbt_runner): the project
    is parsed in full once, not once per build (10-20 s each). dbt still reparses what changed.
    ``TIETOPOHJA_DBT_PARSE_CACHE=`` (empty) runs every call with a full parse, as before."""
    if PARSE_CACHE_ENV not in os.environ:
        os.environ[PARSE_CACHE_ENV] = str(tmp_path_factory.mktemp("dbt_parse_cache"))
    return Path(os.environ[PARSE_CACHE_ENV] or tmp_path_factory.getbasetemp())


def shared_build(tmp_path_factory, name: str, landing_dir: Path, **kw) -> Build:
    """``build(..., name)`` made once per test run, not once per pytest-xdist worker.

    The first worker that asks builds into the run's shared temporary folder (the parent of the
    workers' own) while holding a lock; a worker that asks meanwhile waits for it rather than
    building the same thing beside it. Each worker then reads its own copy of the build's folder
    (the database, its serving file, dbt's target and log folders): a test may open its database
    read-write (dbt, MetricFlow) while the other worker reads it. Without xdist: a plain build."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp(name), landing_dir, name, **kw)
    shared = tmp_path_factory.getbasetemp().parent / "shared_builds"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            b = build(folder, landing_dir, name, **kw)
            done.write_text(json.dumps(asdict(b.result)), encoding="utf-8")
    result = DbtResult(**json.loads(done.read_text(encoding="utf-8")))
    own = tmp_path_factory.mktemp(name)
    shutil.copytree(folder / name, own / name, symlinks=True)
    return Build(result, own / name / DB_NAME, landing_dir, built_db_path=folder / name / DB_NAME)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    # without the shared parse file: test_serving reads the serving file's path that the build prints
    # (with it, dbt sees the database through a link)
    b = shared_build(tmp_path_factory, "sample", SAMPLE_LANDING_DIR, env={PARSE_CACHE_ENV: ""})
    assert b.result.ok, b.result.output[-5000:]
    return b


@pytest.fixture(scope="session")
def small_build(tmp_path_factory) -> Build:
    """tests/landing/landing_small built once per run, with its data tests (BUILD_WITHOUT_UNIT_TESTS)."""
    b = shared_build(tmp_path_factory, "small", FIXTURES / "landing_small", args=BUILD_WITHOUT_UNIT_TESTS)
    assert b.result.ok, b.result.output[-5000:]
    return b


@pytest.fixture(scope="session")
def handmade_build(tmp_path_factory) -> Build:
    """tests/landing/key_figures_handmade built once per run (without unit tests, as build_folder):
    test_key_figures_handmade checks its figures by hand, test_explain explains them."""
    folder = FIXTURES / "key_figures_handmade"
    b = shared_build(tmp_path_factory, "key_figures_handmade", folder, args=BUILD_WITHOUT_UNIT_TESTS)
    assert b.result.ok, b.result.output[-5000:]
    return b


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


#: the publishable marts that are not named *_public (schema `public`, dbt_project.yml)
PUBLIC_MARTS = ("key_figures_county_comparison",)


def rel(name: str) -> str:
    """A mart's relation: `public.<name>` for a publishable mart, `marts.<name>` for the others."""
    return f"public.{name}" if name.endswith("_public") or name in PUBLIC_MARTS else f"marts.{name}"


def plain(output: str) -> str:
    """dbt output without colour codes."""
    return _ANSI.sub("", output)


@pytest.fixture
def landing_copy(tmp_path) -> Path:
    """A private copy of tests/landing/landing_small for tests that modify it."""
    target = tmp_path / "landing"
    shutil.copytree(FIXTURES / "landing_small", target)
    return target


@dataclass
class PartialRun:
    """A dbt invocation on part of the project (it may fail): its output and each node's status and message."""

    landing: Path
    work: Path
    returncode: int
    output: str
    results: dict[str, tuple[str, str]]  # node name -> (status, message)

    @property
    def db_path(self) -> Path:
        return self.work / DB_NAME

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.db_path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


def run_partial(work: Path, landing: Path, args: list[str], env: dict[str, str]) -> PartialRun:
    """``dbt <args>`` on ``landing`` into ``work/build.duckdb``; nodes keyed by name (models) or by
    resource path (tests and the rest: ``test.tietopohja.x`` -> ``x``)."""
    result = run_dbt(args, db_path=work / DB_NAME, landing_dir=landing, work_dir=work, env=env)
    run_results = json.loads((work / "dbt_target" / "run_results.json").read_text(encoding="utf-8"))
    results = {
        r["unique_id"].split(".", 2)[-1]: (r["status"], plain(r.get("message") or ""))
        for r in run_results["results"]
        if not r["unique_id"].startswith("operation.")  # the project's on-run-start/-end hooks
    }
    return PartialRun(landing, work, result.returncode, plain(result.output), results)
