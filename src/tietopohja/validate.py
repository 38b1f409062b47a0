"""``tietopohja validate``: check a finished build with Great Expectations.

Runs after ``dbt build``, in its own process. The suites come from
:mod:`tietopohja.expectations` (generated from the landing contract, the
marts' YAML and the reference seeds). Each data set is read with DuckDB
(read only) into a pandas dataframe and validated through GX's pandas
datasource (GX's SQL datasource does not work with DuckDB; toolchain notes).

Writes:

* the Data Docs of the database into ``--out`` (default: a folder named
  after the DuckDB file, beside it: ``target/tietopohja_validation/`` for
  ``target/tietopohja.duckdb``), readable offline: ``index.html`` is a plain
  summary page written here, linking GX's page of each suite, from which the
  links to CDN stylesheets and scripts are removed;
* one row per check into ``data_quality.dq_results`` of the DuckDB file
  (appended per run), together with the dbt test results of the build that
  wrote that file (``run_results.json``), so data quality can be followed
  over time.

The dbt results are used only when they belong to the same database: the
DuckDB catalog their nodes were built in is the file's, and the file was
written after that build started; otherwise validate refuses with a message
saying which build they came from. When that build failed, the output leads
with its root cause (the first failing node and its message).

Exits 1 when a ``critical`` check fails (the release stops), 0 otherwise.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import os
import re
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


def default_out_dir(db_path: Path) -> Path:
    """The Data Docs of a database: a folder named after the file, beside it."""
    return db_path.parent / f"{db_path.stem}_validation"


def run_results_candidates(db_path: Path) -> list[Path]:
    """Where the dbt results of the build of ``db_path`` are looked for, in order: beside the database
    (``<folder>/dbt_target/``, ``<folder>/``), ``$DBT_TARGET_PATH``, the project's ``target/``."""
    places = [db_path.parent / "dbt_target", db_path.parent]
    if os.environ.get("DBT_TARGET_PATH"):
        target = Path(os.environ["DBT_TARGET_PATH"])
        places.append(target if target.is_absolute() else PROJECT_DIR / target)
    places.append(PROJECT_DIR / "target")
    out: list[Path] = []
    for place in places:
        candidate = (place / "run_results.json").resolve()
        if candidate not in out:
            out.append(candidate)
    return out


def default_run_results(db_path: Path | None = None) -> Path:
    """The first run_results.json of :func:`run_results_candidates` that exists (else the first place)."""
    candidates = run_results_candidates((db_path or default_db_path()).resolve())
    return next((c for c in candidates if c.exists()), candidates[0])


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
        default=None,
        help="folder for the Data Docs (default: <db folder>/<db name>_validation, one per database)",
    )
    p.add_argument(
        "--run-results",
        type=Path,
        default=None,
        help="dbt run_results.json of the build that wrote --db (default: the first found in <db folder>/dbt_target/, "
        "<db folder>/, $DBT_TARGET_PATH, target/; refused when it belongs to another database)",
    )
    p.add_argument(
        "--no-dbt-results", action="store_true", help="validate without dbt's test results (Great Expectations only)"
    )
    p.add_argument("--no-record", action="store_true", help="do not append the results to data_quality.dq_results")
    p.add_argument(
        "--only",
        action="append",
        metavar="RELATION",
        help="validate only this relation (<schema>.<table>, e.g. marts.mapping_completeness); repeatable",
    )
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


#: statuses of a node that failed (a test of severity warn has status 'warn' and did not fail)
FAILED_STATUSES = ("error", "fail", "runtime error")


@dataclass
class DbtRun:
    """One dbt invocation's results (``run_results.json``) and its manifest, when beside it."""

    path: Path
    results: list[dict]
    nodes: dict
    metadata: dict
    args: dict
    adapter_type: str | None

    @classmethod
    def load(cls, path: Path) -> DbtRun:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise UserError(f"cannot read the dbt results {path}: {err}") from None
        manifest_path = path.with_name("manifest.json")
        manifest = {}
        if manifest_path.exists():
            try:
                manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            except ValueError:
                manifest = {}
        return cls(
            path=path,
            results=data.get("results") or [],
            nodes=manifest.get("nodes") or {},
            metadata=data.get("metadata") or {},
            args=data.get("args") or {},
            adapter_type=(manifest.get("metadata") or {}).get("adapter_type"),
        )

    @property
    def command(self) -> str:
        return self.args.get("invocation_command") or f"dbt {self.args.get('which', '?')}"

    @property
    def started_at(self) -> datetime | None:
        return _parse_time(self.metadata.get("invocation_started_at"))

    @property
    def generated_at(self) -> datetime | None:
        return _parse_time(self.metadata.get("generated_at"))

    def catalogs(self) -> set[str]:
        """The DuckDB catalogs (database names) the run's nodes were built in."""
        found = set()
        for r in self.results:
            name = r.get("relation_name") or ""
            match = re.match(r'^"((?:[^"]|"")*)"\.', name)
            if match:
                found.add(match.group(1).replace('""', '"'))
        if not found:
            found = {n.get("database") for n in self.nodes.values() if n.get("resource_type") == "model"} - {None}
        return found

    def wrote_tables(self) -> bool:
        return any(r.get("status") == "success" and r.get("unique_id", "").startswith("model.") for r in self.results)

    def failures(self) -> list[dict]:
        """The failed nodes, the earliest first (by when they started executing)."""
        failed = [(i, r) for i, r in enumerate(self.results) if r.get("status") in FAILED_STATUSES]

        def started(item):
            i, r = item
            times = [t.get("started_at") for t in r.get("timing") or [] if t.get("started_at")]
            return (min(times) if times else "9999", i)

        return [r for _, r in sorted(failed, key=started)]

    def skipped(self) -> int:
        return sum(1 for r in self.results if r.get("status") == "skipped")

    def describe(self, uid: str) -> str:
        node = self.nodes.get(uid) or {}
        kind = node.get("resource_type") or uid.split(".")[0]
        if node.get("schema") and kind in ("model", "seed", "snapshot"):
            name = f"{node['schema']}.{node.get('alias') or node.get('name')}"
        else:
            name = node.get("name") or uid.split(".")[-1]
        where = node.get("original_file_path")
        return f"{kind} {name}" + (f" ({where})" if where else "")


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _db_catalog(con) -> str:
    return con.execute("select current_database()").fetchall()[0][0]


def _last_written(db_path: Path) -> datetime:
    times = [p.stat().st_mtime for p in (db_path, db_path.with_name(db_path.name + ".wal")) if p.exists()]
    return datetime.fromtimestamp(max(times), UTC)


def check_same_database(run: DbtRun, db_path: Path, catalog: str) -> None:
    """Refuse dbt results that another database's build wrote (one paragraph saying whose they are)."""
    reasons = []
    if run.adapter_type and run.adapter_type != "duckdb":
        reasons.append(f"they come from a build on {run.adapter_type}, not DuckDB")
    catalogs = run.catalogs()
    if catalogs and catalog not in catalogs:
        names = ", ".join(f'"{c}"' for c in sorted(catalogs))
        reasons.append(f'their tables were built in the DuckDB database {names}, but {db_path.name} is "{catalog}"')
    started = run.started_at
    written = _last_written(db_path)
    if not reasons and started and run.wrote_tables() and (started - written).total_seconds() > 2:
        reasons.append(
            f"that build started at {started:%Y-%m-%d %H:%M:%S} UTC, after {db_path.name} was last written "
            f"({written:%Y-%m-%d %H:%M:%S} UTC), so it built another file"
        )
    if reasons:
        raise _refusal(run, db_path, reasons)


def _refusal(run: DbtRun, db_path: Path, reasons: list[str]) -> UserError:
    started = run.started_at
    when = f" (started {started:%Y-%m-%d %H:%M:%S} UTC)" if started else ""
    return UserError(
        f"the dbt results {run.path} belong to another database, not {db_path}: they are the results of "
        f"`{run.command}`{when}, and {'; '.join(reasons)}. Validating one database with another build's dbt "
        f"tests would report the wrong build. Pass the run_results.json of the build that wrote {db_path} with "
        f"--run-results (dbt writes it into its target folder: $DBT_TARGET_PATH, else target/), rebuild the "
        f"database (TIETOPOHJA_DB_PATH={db_path} dbt build) and validate again, or validate without dbt's "
        f"results with --no-dbt-results."
    )


def root_cause(run: DbtRun) -> str | None:
    """The first failing node of a failed build and its message, in a few lines; None when nothing failed."""
    failures = run.failures()
    if not failures:
        return None
    first = failures[0]
    message = (first.get("message") or "").strip() or str(first.get("status"))
    lines = [line for line in message.splitlines() if line.strip()]
    shown = "\n    ".join(lines[:12]) + ("\n    ..." if len(lines) > 12 else "")
    text = (
        f"dbt build FAILED — root cause: {run.describe(first.get('unique_id', '?'))} {first.get('status')}:\n"
        f"    {shown}"
    )
    more, skipped = len(failures) - 1, run.skipped()
    after = [f"{more} more failing node(s)" if more else "", f"{skipped} node(s) skipped" if skipped else ""]
    if more or skipped:
        text += f"\n  after it: {' and '.join(a for a in after if a)} (results: {run.path})"
    return text


def dbt_outcomes(run: DbtRun | Path) -> tuple[list[Outcome], str]:
    """The data tests of a dbt run (entity from the manifest beside it) and its failed models and seeds."""
    if isinstance(run, Path):
        if not run.exists():
            return [], f"no dbt results at {run}: dbt tests not recorded"
        run = DbtRun.load(run)
    nodes = run.nodes
    outcomes = []
    for r in run.results:
        uid = r.get("unique_id", "")
        status = r.get("status")
        if not uid.startswith("test."):
            if status in FAILED_STATUSES:
                outcomes.append(
                    Outcome(
                        source="dbt",
                        entity=run.describe(uid),
                        check_name=f"dbt {uid.split('.')[0]} built",
                        column_name=None,
                        severity=CRITICAL,
                        passed=False,
                        observed_value=status,
                        details=(r.get("message") or "")[:500] or None,
                    )
                )
            continue
        node = nodes.get(uid, {})
        severity = str((node.get("config") or {}).get("severity", "error")).lower()
        attached = node.get("attached_node") or next(iter((node.get("depends_on") or {}).get("nodes") or []), None)
        target = nodes.get(attached or "", {})
        entity = f"{target['schema']}.{target.get('alias') or target['name']}" if target else attached
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
    generated = run.metadata.get("generated_at", "?")
    tests = sum(1 for r in run.results if r.get("unique_id", "").startswith("test."))
    return outcomes, f"dbt results of {generated} from {run.path}: {tests} tests"


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
    db_path: Path,
    out_dir: Path | None = None,
    run_results: Path | None = None,
    record_results: bool = True,
    echo=print,
    use_dbt_results: bool = True,
    only: list[str] | None = None,
) -> tuple[int, list[Outcome]]:
    """Validate the build in ``db_path``; return (exit code, outcomes). ``only``: the suites
    (relations, e.g. ``marts.mapping_completeness``) to run, instead of every one."""
    import duckdb

    if not db_path.exists():
        raise UserError(f"database not found: {db_path} (run dbt build first)")
    out_dir = out_dir or default_out_dir(db_path)
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as err:
        raise UserError(f"cannot open {db_path} read-only (is dbt still running?): {err}") from None
    run_id = uuid.uuid4().hex
    run_at = datetime.now(UTC)
    started = time.monotonic()
    outcomes: list[Outcome] = []
    stats: list[tuple[str, int, int, int, int]] = []
    run: DbtRun | None = None
    dbt_note = "dbt results not used (--no-dbt-results)"
    try:
        if use_dbt_results:
            path = run_results or default_run_results(db_path)
            if path.exists():
                run = DbtRun.load(path)
                check_same_database(run, db_path, _db_catalog(con))
            else:
                dbt_note = f"no dbt results at {path}: dbt tests not recorded"
        cause = root_cause(run) if run else None
        if cause:
            echo(cause)
            echo("")
        suites, skipped = all_suites(con)
        if not suites:
            raise UserError(f"nothing to validate in {db_path}: no staging views or marts (run dbt build first)")
        if only:
            unknown = sorted(set(only) - {s.name for s in suites})
            if unknown:
                raise UserError(
                    f"no suite for {', '.join(unknown)} in {db_path}: give --only a relation as "
                    "<schema>.<table> (e.g. marts.mapping_completeness), as validate lists them"
                )
            suites, skipped = [s for s in suites if s.name in only], []
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
            stats.append((suite.name, len(df), len(results), failed[CRITICAL], failed[WARNING]))
            status = (
                "ok" if not any(failed.values()) else (f"{failed[CRITICAL]} critical, {failed[WARNING]} warning FAILED")
            )
            echo(f"  {suite.name:<{width}}  {len(df):>9} rows  {len(results):>3} checks  {status}")
        for name in skipped:
            echo(f"  skipped {name}")
    finally:
        con.close()

    validator.build_docs()
    if run is not None:
        dbt_rows, dbt_note = dbt_outcomes(run)
        outcomes.extend(dbt_rows)
    echo(dbt_note)
    if record_results:
        record(db_path, run_id, run_at, outcomes)
    index = write_docs_index(out_dir, db_path, run_at, stats, outcomes, dbt_note, cause)

    return _summary(outcomes, index, run_id, record_results, time.monotonic() - started, echo, cause), outcomes


# --------------------------------------------------------------------------
# Data Docs readable offline
# --------------------------------------------------------------------------

_EXTERNAL = re.compile(
    r"""<script[^>]*\bsrc=["']?(?:https?:)?//[^>]*>\s*</script>|<link[^>]*\bhref=["']?(?:https?:)?//[^>]*>"""
    r"""|<img[^>]*\bsrc=["']?(?:https?:)?//[^>]*>""",
    re.IGNORECASE,
)
_OFFLINE_STYLE = (
    "<style data-tietopohja-offline>body{font-family:system-ui,sans-serif;margin:1rem}"
    "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d5dbe1;padding:.2rem .5rem;"
    "vertical-align:top;text-align:left}.cooltip .top{display:none}</style>"
)


def make_offline(out_dir: Path) -> int:
    """Remove the CDN stylesheets and scripts from GX's pages (their content is plain HTML) and give them a
    small stylesheet of their own, so that they read the same without a network. Returns the pages changed."""
    changed = 0
    for page in out_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = _EXTERNAL.sub("", text)
        if "data-tietopohja-offline" not in new:
            new = new.replace("</head>", _OFFLINE_STYLE + "</head>", 1)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def _suite_page(out_dir: Path, suite: str) -> str | None:
    folder = out_dir / "validations" / Path(*suite.split("."))
    pages = sorted(folder.rglob("*.html"), key=lambda p: p.stat().st_mtime) if folder.exists() else []
    return pages[-1].relative_to(out_dir).as_posix() if pages else None


def write_docs_index(
    out_dir: Path,
    db_path: Path,
    run_at: datetime,
    stats: list[tuple[str, int, int, int, int]],
    outcomes: list[Outcome],
    dbt_note: str,
    cause: str | None,
) -> Path:
    """The Data Docs' front page: a plain, offline summary of this run linking GX's page of each suite."""
    make_offline(out_dir)
    esc = html.escape
    rows = []
    for name, n_rows, checks, critical, warn in stats:
        link = _suite_page(out_dir, name)
        label = f'<a href="{esc(link)}">{esc(name)}</a>' if link else esc(name)
        state = "ok" if not (critical or warn) else f"{critical} critical, {warn} warning failed"
        cls = "bad" if critical else "warn" if warn else "ok"
        rows.append(
            f'<tr class="{cls}"><td>{label}</td><td class=num>{n_rows}</td><td class=num>{checks}</td>'
            f"<td>{esc(state)}</td></tr>"
        )
    failed = [o for o in outcomes if o.passed is False]
    fail_rows = [
        f'<tr class="{"bad" if o.severity == CRITICAL else "warn"}"><td>{esc(o.severity)}</td><td>{esc(o.source)}</td>'
        f"<td>{esc(o.entity or '')}{esc('.' + o.column_name if o.column_name else '')}</td><td>{esc(o.check_name)}</td>"
        f"<td>{esc(o.observed_value or '')}</td></tr>"
        for o in sorted(failed, key=lambda o: (o.severity != CRITICAL, o.source, o.entity or ""))
    ]
    critical = sum(1 for o in failed if o.severity == CRITICAL)
    verdict = "FAILED — critical checks failed, do not release" if critical else "PASSED"
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Validation of {esc(db_path.name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:1rem;color:#1d2733}}
table{{border-collapse:collapse;font-size:.9rem}}
td,th{{border-bottom:1px solid #e3e7eb;padding:.2rem .6rem;text-align:left}}
td.num{{text-align:right}}tr.bad td{{background:#fde8e4}}tr.warn td{{background:#fff6dc}}
pre{{background:#fde8e4;padding:.6rem;white-space:pre-wrap}}</style></head><body>
<h1>Validation of {esc(db_path.name)}</h1>
<p>Database <code>{esc(str(db_path))}</code>, validated {run_at:%Y-%m-%d %H:%M} UTC: <b id="verdict">{verdict}</b>
({len(failed)} failed checks, {critical} critical).<br>{esc(dbt_note)}</p>
{f"<h2>The dbt build failed</h2><pre id=root-cause>{esc(cause)}</pre>" if cause else ""}
<h2>Failed checks</h2>
{
        "<p>None.</p>"
        if not fail_rows
        else "<table><thead><tr><th>severity</th><th>source</th><th>table.column</th>"
        "<th>check</th><th>observed</th></tr></thead><tbody>" + "".join(fail_rows) + "</tbody></table>"
    }
<h2>Great Expectations suites</h2>
<p>Each suite's page (Great Expectations' own, readable offline) lists every expectation and its result.</p>
<table><thead><tr><th>suite</th><th>rows</th><th>checks</th><th>result</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</body></html>
"""
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _summary(outcomes, index: Path, run_id: str, recorded: bool, seconds: float, echo, cause: str | None = None) -> int:
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
        if cause:
            echo("the dbt build failed; its root cause is at the top of this output")
        echo("RESULT: FAILED — critical checks failed, do not release")
        return 1
    echo("RESULT: PASSED" + (" with warnings" if warn else ""))
    return 0


def _run(args: argparse.Namespace) -> int:
    code, _ = validate(
        (args.db or default_db_path()).resolve(),
        args.out.resolve() if args.out else None,
        args.run_results.resolve() if args.run_results else None,
        record_results=not args.no_record,
        use_dbt_results=not args.no_dbt_results,
        only=args.only,
    )
    sys.stdout.flush()
    return code
