"""``tietopohja bench``: how fast and how big a county-sized build is.

Generates a synthetic county (or reuses one generated with the same
arguments), runs the full ``dbt build`` on it in a subprocess, runs the
hand-written DuckDB baseline (``bench_baseline.sql``) on the same files in
another, and prints one line per figure: residents, landed rows per entity
and in total, build wall time, peak memory, landed rows per second, where
the build's time went (node time per kind, time outside the nodes), the
baseline's time and the build-to-baseline ratio. Measured, never asserted:
the targets and the figures measured on the project machine are in the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tietopohja.dbt_runner import run_dbt, run_measured
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

    residents, counties, name = _what(args)
    data_dir = args.data_dir or (PROJECT_DIR / "target" / "bench" / f"landing_{name}_{args.years}_{args.seed}")
    manifest_path = data_dir / "_manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        wanted = {"residents": residents, "years": args.years, "counties": counties, "seed": args.seed}
        if all(manifest["generator_args"].get(k) == v for k, v in wanted.items()):
            progress(f"reusing {data_dir}")
            return data_dir, manifest
    total = sum(residents.values()) if isinstance(residents, dict) else residents
    progress(f"generating {total} residents x {args.years} year(s) of {', '.join(counties)} into {data_dir}")
    return data_dir, generate(residents, args.years, counties, args.seed, data_dir)


def run_baseline(landing: Path) -> float:
    """Run the baseline script in a subprocess; return its wall seconds."""
    result = run_measured([sys.executable, "-m", "tietopohja.bench", "--baseline", str(landing)])
    if result.returncode != 0:
        raise UserError(f"the baseline script failed:\n{result.output[-2000:]}")
    return result.wall_seconds


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


def bench(args: argparse.Namespace, out=print) -> dict[str, float]:
    landing, manifest = landing_for(args, progress=out)
    residents, _, name = _what(args)
    work = PROJECT_DIR / "target" / "bench" / f"build_{name}_{args.years}"
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    env = {"TIETOPOHJA_THREADS": str(args.threads)}
    if args.memory_limit:
        env["TIETOPOHJA_MEMORY_LIMIT"] = args.memory_limit
    out("running dbt build ...")
    build = run_dbt(["build"], db_path=db, landing_dir=landing, work_dir=work, env=env, timeout=7200)
    if not build.ok:
        raise UserError(f"dbt build failed (log in {work / 'dbt_logs'}):\n{build.output[-3000:]}")
    rows = {name: e["rows_written"] for name, e in manifest["entities"].items()}
    total = sum(rows.values())
    figures: dict[str, float] = {"residents": sum(residents.values()) if isinstance(residents, dict) else residents}
    figures.update({f"landed_rows[{name}]": n for name, n in sorted(rows.items())})
    figures["landed_rows_total"] = total
    figures["build_wall_seconds"] = round(build.wall_seconds, 1)
    figures["build_peak_rss_mib"] = round(build.max_rss_kib / 1024, 1)
    figures["landed_rows_per_second"] = round(total / build.wall_seconds)
    figures.update(node_seconds(work / "dbt_target" / "run_results.json", build.wall_seconds))
    if not args.skip_baseline:
        out("running the hand-written DuckDB baseline ...")
        baseline = run_baseline(landing)
        figures["baseline_wall_seconds"] = round(baseline, 1)
        figures["build_to_baseline_ratio"] = round(build.wall_seconds / baseline, 2)
    for name, value in figures.items():
        out(f"{name}: {value}")
    return figures


def register(sub) -> None:
    p = sub.add_parser(
        "bench",
        help="measure a full build on a generated county (prints figures)",
        description="Generate a county of N residents (or reuse it), run the full dbt build on it and print the "
        "build's wall time, peak memory, landed rows per second, where the time went, and the time of a "
        "hand-written DuckDB baseline on the same files.",
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
    p.set_defaults(func=lambda args: bench(args) and 0)


if __name__ == "__main__":  # the baseline subprocess
    if len(sys.argv) == 3 and sys.argv[1] == "--baseline":
        sys.exit(_baseline_main(sys.argv[2]))
    sys.exit("usage: python -m tietopohja.bench --baseline LANDING_DIR")
