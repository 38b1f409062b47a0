"""The same project on Spark (issue 8): dbt-spark, ``method: session``, local.

Needs the Spark venv (``requirements-spark.txt``: ``python3 -m venv
.venv-spark && .venv-spark/bin/pip install -r requirements-spark.txt``, or
``TIETOPOHJA_SPARK_DBT`` pointing at another venv's dbt) and Java 17
(Debian: ``openjdk-17-jre-headless``); skipped with the reason otherwise.

- every model compiles for the ``spark`` target, with no DuckDB-only SQL in
  the compiled code (dialect differences live in dispatched macros): part
  of ``make test`` (CI), which installs the Spark venv; in CI (``CI=true``)
  a missing Spark venv or Java fails the test instead of skipping it;
- (marker ``spark_build``, run by ``make spark``, a few minutes) the whole
  project builds on Spark on the bundled sample (models, seeds and
  data tests; the unit tests run on DuckDB), and the tables it
  writes hold the same rows as the DuckDB build (read straight from the Spark
  warehouse's Parquet files with DuckDB).
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, SAMPLE_LANDING_DIR, plain, rel
from tietopohja.dbt_runner import HISTORY_MARTS
from tietopohja.errors import UserError
from tietopohja.spark import (
    CALENDAR_FILE,
    DEFAULT_ARGS,
    calendar_frame,
    find_java17,
    find_spark_dbt,
    project_vars,
    run_spark_dbt,
)

_MISSING = []
if find_spark_dbt() is None:
    _MISSING.append(
        "the Spark venv is not installed (python3 -m venv .venv-spark && "
        ".venv-spark/bin/pip install -r requirements-spark.txt, or set TIETOPOHJA_SPARK_DBT)"
    )
if find_java17() is None:
    _MISSING.append("no Java 17 (Debian: apt-get install openjdk-17-jre-headless, or set JAVA_HOME)")

#: skipped where Spark is not installed, except in CI, which installs it
#: (``make test``): there a missing piece is a failure, not a silent skip
needs_spark = pytest.mark.skipif(bool(_MISSING) and os.environ.get("CI") != "true", reason="; ".join(_MISSING))

#: SQL that must never reach Spark: DuckDB's functions and syntax (the
#: dispatched macros keep them on DuckDB)
DUCKDB_ONLY = {
    "glob(": re.compile(r"\bglob\s*\(", re.I),
    "read_csv(": re.compile(r"\bread_csv\s*\(", re.I),
    "read_parquet(": re.compile(r"\bread_parquet\s*\(", re.I),
    "try_strptime(": re.compile(r"\btry_strptime\s*\(", re.I),
    "regexp_full_match(": re.compile(r"\bregexp_full_match\s*\(", re.I),
    ":: cast": re.compile(r"\w::\w"),
    "varchar": re.compile(r"\bvarchar\b", re.I),
    "exclude": re.compile(r"\*\s*exclude\b", re.I),
    "union by name": re.compile(r"\bunion\s+(all\s+)?by\s+name\b", re.I),
}


def _strip_comments(sql: str) -> str:
    sql = re.sub(r"/\*.*?\*/", "", sql, flags=re.S)
    return re.sub(r"--[^\n]*", "", sql)


def test_calendar_rows_come_from_the_python_model():
    """The Spark calendar is the Python model's own output (the holidays package)."""
    frame = calendar_frame(2024, 2024)
    assert len(frame) == 366
    by_day = frame.set_index("calendar_date")
    import datetime as dt

    # Midsummer Eve 2024 is Friday 21 June; Christmas Eve a holiday; 6 Dec Independence Day
    for day in (dt.date(2024, 6, 21), dt.date(2024, 12, 24), dt.date(2024, 12, 6)):
        assert bool(by_day.loc[day, "is_holiday"]), day
        assert not bool(by_day.loc[day, "is_business_day"]), day
    assert bool(by_day.loc[dt.date(2024, 6, 20), "is_business_day"])
    assert int(frame["business_day_index"].max()) == int(frame["is_business_day"].sum())


def test_spark_calendar_years_follow_vars_given_to_dbt():
    """Outside dbt the data's span is unknown: `--vars` sets the calendar's first year."""
    assert project_vars([])["calendar_first_year"] == 2015
    given = project_vars(["build", "--vars", "{calendar_first_year: 2009}", "-s", "x"])
    assert (given["calendar_first_year"], given["calendar_last_year"]) == (2009, 2035)
    assert project_vars(["build", "--vars={calendar_last_year: 2040}"])["calendar_last_year"] == 2040
    with pytest.raises(UserError, match="--vars is not YAML"):
        project_vars(["build", "--vars", "{calendar_first_year: [2009"])


@needs_spark
def test_every_model_compiles_for_spark(tmp_path):
    assert not _MISSING, "; ".join(_MISSING)
    # the models only: what this test reads (the data tests compile and run on Spark in `make spark`)
    result = run_spark_dbt(
        ["compile", "--select", "resource_type:model"],
        spark_dir=tmp_path / "spark",
        landing_dir=SAMPLE_LANDING_DIR,
        timeout=1800,
    )
    assert result.ok, plain(result.output)[-5000:]
    manifest = json.loads((tmp_path / "spark" / "dbt_target" / "manifest.json").read_text(encoding="utf-8"))
    models = {k: v for k, v in manifest["nodes"].items() if v["resource_type"] == "model"}
    assert len(models) > 100
    calendar = models["model.tietopohja.int_calendar_days_generated"]
    assert calendar["language"] == "sql"
    assert calendar["original_file_path"].startswith("models/intermediate/calendar_spark/")
    offenders = []
    for uid, node in models.items():
        code = node.get("compiled_code")
        assert code and code.strip(), f"{uid} did not compile"
        body = _strip_comments(code)
        offenders += [f"{uid}: {name}" for name, pattern in DUCKDB_ONLY.items() if pattern.search(body)]
    assert not offenders, "DuckDB-only SQL compiled for Spark:\n" + "\n".join(offenders)
    assert (tmp_path / "spark" / CALENDAR_FILE).is_file()


def _spark_table(spark_dir: Path, schema: str, name: str) -> list[str]:
    files = sorted(str(p) for p in (spark_dir / "warehouse" / f"{schema}.db" / name).glob("*.parquet"))
    assert files, f"{schema}.{name} was not written by the Spark build"
    return files


def _rows(con, relation: str, columns: list[str]) -> dict:
    """The rows grouped by their non-numeric values: {key: sorted numeric tuples}.

    Numbers are compared with a tolerance: Spark's decimal division keeps
    fewer digits than DuckDB's double division, and gives 0.0 for -0.0.
    """
    kinds = {d[0]: str(d[1]) for d in con.sql(f"select * from {relation} limit 0").description}
    numeric = [c for c in columns if re.match(r"(DOUBLE|FLOAT|DECIMAL|NUMBER)", kinds[c].upper())]
    text = [c for c in columns if c not in numeric]
    select = ", ".join([f'cast("{c}" as varchar)' for c in text] + [f'cast("{c}" as double)' for c in numeric])
    grouped: dict = {}
    for row in con.sql(f"select {select} from {relation}").fetchall():
        grouped.setdefault(row[: len(text)], []).append(row[len(text) :])
    return {key: sorted(values, key=lambda v: [(x is None, x or 0.0) for x in v]) for key, values in grouped.items()}


def _numbers_differ(a: tuple, b: tuple) -> bool:
    for x, y in zip(a, b, strict=True):
        if (x is None) != (y is None):
            return True
        if x is not None and not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-6):
            return True
    return False


@pytest.fixture(scope="module")
def spark_sample_build(tmp_path_factory):
    if _MISSING:
        pytest.skip("; ".join(_MISSING))
    spark_dir = tmp_path_factory.mktemp("spark") / "work"
    result = run_spark_dbt(list(DEFAULT_ARGS), spark_dir=spark_dir, landing_dir=SAMPLE_LANDING_DIR, timeout=3600)
    return result, spark_dir


#: the tables compared row by row with the DuckDB build: every base model
#: (parsing, rules, pseudonyms, line numbers) and every mart but the revision
#: history's (no history on Spark: empty there)
COMPARED = [("staging", p.stem) for p in sorted((PROJECT_DIR / "models" / "staging").glob("*/base/base_*.sql"))] + [
    tuple(rel(p.stem).split("."))
    for p in sorted((PROJECT_DIR / "models" / "marts").glob("*/*.sql"))
    if p.stem not in HISTORY_MARTS
]


@needs_spark
@pytest.mark.spark_build
@pytest.mark.parametrize("name", HISTORY_MARTS)
def test_the_revision_history_marts_are_empty_on_spark(spark_sample_build, name):
    _, spark_dir = spark_sample_build
    spark = duckdb.connect()
    files = _spark_table(spark_dir, "marts", name)
    assert spark.sql(f"select count(*) from read_parquet({files!r})").fetchone()[0] == 0


@needs_spark
@pytest.mark.spark_build
def test_the_whole_project_builds_on_spark(spark_sample_build):
    result, _ = spark_sample_build
    output = plain(result.output)
    assert result.ok, output[-8000:]
    assert re.search(r"Done\. PASS=\d+ WARN=\d+ ERROR=0 SKIP=0", output), output[-3000:]


@needs_spark
@pytest.mark.spark_build
@pytest.mark.parametrize(("schema", "name"), COMPARED, ids=[n for _, n in COMPARED])
def test_spark_tables_equal_duckdb_tables(spark_sample_build, sample_build, schema, name):
    _, spark_dir = spark_sample_build
    files = _spark_table(spark_dir, schema, name)
    duck = duckdb.connect(str(sample_build.db_path), read_only=True)
    try:
        columns = [r[0] for r in duck.sql(f"describe {schema}.{name}").fetchall()]
        spark = duckdb.connect()
        spark.sql(f"create view t as select * from read_parquet({files!r})")
        assert [c.lower() for c in spark.sql("select * from t limit 0").columns] == [c.lower() for c in columns]
        # the fingerprint of a base row's file is kept on DuckDB only (incremental builds; NULL on Spark)
        columns = [c for c in columns if c != "_file_fingerprint"]
        on_duckdb = _rows(duck, f"{schema}.{name}", columns)
        on_spark = _rows(spark, "t", columns)
    finally:
        duck.close()
    if not on_duckdb:  # nothing to flag on the sample (e.g. no duplicate postings)
        assert not on_spark, f"{schema}.{name}: rows on Spark only"
        return
    only_duckdb = [k for k in on_duckdb if k not in on_spark]
    only_spark = [k for k in on_spark if k not in on_duckdb]
    assert not only_duckdb and not only_spark, (
        f"{len(only_duckdb)} row groups only on DuckDB, e.g. {only_duckdb[:2]}; "
        f"{len(only_spark)} only on Spark, e.g. {only_spark[:2]}"
    )
    differing = [
        k
        for k, rows in on_duckdb.items()
        if len(rows) != len(on_spark[k]) or any(_numbers_differ(a, b) for a, b in zip(rows, on_spark[k], strict=True))
    ]
    assert not differing, (
        f"{len(differing)} rows differ, e.g. {differing[0]}: "
        f"{on_duckdb[differing[0]][:2]} vs {on_spark[differing[0]][:2]}"
    )
