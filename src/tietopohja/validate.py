"""``tietopohja validate``: check a finished build with Great Expectations.

Runs after ``dbt build``, in its own process. The suites come from
:mod:`tietopohja.expectations` (generated from the landing contract, the
marts' YAML and the reference seeds). Each data set is read with DuckDB
(read only) into a pandas dataframe and validated through GX's pandas
datasource (GX's SQL datasource does not work with DuckDB; toolchain notes).

Writes:

* GX Data Docs (HTML) into ``--out`` (default ``target/validation/``),
  ``index.html`` at the top;
* one row per check into ``data_quality.dq_results`` of the DuckDB file
  (appended per run), together with the dbt test results of the last build
  (``run_results.json``), so data quality can be followed over time.

Exits 1 when a ``critical`` check fails (the release stops), 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
import uuid
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tietopohja.errors import UserError
from tietopohja.expectations import CRITICAL, WARNING, Suite, all_suites
from tietopohja.paths import PROJECT_DIR

DQ_SCHEMA = "data_quality"
DQ_TABLE = f"{DQ_SCHEMA}.dq_results"

DQ_COLUMNS = """
    run_id varchar not null,
    run_at timestamp not null,
    source varchar not null,
    entity varchar,
    check_name varchar not null,
    column_name varchar,
    severity varchar not null,
    passed boolean,
    observed_value varchar,
    details varchar
"""


@dataclass
class Outcome:
    """One check's result, as stored in ``data_quality.dq_results``."""

    source: str  # great_expectations | dbt
    entity: str | None
    check_name: str
    column_name: str | None
    severity: str
    passed: bool | None
    observed_value: str | None
    details: str | None


def default_db_path() -> Path:
    return Path(os.environ.get("TIETOPOHJA_DB_PATH", PROJECT_DIR / "target" / "tietopohja.duckdb"))


def default_run_results() -> Path:
    target = Path(os.environ.get("DBT_TARGET_PATH", PROJECT_DIR / "target"))
    if not target.is_absolute():
        target = PROJECT_DIR / target
    return target / "run_results.json"


def register(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="check a finished build with Great Expectations (exits 1 on a critical failure)",
        description="Validate the staged landing entities and the published marts of a build; write Data Docs "
        "(HTML) and append the results (with the dbt test results) to data_quality.dq_results.",
    )
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="DuckDB file of a finished build (default: $TIETOPOHJA_DB_PATH or target/tietopohja.duckdb)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=PROJECT_DIR / "target" / "validation",
        help="folder for the Data Docs site (default: target/validation)",
    )
    p.add_argument(
        "--run-results",
        type=Path,
        default=None,
        help="dbt run_results.json of the build (default: $DBT_TARGET_PATH or target/)",
    )
    p.add_argument("--no-record", action="store_true", help="do not append the results to data_quality.dq_results")
    p.set_defaults(func=_run)


# --------------------------------------------------------------------------
# Great Expectations
# --------------------------------------------------------------------------


def _quiet_gx():
    """Import GX without analytics, progress bars or log noise."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    warnings.filterwarnings("ignore")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    import great_expectations.expectations as gxe

    return gx, gxe


class _Validator:
    def __init__(self, out_dir: Path):
        self.gx, self.gxe = _quiet_gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._tmp = tempfile.TemporaryDirectory(prefix="tietopohja-gx-")
        self.context = self.gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.datasource = self.context.data_sources.add_pandas("tietopohja")
        self.out_dir = out_dir
        self.context.add_data_docs_site(
            site_name="tietopohja",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(out_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )

    def run(self, suite: Suite, df) -> list[tuple[int, object]]:
        """Validate ``df`` against ``suite``: [(index of the check, GX result)]."""
        gx = self.gx
        asset = self.datasource.add_dataframe_asset(suite.name)
        batch = asset.add_batch_definition_whole_dataframe("whole")
        gx_suite = gx.ExpectationSuite(name=suite.name)
        for i, check in enumerate(suite.checks):
            cls = getattr(self.gxe, check.expectation)
            gx_suite.add_expectation(
                cls(**check.kwargs, severity=check.severity, meta={"check_index": i, "rule": check.rule})
            )
        gx_suite = self.context.suites.add(gx_suite)
        definition = self.context.validation_definitions.add(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
        )
        checkpoint = self.context.checkpoints.add(
            gx.Checkpoint(
                name=suite.name,
                validation_definitions=[definition],
                result_format={"result_format": "SUMMARY"},
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": df})
        out = []
        for run in result.run_results.values():
            for r in run.results:
                out.append((int(r.expectation_config.meta["check_index"]), r))
        return out

    def build_docs(self) -> Path:
        self.context.build_data_docs(site_names=["tietopohja"])
        return self.out_dir / "index.html"


def _observed(result) -> str | None:
    res = result.result or {}
    if result.exception_info and result.exception_info.get("raised_exception"):
        return f"error: {result.exception_info.get('exception_message')}"[:500]
    if "observed_value" in res:
        return str(res["observed_value"])[:500]
    if "unexpected_count" in res:
        text = f"{res['unexpected_count']} of {res.get('element_count')} unexpected"
        sample = res.get("partial_unexpected_list") or []
        if sample:
            text += " (e.g. " + ", ".join(repr(v) for v in sample[:5]) + ")"
        return text[:500]
    return None


# --------------------------------------------------------------------------
# dbt results
# --------------------------------------------------------------------------


def dbt_outcomes(run_results: Path) -> tuple[list[Outcome], str]:
    """The data tests of ``run_results.json`` (entity from the manifest beside it)."""
    if not run_results.exists():
        return [], f"no dbt results at {run_results}: dbt tests not recorded"
    data = json.loads(run_results.read_text(encoding="utf-8"))
    manifest_path = run_results.with_name("manifest.json")
    nodes = {}
    if manifest_path.exists():
        nodes = json.loads(manifest_path.read_text(encoding="utf-8")).get("nodes", {})
    outcomes = []
    for r in data.get("results", []):
        uid = r.get("unique_id", "")
        if not uid.startswith("test."):
            continue
        node = nodes.get(uid, {})
        severity = str((node.get("config") or {}).get("severity", "error")).lower()
        attached = node.get("attached_node") or next(iter((node.get("depends_on") or {}).get("nodes") or []), None)
        target = nodes.get(attached or "", {})
        entity = f"{target['schema']}.{target.get('alias') or target['name']}" if target else attached
        status = r.get("status")
        outcomes.append(
            Outcome(
                source="dbt",
                entity=entity,
                check_name=node.get("name") or uid.split(".")[2],
                column_name=node.get("column_name"),
                severity=WARNING if severity == "warn" else CRITICAL,
                passed=status == "pass",
                observed_value=f"{status}: {r.get('failures')} failing rows"
                if r.get("failures") is not None
                else status,
                details=(r.get("message") or "")[:500] or None,
            )
        )
    generated = (data.get("metadata") or {}).get("generated_at", "?")
    return outcomes, f"dbt results of {generated} from {run_results}: {len(outcomes)} tests"


# --------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------


def record(db_path: Path, run_id: str, run_at: datetime, outcomes: list[Outcome]) -> None:
    """Append the outcomes to ``data_quality.dq_results`` (created on first use)."""
    import duckdb

    try:
        con = duckdb.connect(str(db_path))
    except duckdb.Error as err:
        raise UserError(f"cannot write {DQ_TABLE} into {db_path} (is another process using it?): {err}") from None
    try:
        con.execute(f"create schema if not exists {DQ_SCHEMA}")
        con.execute(f"create table if not exists {DQ_TABLE} ({DQ_COLUMNS})")
        con.executemany(
            f"insert into {DQ_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    run_id,
                    run_at.replace(tzinfo=None),
                    o.source,
                    o.entity,
                    o.check_name,
                    o.column_name,
                    o.severity,
                    o.passed,
                    o.observed_value,
                    o.details,
                ]
                for o in outcomes
            ],
        )
    finally:
        con.close()


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------


def validate(
    db_path: Path, out_dir: Path, run_results: Path | None = None, record_results: bool = True, echo=print
) -> tuple[int, list[Outcome]]:
    """Validate the build in ``db_path``; return (exit code, outcomes)."""
    import duckdb

    if not db_path.exists():
        raise UserError(f"database not found: {db_path} (run dbt build first)")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as err:
        raise UserError(f"cannot open {db_path} read-only (is dbt still running?): {err}") from None
    run_id = uuid.uuid4().hex
    run_at = datetime.now(UTC)
    started = time.monotonic()
    outcomes: list[Outcome] = []
    try:
        suites, skipped = all_suites(con)
        if not suites:
            raise UserError(f"nothing to validate in {db_path}: no staging views or marts (run dbt build first)")
        out_dir.mkdir(parents=True, exist_ok=True)
        echo(f"validating {db_path} ({len(suites)} suites, {sum(len(s.checks) for s in suites)} checks)")
        validator = _Validator(out_dir)
        width = max(len(s.name) for s in suites)
        for suite in suites:
            df = con.execute(suite.sql).df()
            results = validator.run(suite, df)
            failed = {CRITICAL: 0, WARNING: 0}
            for index, result in results:
                check = suite.checks[index]
                if not result.success:
                    failed[check.severity] += 1
                outcomes.append(
                    Outcome(
                        source="great_expectations",
                        entity=suite.name,
                        check_name=check.name,
                        column_name=check.column,
                        severity=check.severity,
                        passed=bool(result.success),
                        observed_value=_observed(result),
                        details=check.rule,
                    )
                )
            status = (
                "ok" if not any(failed.values()) else (f"{failed[CRITICAL]} critical, {failed[WARNING]} warning FAILED")
            )
            echo(f"  {suite.name:<{width}}  {len(df):>9} rows  {len(results):>3} checks  {status}")
        for name in skipped:
            echo(f"  skipped {name}")
    finally:
        con.close()

    index = validator.build_docs()
    dbt_rows, dbt_note = dbt_outcomes(run_results or default_run_results())
    echo(dbt_note)
    outcomes.extend(dbt_rows)
    if record_results:
        record(db_path, run_id, run_at, outcomes)

    return _summary(outcomes, index, run_id, record_results, time.monotonic() - started, echo), outcomes


def _summary(outcomes, index: Path, run_id: str, recorded: bool, seconds: float, echo) -> int:
    def failures(severity):
        return [o for o in outcomes if o.severity == severity and o.passed is False]

    critical, warn = failures(CRITICAL), failures(WARNING)
    gx_count = sum(1 for o in outcomes if o.source == "great_expectations")
    echo("")
    for label, items in (("CRITICAL", critical), ("warning", warn)):
        for o in items[:20]:
            where = f"{o.entity}" + (f".{o.column_name}" if o.column_name else "")
            echo(f"{label}: [{o.source}] {where}: {o.check_name}: {o.observed_value}")
        if len(items) > 20:
            echo(f"{label}: ... and {len(items) - 20} more (see the Data Docs / {DQ_TABLE})")
    echo(
        f"{gx_count} expectations and {len(outcomes) - gx_count} dbt tests in {seconds:.1f} s: "
        f"{len(critical)} critical failures, {len(warn)} warnings"
    )
    echo(f"data docs: {index}")
    if recorded:
        echo(f"results: {DQ_TABLE} (run_id {run_id})")
    if critical:
        echo("RESULT: FAILED — critical checks failed, do not release")
        return 1
    echo("RESULT: PASSED" + (" with warnings" if warn else ""))
    return 0


def _run(args: argparse.Namespace) -> int:
    code, _ = validate(
        (args.db or default_db_path()).resolve(),
        args.out.resolve(),
        args.run_results,
        record_results=not args.no_record,
    )
    sys.stdout.flush()
    return code
