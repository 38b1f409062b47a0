"""``tietopohja bench``: how fast and how big a county-sized build is.

Generates a synthetic county (or reuses one generated with the same
arguments), runs the full ``dbt build`` on it in a subprocess, runs the
hand-written DuckDB baseline (``bench_baseline.sql``) on the same files in
another, and prints one line per figure: residents, landed rows per entity
and in total, build wall time, peak memory, landed rows per second, where
the build's time went (node time per kind, time outside the nodes), the
baseline's time and the build-to-baseline ratio. Measured, never asserted:
the targets and the figures measured on the project machine are in the README.

With ``--incremental`` it measures a monthly delivery instead: the folder's
last month is split off (``split_last_month``), the rest built in full, the
last month's files added and the same ``dbt build`` run again on that
database (incremental), then a full build of the whole folder in another
database (the figures of the plain benchmark) and the two compared table
by table (``compare_databases``).

With ``--separately`` it measures the national comparison built the way
counties work: the landing folder (``--national``: every county, generated
or reused as for ``bench --national``; ``--landing-dir``: any folder of
several counties, e.g. the bundled sample) is split into one folder per
county (``split_by_county``), each county is built in a database of its own
and exported (``tietopohja export --format parquet``), and the county
comparison is then built once, in the last county's database, over the
exports (``TIETOPOHJA_COMPARISON_DIR``). Memory is bounded by the largest
county, not by the nation.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import yaml

from tietopohja.dbt_runner import HISTORY_ENV, HISTORY_MARTS, DbtResult, run_dbt, run_measured
from tietopohja.errors import UserError
from tietopohja.paths import PROJECT_DIR, REFERENCE_SEEDS_DIR

BASELINE_SQL = Path(__file__).with_name("bench_baseline.sql")


def _what(args: argparse.Namespace) -> tuple[int | dict[str, int], list[str], str]:
    """Residents (one number, or per county with ``--national``), counties and a folder name."""
    from tietopohja.generator.core import national_counties

    if getattr(args, "national", False):
        scale = getattr(args, "scale", 1.0)
        population = national_counties(scale)
        return population, list(population), f"national_{scale:g}"
    if args.residents is None:
        raise UserError("give --residents, or --national")
    return args.residents, [args.county], f"{args.county}_{args.residents}"


def landing_for(args: argparse.Namespace, progress=print) -> tuple[Path, dict]:
    """The landing folder for the arguments, generated unless it exists already."""
    from tietopohja.generator import generate
    from tietopohja.generator.writer import generator_digest

    residents, counties, name = _what(args)
    data_dir = args.data_dir or (PROJECT_DIR / "target" / "bench" / f"landing_{name}_{args.years}_{args.seed}")
    manifest_path = data_dir / "_manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        wanted = {"residents": residents, "years": args.years, "counties": counties, "seed": args.seed}
        if all(manifest["generator_args"].get(k) == v for k, v in wanted.items()):
            if manifest.get("generator_digest") == generator_digest():
                progress(f"reusing {data_dir}")
                return data_dir, manifest
            progress(f"generating {data_dir} again: another version of the generator wrote it")
    total = sum(residents.values()) if isinstance(residents, dict) else residents
    progress(f"generating {total} residents x {args.years} year(s) of {', '.join(counties)} into {data_dir}")
    return data_dir, generate(residents, args.years, counties, args.seed, data_dir)


def run_baseline(landing: Path) -> DbtResult:
    """Run the baseline script in a subprocess; return its result (wall seconds, CPU, steal)."""
    result = run_measured([sys.executable, "-m", "tietopohja.bench", "--baseline", str(landing)])
    if result.returncode != 0:
        raise UserError(f"the baseline script failed:\n{result.output[-2000:]}")
    return result


def _baseline_main(landing: str) -> int:
    import duckdb

    sql = BASELINE_SQL.read_text(encoding="utf-8").format(landing=landing, seeds=REFERENCE_SEEDS_DIR)
    con = duckdb.connect()
    con.execute(sql)
    con.execute("select count(*) from baseline_key_figures").fetchone()
    return 0


def node_seconds(run_results: Path, wall_seconds: float) -> dict[str, float]:
    """Where the build's time went, from dbt's run_results.json.

    ``build_seconds[<kind>]``: the summed execution time of the nodes of each
    kind (model, test, unit_test, seed; with two threads the sum exceeds the
    wall time); ``build_outside_nodes_seconds``: wall time not spent running
    nodes (starting Python, parsing the project, writing the artefacts).
    """
    results = json.loads(run_results.read_text(encoding="utf-8"))
    by_kind: dict[str, float] = {}
    for result in results["results"]:
        kind = result["unique_id"].split(".", 1)[0]
        if kind in ("model", "test", "unit_test", "seed"):
            by_kind[kind] = by_kind.get(kind, 0.0) + result["execution_time"]
    figures = {f"build_seconds[{kind}]": round(seconds, 1) for kind, seconds in sorted(by_kind.items())}
    figures["build_outside_nodes_seconds"] = round(wall_seconds - results["elapsed_time"], 1)
    return figures


#: the date column that puts a row of an event entity in a month (the file name's entity prefix)
def _event_time_columns() -> dict[str, str]:
    """Each event entity's date column (``system/entity`` -> column), read from the sources' dbt
    ``event_time`` config (models/staging/<system>/_<system>__sources.yml): the column that says
    which month a row belongs to."""
    columns: dict[str, str] = {}
    for path in sorted((PROJECT_DIR / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text(encoding="utf-8")).get("sources", []):
            for table in source.get("tables", []):
                if column := (table.get("config") or {}).get("event_time"):
                    columns[f"{source['name']}/{table['name']}"] = column
    return columns


MONTH_COLUMNS = _event_time_columns()
_MONTH_IN_NAME = re.compile(r"_(\d{4}-\d{2})(?:_[A-Za-z]+)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})")
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _month_of(text: str) -> str | None:
    text = (text or "").strip()
    if m := _ISO_MONTH.match(text):
        return f"{m[1]}-{m[2]}"
    if m := _FI_DATE.match(text):
        return f"{m[3]}-{int(m[2]):02d}"
    return None


def _entity_of(rel: str) -> str | None:
    system, _, name = rel.partition("/")
    matches = [e for e in MONTH_COLUMNS if e.startswith(system + "/") and name.startswith(e.split("/")[1])]
    return max(matches, key=len) if matches else None


def last_month(landing: Path) -> str:
    """The latest month of the folder: the latest ``_YYYY-MM`` of its monthly ledger files."""
    months = [m[1] for f in landing.glob("*/*") if (m := _MONTH_IN_NAME.search(f.stem))]
    if not months:
        raise UserError(f"{landing}: no monthly files (name_YYYY-MM.csv) to take the last month from")
    return max(months)


def split_last_month(source: Path, target: Path, delivery: Path, month: str) -> list[Path]:
    """Copy ``source`` to ``target`` without ``month``; return that month's files (written under
    ``delivery``, paths below it as in the landing folder). Unchanged files are hard links.

    A file named for the month (``gl_entries_06_2024-12.csv``) is the month's as it is; a file of an
    event entity holding several months (``visits_06.csv``) is split by the entity's date column
    (``MONTH_COLUMNS``): the month's rows go to ``<name>_<month>.<ext>``, which sorts after it. Every
    other file is linked unchanged. The split rows keep the file's header, delimiter and values.
    """
    shutil.rmtree(target, ignore_errors=True)
    shutil.rmtree(delivery, ignore_errors=True)
    delivered: list[Path] = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_dir() or len(rel.parts) != 2:
            continue
        (target / rel.parent).mkdir(parents=True, exist_ok=True)
        named = _MONTH_IN_NAME.search(path.stem)
        entity = _entity_of(rel.as_posix())
        if named and named[1] == month:
            (delivery / rel.parent).mkdir(parents=True, exist_ok=True)
            _link(path, delivery / rel)
            delivered.append(rel)
        elif named or entity is None:
            _link(path, target / rel)
        else:
            extra = rel.with_name(f"{path.stem}_{month}{path.suffix}")
            (delivery / rel.parent).mkdir(parents=True, exist_ok=True)
            if _split_file(path, target / rel, delivery / extra, MONTH_COLUMNS[entity], month):
                delivered.append(extra)
    return delivered


def _link(source: Path, target: Path) -> None:
    """A hard link (the folder costs no space), a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _split_file(path: Path, kept: Path, moved: Path, column: str, month: str) -> bool:
    """Split one file by the month of ``column``; False (and the file linked as it is) when no row is in it."""
    if path.suffix.lower() == ".parquet":
        import duckdb

        con = duckdb.connect()
        src = str(path).replace("'", "''")
        in_month = f"strftime(cast({column} as date), '%Y-%m') = '{month}'"
        if not con.execute(f"select count(*) from read_parquet('{src}') where {in_month}").fetchone()[0]:
            _link(path, kept)
            return False
        for out, cond in ((kept, f"not coalesce({in_month}, false)"), (moved, in_month)):
            dst = str(out).replace("'", "''")
            con.execute(f"copy (select * from read_parquet('{src}') where {cond}) to '{dst}' (format parquet)")
        con.close()
        return True
    text = path.read_text(encoding="utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    delimiter = ";" if ";" in body.split("\n", 1)[0] else ","
    rows = list(csv.reader(body.splitlines(keepends=True), delimiter=delimiter))
    if not rows or column not in rows[0]:
        _link(path, kept)
        return False
    header, index = rows[0], rows[0].index(column)
    mine = [r for r in rows[1:] if len(r) > index and _month_of(r[index]) == month]
    if not mine:
        _link(path, kept)
        return False
    rest = [r for r in rows[1:] if not (len(r) > index and _month_of(r[index]) == month)]
    for out, part, prefix in ((kept, rest, bom), (moved, mine, "")):
        with out.open("w", encoding="utf-8", newline="") as fh:
            fh.write(prefix)
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(part)
    return True


def compare_databases(
    a: Path, b: Path, schemas=("staging", "intermediate", "marts", "public")
) -> dict[str, tuple[int, int]]:
    """Every table of ``schemas`` in two DuckDB files compared as multisets of rows (``EXCEPT ALL`` both
    ways; doubles rounded to 6 decimals, as parallel sums differ in their last bits; rows that differ
    only because a double sits on a rounding boundary are then paired up and compared within 1e-9
    relative, see _pair_within_tolerance), except the revision history's marts (HISTORY_MARTS: build ids
    and times). Returns the differing tables: {schema.table: (rows only in a, rows only in b)}; (-1, -1)
    when one file lacks it."""
    import duckdb

    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    con.execute(f"attach '{str(a).replace(chr(39), chr(39) * 2)}' as db_a (read_only)")
    con.execute(f"attach '{str(b).replace(chr(39), chr(39) * 2)}' as db_b (read_only)")
    wanted = ", ".join(f"'{s}'" for s in schemas)

    def tables(db: str) -> set[str]:
        return {
            f"{s}.{t}"
            for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables "
                f"where table_catalog = '{db}' and table_type = 'BASE TABLE' and table_schema in ({wanted})"
            ).fetchall()
            if t not in HISTORY_MARTS
        }

    in_a, in_b = tables("db_a"), tables("db_b")
    differing = {name: (-1, -1) for name in in_a ^ in_b}
    for name in sorted(in_a & in_b):
        schema, table = name.split(".")
        cols = con.execute(
            "select column_name, data_type from information_schema.columns "
            f"where table_catalog = 'db_a' and table_schema = '{schema}' and table_name = '{table}' "
            "order by ordinal_position"
        ).fetchall()
        select = ", ".join(f'round("{c}", 6)' if t in ("DOUBLE", "FLOAT", "REAL") else f'"{c}"' for c, t in cols)
        counts = con.execute(
            f"select (select count(*) from (select {select} from db_a.{name} except all select {select} "
            f"from db_b.{name})), (select count(*) from (select {select} from db_b.{name} except all "
            f"select {select} from db_a.{name}))"
        ).fetchone()
        if counts != (0, 0) and counts[0] == counts[1] <= 10_000:
            doubles = [i for i, (_, t) in enumerate(cols) if t in ("DOUBLE", "FLOAT", "REAL")]
            exprs = [f'round(t."{c}", 6)' if i in doubles else f't."{c}"' for i, (c, _) in enumerate(cols)]
            aliased = ", ".join(f"{e} as c{i}" for i, e in enumerate(exprs))
            match = " and ".join(f"{e} is not distinct from d.c{i}" for i, e in enumerate(exprs))
            rows = [
                con.execute(
                    f"select t.* from db_{x}.{name} as t where exists (select 1 from (select {aliased} "
                    f"from db_{x}.{name} as t except all select {aliased} from db_{y}.{name} as t) as d "
                    f"where {match})"
                ).fetchall()
                for x, y in (("a", "b"), ("b", "a"))
            ]
            if _pair_within_tolerance(rows[0], rows[1], doubles, counts[0]):
                counts = (0, 0)
        if counts != (0, 0):
            differing[name] = counts
    con.close()
    return differing


def _pair_within_tolerance(a: list[tuple], b: list[tuple], doubles: list[int], expected: int) -> bool:
    """Whether the exact rows behind the rounded differences pair up: the same values in every other
    column and doubles within 1e-9 relative (a sum on parallel threads that rounds to the other side
    of a 6th decimal)."""
    if len(a) < expected or len(a) != len(b):
        return False

    def key(r: tuple) -> tuple:
        return tuple(str(v) for i, v in enumerate(r) if i not in doubles)

    def order(r: tuple) -> tuple:
        return (key(r), tuple((r[i] is None, r[i] or 0.0) for i in doubles))

    a, b = sorted(a, key=order), sorted(b, key=order)
    for ra, rb in zip(a, b, strict=True):
        if key(ra) != key(rb):
            return False
        for i in doubles:
            x, y = ra[i], rb[i]
            if (x is None) != (y is None) or (x is not None and abs(x - y) > 1e-9 * max(1.0, abs(x), abs(y))):
                return False
    return True


#: ``bench --models-only``: dbt build without its data and unit tests
MODELS_ONLY = ["--exclude-resource-type", "test", "unit_test"]
#: the build a county runs in production, which the benchmark measures by default: every model,
#: seed and data test, without the unit tests (dbt Labs: unit tests read static inputs, so they
#: belong in development and CI, where the test suite runs them on every change)
PRODUCTION = ["--exclude-resource-type", "unit_test"]


def _build_options(args: argparse.Namespace) -> list[str] | None:
    """The dbt build options of the measured builds: ``--models-only``, ``--unit-tests`` (everything,
    as CI builds the sample) or, by default, the production build (PRODUCTION)."""
    if getattr(args, "models_only", False):
        return MODELS_ONLY
    if getattr(args, "unit_tests", False):
        return None
    return PRODUCTION


def _build(
    label: str, db: Path, landing: Path, work: Path, env: dict[str, str], out, extra: list[str] | None = None
) -> tuple[float, DbtResult]:
    """Parse the project, then build it (``extra``: the build's options): the parse's wall seconds and
    the build's result."""
    # a first build every time: no earlier build of the work dir to compare with
    history = work / "history.duckdb"
    history.unlink(missing_ok=True)
    env = {**env, HISTORY_ENV: str(history)}
    # the project parsed first, from scratch, and its time kept apart (``parse_seconds``): what is
    # measured is the build of a parsed project, as every build after the first on a county's
    # machine (dbt reuses its parse while the project's files and the profile stay the same)
    (work / "dbt_target" / "partial_parse.msgpack").unlink(missing_ok=True)
    out(f"parsing the project ({label}) ...")
    parse = run_dbt(["parse", "--no-write-json"], db_path=db, landing_dir=landing, work_dir=work, env=env)
    if not parse.ok:
        raise UserError(f"dbt parse ({label}) failed (log in {work / 'dbt_logs'}):\n{parse.output[-3000:]}")
    out(f"running dbt build ({label}) ...")
    build = run_dbt(["build", *(extra or [])], db_path=db, landing_dir=landing, work_dir=work, env=env, timeout=7200)
    if not build.ok:
        raise UserError(f"dbt build ({label}) failed (log in {work / 'dbt_logs'}):\n{build.output[-3000:]}")
    return parse.wall_seconds, build


def bench(args: argparse.Namespace, out=print) -> dict[str, float]:
    if getattr(args, "separately", False):
        return separately(args, out)
    if getattr(args, "landing_dir", None):
        raise UserError("--landing-dir is for --separately (the plain bench generates its folder: --data-dir)")
    landing, manifest = landing_for(args, progress=out)
    residents, _, name = _what(args)
    work = PROJECT_DIR / "target" / "bench" / f"build_{name}_{args.years}"
    if getattr(args, "work_dir", None):
        work = args.work_dir
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    # the county's own figures only, whatever comparison folder the environment names
    env = {"TIETOPOHJA_THREADS": str(args.threads), "TIETOPOHJA_COMPARISON_DIR": ""}
    if args.memory_limit:
        env["TIETOPOHJA_MEMORY_LIMIT"] = args.memory_limit
    incremental: dict[str, float | bool] = {}
    if getattr(args, "incremental", False):
        incremental = _incremental(landing, work, env, out, _build_options(args))
        landing = work / "landing_incremental"
    parse_seconds, build = _build("full", db, landing, work, env, out, _build_options(args))
    rows = {name: e["rows_written"] for name, e in manifest["entities"].items()}
    total = sum(rows.values())
    figures: dict[str, float] = {"residents": sum(residents.values()) if isinstance(residents, dict) else residents}
    figures.update({f"landed_rows[{name}]": n for name, n in sorted(rows.items())})
    figures["landed_rows_total"] = total
    figures["parse_wall_seconds"] = round(parse_seconds, 1)
    figures["build_wall_seconds"] = round(build.wall_seconds, 1)
    figures["build_peak_rss_mib"] = round(build.max_rss_kib / 1024, 1)
    figures["build_cpu_seconds"] = round(build.cpu_seconds, 1)
    if build.steal_seconds is not None:
        figures["build_cpu_steal_seconds"] = round(build.steal_seconds, 1)
    figures["landed_rows_per_second"] = round(total / build.wall_seconds)
    figures.update(node_seconds(work / "dbt_target" / "run_results.json", build.wall_seconds))
    if incremental:
        differing = compare_databases(work / "incremental.duckdb", db)
        figures["previous_months_build_wall_seconds"] = incremental["previous"]
        figures["incremental_build_wall_seconds"] = incremental["incremental"]
        figures["incremental_peak_rss_mib"] = incremental["peak"]
        figures["incremental_to_full_ratio"] = round(incremental["incremental"] / build.wall_seconds, 3)
        figures["incremental_equals_full"] = not differing
        figures.update({f"incremental_{name}": value for name, value in incremental["seconds"].items()})
        figures.update({f"incremental_model_seconds[{name}]": value for name, value in incremental["slowest"].items()})
        for name, counts in sorted(differing.items()):
            out(f"differs: {name} {counts}")
    if not args.skip_baseline:
        out("running the hand-written DuckDB baseline ...")
        baseline = run_baseline(landing)
        figures["baseline_wall_seconds"] = round(baseline.wall_seconds, 1)
        if baseline.steal_seconds is not None:
            figures["baseline_cpu_steal_seconds"] = round(baseline.steal_seconds, 1)
        figures["build_to_baseline_ratio"] = round(build.wall_seconds / baseline.wall_seconds, 2)
    for name, value in figures.items():
        out(f"{name}: {str(value).lower() if isinstance(value, bool) else value}")
    return figures


_COUNTY_TOKEN = re.compile(r"^\d{2}$")


def split_by_county(landing: Path, target: Path, counties: list[str]) -> dict[str, Path]:
    """One landing folder per county under ``target`` (``target/<county>/<system>/<file>``, hard links):
    a file goes to the county whose code is the first ``_``-separated part of its name that is a
    county code, as the generator names every file (``visits_01_2024.csv``, ``gl_entries_17_2024-03.csv``).
    Files at the root (``_manifest.json``) are left out; a file naming no county of ``counties`` stops."""
    shutil.rmtree(target, ignore_errors=True)
    folders = {county: target / county for county in counties}
    for path in sorted(landing.glob("*/*")):
        rel = path.relative_to(landing)
        stem = path.name.split(".", 1)[0]
        county = next((t for t in stem.split("_") if _COUNTY_TOKEN.match(t) and t in folders), None)
        if county is None:
            raise UserError(
                f"{path}: its name names none of the counties {', '.join(counties)} "
                "(a folder of several counties is split by the county code in its file names, <entity>_<county>...)"
            )
        (folders[county] / rel.parent).mkdir(parents=True, exist_ok=True)
        if path.is_dir():  # a dataset folder of part files
            shutil.copytree(path, folders[county] / rel, copy_function=_link)
        else:
            _link(path, folders[county] / rel)
    return folders


def _counties_of(landing: Path, manifest: dict | None) -> list[str]:
    """The counties of a landing folder: its generator manifest's, else the county codes in its file names."""
    if manifest and manifest.get("counties"):
        return sorted(manifest["counties"])
    found = {t for p in landing.glob("*/*") for t in p.name.split(".", 1)[0].split("_") if _COUNTY_TOKEN.match(t)}
    if not found:
        raise UserError(f"{landing}: no county codes in its file names (<entity>_<county>...) to split it by")
    return sorted(found)


def separately(args: argparse.Namespace, out=print) -> dict[str, float]:
    """``bench --separately``: every county built, exported and compared on its own (module docstring)."""
    from tietopohja.export import export

    if getattr(args, "landing_dir", None):
        landing = Path(args.landing_dir)
        if not landing.is_dir():
            raise UserError(f"--landing-dir {landing} is not a folder")
        manifest_path = landing / "_manifest.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else None
        name = f"separately_{landing.name}"
    else:
        landing, manifest = landing_for(args, progress=out)
        name = f"separately_{_what(args)[2]}_{args.years}"
    work = Path(getattr(args, "work_dir", None) or PROJECT_DIR / "target" / "bench" / name)
    work.mkdir(parents=True, exist_ok=True)
    env = {"TIETOPOHJA_THREADS": str(args.threads), "TIETOPOHJA_COMPARISON_DIR": ""}
    if args.memory_limit:
        env["TIETOPOHJA_MEMORY_LIMIT"] = args.memory_limit
    extra = _build_options(args)
    counties = _counties_of(landing, manifest)
    out(f"splitting {landing} into {len(counties)} county folders under {work / 'landing'}")
    folders = split_by_county(landing, work / "landing", counties)
    exports = work / "exports"
    shutil.rmtree(exports, ignore_errors=True)
    rows: dict[str, int] = {}
    seconds: dict[str, float] = {}
    peak_kib = 0
    export_seconds = 0.0
    for county, folder in folders.items():
        db = work / county / "bench.duckdb"
        db.unlink(missing_ok=True)
        _, build = _build(f"county {county}", db, folder, work / county, env, out, extra)
        seconds[county] = round(build.wall_seconds, 1)
        peak_kib = max(peak_kib, build.max_rss_kib)
        rows[county] = _rows_read(db)
        started = time.perf_counter()
        export(db, exports / county, "parquet", progress=lambda _line: None)
        export_seconds += time.perf_counter() - started
    db = work / counties[-1] / "bench.duckdb"
    out(f"building the county comparison over {exports} in {db} ...")
    comparison = run_dbt(
        ["build", "--select", "key_figures_county_comparison"],
        db_path=db,
        landing_dir=folders[counties[-1]],
        work_dir=work / "comparison",
        env={**env, "TIETOPOHJA_COMPARISON_DIR": str(exports)},
        timeout=7200,
    )
    if not comparison.ok:
        raise UserError(
            f"the county comparison failed (log in {work / 'comparison' / 'dbt_logs'}):\n{comparison.output[-3000:]}"
        )
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        compared, rows_compared = con.execute(
            "select count(distinct county_code), count(*) from public.key_figures_county_comparison"
        ).fetchone()
    finally:
        con.close()
    figures: dict[str, float] = {}
    if manifest and manifest.get("counties"):
        figures["residents"] = sum(c.get("residents_generated", 0) for c in manifest["counties"].values())
    figures["counties_built"] = len(folders)
    figures["landed_rows_total"] = sum(rows.values())
    figures["build_wall_seconds"] = round(sum(seconds.values()), 1)
    figures["build_peak_rss_mib"] = round(peak_kib / 1024, 1)
    figures["export_wall_seconds"] = round(export_seconds, 1)
    figures["comparison_wall_seconds"] = round(comparison.wall_seconds, 1)
    figures["comparison_counties"] = compared
    figures["comparison_rows"] = rows_compared
    for county in folders:
        figures[f"county_landed_rows[{county}]"] = rows[county]
        figures[f"county_build_wall_seconds[{county}]"] = seconds[county]
    for key, value in figures.items():
        out(f"{key}: {value}")
    return figures


def _rows_read(db: Path) -> int:
    """Landing rows the build read (every row: staged, quarantined or superseded)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("select coalesce(sum(rows_read), 0) from marts.landing_row_accounting").fetchone()[0])
    finally:
        con.close()


def _incremental(landing: Path, work: Path, env: dict[str, str], out, options: list[str] | None) -> dict[str, float]:
    """Build the folder without its last month in full, add the month and build again (incremental):
    leaves ``work / 'landing_incremental'`` (the whole folder) and ``work / 'incremental.duckdb'``.
    The earlier months are built without the data and unit tests (they prepare the database); what is
    measured is the incremental build with the measured builds' ``options`` (_build_options), as a
    county runs it."""
    month = last_month(landing)
    folder = work / "landing_incremental"
    delivery = work / "delivery"
    out(f"splitting off {month} into {delivery}")
    delivered = split_last_month(landing, folder, delivery, month)
    db = work / "incremental.duckdb"
    db.unlink(missing_ok=True)
    _, previous = _build(f"models, without {month}", db, folder, work / "previous", env, out, MODELS_ONLY)
    for rel in delivered:
        shutil.move(delivery / rel, folder / rel)
    _, build = _build(f"incremental, {month} added", db, folder, work / "incremental", env, out, options)
    run_results = work / "incremental" / "dbt_target" / "run_results.json"
    return {
        "previous": round(previous.wall_seconds, 1),
        "incremental": round(build.wall_seconds, 1),
        "peak": round(build.max_rss_kib / 1024, 1),
        "seconds": node_seconds(run_results, build.wall_seconds),
        "slowest": slowest_models(run_results),
    }


def slowest_models(run_results: Path, count: int = 5) -> dict[str, float]:
    """The ``count`` models that took longest in a build (name -> seconds), slowest first."""
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    models = [r for r in results if r["unique_id"].startswith("model.")]
    models.sort(key=lambda r: -r["execution_time"])
    return {r["unique_id"].rsplit(".", 1)[1]: round(r["execution_time"], 1) for r in models[:count]}


def register(sub) -> None:
    p = sub.add_parser(
        "bench",
        help="measure a full build on a generated county (prints figures)",
        description="Generate a county of N residents (or reuse it), run the full dbt build on it and print the "
        "build's wall time, peak memory, landed rows per second, where the time went, and the time of a "
        "hand-written DuckDB baseline on the same files. With --separately: build every county of the folder in a "
        "database of its own, export it, and build the county comparison over the exports.",
    )
    p.add_argument("--residents", type=int, metavar="N", help="residents of the generated county")
    p.add_argument(
        "--national",
        action="store_true",
        help="every wellbeing services county and Helsinki with its real population, in one landing folder",
    )
    p.add_argument(
        "--scale", type=float, default=1.0, metavar="F", help="with --national: this fraction of the residents"
    )
    p.add_argument(
        "--years", type=int, default=1, metavar="Y", help="calendar years to generate (default: %(default)s)"
    )
    p.add_argument(
        "--county", default="06", help="county whose municipalities and ages are used (default: %(default)s)"
    )
    p.add_argument("--seed", type=int, default=1, help="random seed of the generated data (default: %(default)s)")
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="landing folder to generate into or reuse "
        "(default: target/bench/landing_<county>_<residents>_<years>_<seed>)",
    )
    p.add_argument("--threads", type=int, default=2, help="dbt threads (default: %(default)s)")
    p.add_argument(
        "--memory-limit",
        default=None,
        help="DuckDB memory_limit (default: the profile's, TIETOPOHJA_MEMORY_LIMIT or 6GB)",
    )
    p.add_argument("--skip-baseline", action="store_true", help="do not run the hand-written DuckDB baseline")
    p.add_argument(
        "--incremental",
        action="store_true",
        help="measure a monthly delivery: build the folder without its last month, add the month and build "
        "again (incremental), then compare with a full build table by table",
    )
    p.add_argument(
        "--separately",
        action="store_true",
        help="the national comparison as counties make it: split the folder (--national, or --landing-dir) into "
        "one folder per county, build and export each county in a database of its own, then build the county "
        "comparison once over the exports (TIETOPOHJA_COMPARISON_DIR)",
    )
    p.add_argument(
        "--landing-dir",
        type=Path,
        default=None,
        help="with --separately: an existing landing folder of several counties to split by the county code in its "
        "file names (e.g. sample_data/landing), instead of a generated one; it is never changed",
    )
    p.add_argument(
        "--unit-tests",
        action="store_true",
        help="run the unit tests too (by default the measured builds are production builds: "
        "dbt build --exclude-resource-type unit_test)",
    )
    p.add_argument(
        "--models-only",
        action="store_true",
        help="build the models and seeds without the data and unit tests (--exclude-resource-type test unit_test)",
    )
    p.set_defaults(func=lambda args: bench(args) and 0)


if __name__ == "__main__":  # the baseline subprocess
    if len(sys.argv) == 3 and sys.argv[1] == "--baseline":
        sys.exit(_baseline_main(sys.argv[2]))
    sys.exit("usage: python -m tietopohja.bench --baseline LANDING_DIR")
