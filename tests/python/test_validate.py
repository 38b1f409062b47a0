"""``tietopohja validate``: generated suites, exit codes, Data Docs (offline, one
folder per database), dq_results, the dbt results of the same database only,
and the root cause of a failed build first."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tietopohja import cli
from tietopohja.expectations import CRITICAL, WARNING, Catalog, mart_suites, staging_suites
from tietopohja.paths import PROJECT_DIR
from tietopohja.validate import default_out_dir, default_run_results


def run_validate(*args: str) -> subprocess.CompletedProcess:
    """The CLI in its own process, as CI runs it after ``dbt build``."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT_DIR / "src"))
    return subprocess.run(
        [sys.executable, "-m", "tietopohja.cli", "validate", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def copy_db(build, tmp_path: Path, name: str | None = None) -> Path:
    """A copy of the build's database (by default under the same file name: the same DuckDB catalog)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = tmp_path / (name or build.db_path.name)
    shutil.copy(build.db_path, db)
    return db


def run_results_of(build) -> Path:
    return build.db_path.parent / "dbt_target" / "run_results.json"


def checks_by_column(suite):
    out = {}
    for check in suite.checks:
        out.setdefault(check.column, []).append(check)
    return out


@pytest.fixture(scope="module")
def catalog(small_build):
    con = duckdb.connect(str(small_build.db_path), read_only=True)
    yield Catalog(con)
    con.close()


def test_staging_suites_follow_the_contract(catalog):
    suites = {s.name: s for s in staging_suites(catalog)}
    # every landing entity with a staging view has a suite; the second HR layout is merged away
    assert "staging.stg_patient__visits" in suites and "staging.stg_hr__palvelussuhteet" not in suites
    visits = suites["staging.stg_patient__visits"]
    by_col = checks_by_column(visits)
    kinds = {c: {(k.expectation, k.severity) for k in checks} for c, checks in by_col.items()}
    assert ("ExpectColumnValuesToBeUnique", CRITICAL) in kinds["visit_id"]  # key
    assert ("ExpectColumnValuesToNotBeNull", CRITICAL) in kinds["person_pseudonym"]  # hetu → pseudonym
    assert ("ExpectColumnValuesToNotBeNull", CRITICAL) in kinds["unit_id"]  # required
    assert "hetu" not in by_col
    contact_codes = next(k for k in by_col["contact_type"] if k.expectation == "ExpectColumnValuesToBeInSet")
    assert "R10" in contact_codes.kwargs["value_set"] and "R52" in contact_codes.kwargs["value_set"]
    municipality = {k.expectation: k for k in by_col["home_municipality_code"]}
    assert municipality["ExpectColumnValuesToMatchRegex"].kwargs["regex"] == "^(?:[0-9]{3})$"
    ref = municipality["ExpectColumnValuesToBeInSet"]  # from reference.ref_municipality_county
    assert ref.severity == WARNING and "753" in ref.kwargs["value_set"] and "999" not in ref.kwargs["value_set"]
    # min/max → between; compound key; a required entity has rows
    residents = checks_by_column(suites["staging.stg_population__residents"])
    age = next(k for k in residents["age"] if k.expectation == "ExpectColumnValuesToBeBetween")
    assert age.kwargs == {"column": "age", "min_value": 0, "max_value": 100}
    table_checks = {k.expectation: k for k in residents[None]}
    assert table_checks["ExpectCompoundColumnsToBeUnique"].kwargs["column_list"] == [
        "stat_date",
        "municipality_code",
        "sex",
        "age",
    ]
    assert table_checks["ExpectTableRowCountToBeBetween"].kwargs == {"min_value": 1}
    # code_map of the second layout gives the canonical codes of the merged view; min_exclusive → strict
    employments = checks_by_column(suites["staging.stg_hr__employments"])
    pct = next(k for k in employments["work_time_pct"] if k.expectation == "ExpectColumnValuesToBeBetween")
    assert pct.kwargs == {"column": "work_time_pct", "min_value": 0, "strict_min": True, "max_value": 100}
    services = next(
        k for k in checks_by_column(suites["staging.stg_org__units"])["service_code"] if k.rule.startswith("reference")
    )
    assert "PTH_VASTAANOTTO" in services.kwargs["value_set"]


def test_a_new_mart_gets_a_suite_from_its_yaml_and_column_names():
    con = duckdb.connect(":memory:")
    con.execute("create schema marts")
    con.execute("create schema reference")
    con.execute("create table reference.ref_counties as select '01' as county_code union all select '17'")
    con.execute(
        "create table marts.cost_per_resident (county_code varchar, period_grain varchar, "
        "person_count bigint, value double)"
    )
    models = {
        "cost_per_resident": {
            "name": "cost_per_resident",
            "data_tests": [
                {
                    "tietopohja.unique_combination_of_columns": {
                        "arguments": {"combination_of_columns": ["county_code", "period_grain"]}
                    }
                },
                {"tietopohja.not_null_columns": {"arguments": {"column_names": ["period_grain", "person_count"]}}},
            ],
            "columns": [
                {"name": "county_code", "data_tests": ["not_null"]},
                {"name": "period_grain"},
                {"name": "person_count"},
                {"name": "value", "data_tests": [{"not_null": {"config": {"severity": "warn"}}}]},
            ],
        }
    }
    (suite,) = mart_suites(Catalog(con), models)
    got = {(c.expectation, c.column, c.severity) for c in suite.checks}
    assert got == {
        ("ExpectTableColumnsToMatchSet", None, CRITICAL),
        ("ExpectCompoundColumnsToBeUnique", None, CRITICAL),
        ("ExpectColumnValuesToNotBeNull", "county_code", CRITICAL),
        ("ExpectColumnValuesToNotBeNull", "value", WARNING),
        ("ExpectColumnValuesToNotBeNull", "period_grain", CRITICAL),  # not_null_columns
        ("ExpectColumnValuesToNotBeNull", "person_count", CRITICAL),
        ("ExpectColumnValuesToBeInSet", "county_code", CRITICAL),  # reference.ref_counties
        ("ExpectColumnValuesToBeInSet", "period_grain", CRITICAL),
        ("ExpectColumnValuesToBeBetween", "person_count", CRITICAL),
    }
    con.close()


def test_passing_run_exits_0_writes_data_docs_and_results(small_build, tmp_path, capsys):
    db, out = copy_db(small_build, tmp_path), tmp_path / "docs"
    proc = run_validate("--db", str(db), "--out", str(out), "--run-results", str(run_results_of(small_build)))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "RESULT: PASSED" in proc.stdout
    assert "Traceback" not in proc.stderr
    # one progress line per suite
    assert "staging.stg_finance__gl_entries" in proc.stdout and "marts.suspected_duplicate_postings" in proc.stdout
    index = out / "index.html"
    assert index.exists() and "staging.stg_patient__visits" in index.read_text(encoding="utf-8")
    assert list((out / "validations").rglob("*.html"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select source, count(*), count(distinct run_id), bool_and(passed) filter (where severity = 'critical') "
            "from data_quality.dq_results group by source order by source"
        ).fetchall()
        dbt_warn = con.execute(
            "select severity, passed, entity from data_quality.dq_results "
            "where source = 'dbt' and check_name like '%no_rows_suspected_duplicate_postings%'"
        ).fetchall()
    finally:
        con.close()
    by_source = {r[0]: r for r in rows}
    assert by_source["great_expectations"][1] > 150 and by_source["great_expectations"][3] is True
    assert by_source["dbt"][1] > 100 and by_source["dbt"][2] == 1
    assert dbt_warn == [("warning", True, "marts.suspected_duplicate_postings")]

    # a second run appends (results over time); in-process through the same CLI entry point,
    # of one suite (--only)
    only = "marts.landing_row_accounting"
    code = cli.main(
        ["validate", "--db", str(db), "--out", str(out), "--run-results", str(tmp_path / "none.json"), "--only", only]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "no dbt results" in printed and "(1 suites," in printed
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute(
            "select run_id, count(distinct entity), count(*) filter (where source = 'dbt') "
            "from data_quality.dq_results group by run_id order by min(run_at)"
        ).fetchall()
    finally:
        con.close()
    assert len(runs) == 2
    assert runs[0][1] > 1 and runs[1][1:] == (1, 0)
    # a relation that has no suite is a clear error, not a run of nothing
    assert cli.main(["validate", "--db", str(db), "--no-record", "--only", "marts.no_such_mart"]) == 2
    assert "no suite for marts.no_such_mart" in capsys.readouterr().err


def test_critical_failure_exits_non_zero_and_warning_does_not(small_build, tmp_path, capsys):
    db = copy_db(small_build, tmp_path)
    con = duckdb.connect(str(db))
    # a published count that breaks the accounting invariant (critical) ...
    con.execute(
        "update marts.landing_row_accounting set rows_staged = rows_read + 1 where entity = 'finance/gl_entries'"
    )
    # ... and an unmapped code (warning only)
    con.execute(
        "insert into marts.mapping_completeness values "
        "('01', 'service_code', 'XYZ', 'service_not_in_catalogue', 'test', null, null, 1)"
    )
    con.close()
    # the two suites of the altered marts (every suite passes on this build:
    # test_passing_run_exits_0_writes_data_docs_and_results)
    proc = run_validate(
        "--db",
        str(db),
        "--out",
        str(tmp_path / "docs"),
        "--run-results",
        str(tmp_path / "none.json"),
        "--only",
        "marts.landing_row_accounting",
        "--only",
        "marts.mapping_completeness",
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "RESULT: FAILED" in proc.stdout
    assert "CRITICAL: [great_expectations] marts.landing_row_accounting" in proc.stdout
    assert "warning: [great_expectations] marts.mapping_completeness" in proc.stdout
    assert (tmp_path / "docs" / "index.html").exists()
    con = duckdb.connect(str(db), read_only=True)
    failed = con.execute(
        "select entity, check_name, severity from data_quality.dq_results where not passed order by 1"
    ).fetchall()
    con.close()
    assert failed == [
        ("marts.landing_row_accounting", "expect_column_pair_values_a_to_be_greater_than_b", "critical"),
        ("marts.mapping_completeness", "expect_table_row_count_to_equal", "warning"),
    ]

    # the warning alone does not stop the release
    db2 = copy_db(small_build, tmp_path / "w")
    con = duckdb.connect(str(db2))
    con.execute(
        "insert into marts.mapping_completeness values "
        "('01', 'service_code', 'XYZ', 'service_not_in_catalogue', 'test', null, null, 1)"
    )
    con.close()
    code = cli.main(
        [
            "validate",
            "--db",
            str(db2),
            "--out",
            str(tmp_path / "docs2"),
            "--no-record",
            "--no-dbt-results",
            "--only",
            "marts.mapping_completeness",
            "--only",
            "marts.landing_row_accounting",
        ]
    )
    assert code == 0
    assert "RESULT: PASSED with warnings" in capsys.readouterr().out


def test_missing_database_is_a_clear_error(tmp_path):
    proc = run_validate("--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path / "docs"))
    assert proc.returncode == 2
    assert "database not found" in proc.stderr and "Traceback" not in proc.stderr


def test_dbt_results_are_looked_for_beside_the_database(small_build):
    assert default_run_results(small_build.db_path) == run_results_of(small_build).resolve()
    assert default_out_dir(Path("/data/county.duckdb")) == Path("/data/county_validation")


def test_dbt_results_of_another_database_are_refused(small_build, tmp_path):
    # another file (another DuckDB catalog) ...
    other = copy_db(small_build, tmp_path / "a", name="other.duckdb")
    proc = run_validate("--db", str(other), "--run-results", str(run_results_of(small_build)), "--no-record")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    message = proc.stderr.strip()
    assert "belong to another database" in message and '"build"' in message and '"other"' in message
    assert "--run-results" in message and "--no-dbt-results" in message
    assert "\n" not in message and "Traceback" not in message, "one paragraph"
    assert not (tmp_path / "a" / "other_validation").exists(), "refused before anything is written"
    # ... and a file of the same name that was last written before the build started (a build of another copy)
    stale = copy_db(small_build, tmp_path / "b")
    os.utime(stale, (0, 946684800))  # 1.1.2000
    proc = run_validate("--db", str(stale), "--run-results", str(run_results_of(small_build)), "--no-record")
    assert proc.returncode == 2 and "built another file" in proc.stderr, proc.stderr


def test_failed_build_leads_with_its_root_cause_and_docs_read_offline(small_build, tmp_path, capsys):
    from test_report import _browser_dom

    results = json.loads(run_results_of(small_build).read_text(encoding="utf-8"))
    failed_uid = "model.tietopohja.key_figures"
    for r in results["results"]:
        if r["unique_id"] == failed_uid:
            r["status"], r["message"] = (
                "error",
                "Runtime Error in model key_figures\n  Binder Error: column x not found",
            )
        elif r["unique_id"].startswith("model.tietopohja.key_figures_"):
            r["status"], r["message"] = "skipped", "SKIP"
    failed_run = tmp_path / "failed_target"
    failed_run.mkdir()
    (failed_run / "run_results.json").write_text(json.dumps(results), encoding="utf-8")
    shutil.copy(run_results_of(small_build).with_name("manifest.json"), failed_run / "manifest.json")
    db = copy_db(small_build, tmp_path / "wh")

    code = cli.main(["validate", "--db", str(db), "--run-results", str(failed_run / "run_results.json"), "--no-record"])
    out = capsys.readouterr().out
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("dbt build FAILED — root cause: model marts.key_figures"), out[:500]
    assert "Binder Error: column x not found" in out.split("validating", 1)[0]
    assert "2 node(s) skipped" in out or "node(s) skipped" in out
    assert "RESULT: FAILED" in out

    # the Data Docs of this database, beside it, readable without a network
    docs = tmp_path / "wh" / "build_validation"
    index = docs / "index.html"
    assert index.exists()
    external = re.compile(r"""<(?:script|link|img)[^>]+(?:src|href)=["']?(?:https?:)?//""", re.IGNORECASE)
    pages = list(docs.rglob("*.html"))
    assert len(pages) > 10 and not [p for p in pages if external.search(p.read_text(encoding="utf-8"))]
    dom = _browser_dom(index.as_uri(), tmp_path / "profile")
    assert "Binder Error: column x not found" in dom and "staging.stg_patient__visits" in dom
    suite = re.search(r'href="(validations/staging/stg_patient__visits/[^"]+)"', dom).group(1)
    page = _browser_dom((docs / suite).as_uri(), tmp_path / "profile2")
    assert "Evaluated Expectations" in page and "visit_id" in page
