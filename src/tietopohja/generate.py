"""``tietopohja generate``: write a synthetic county (or several) as landing files.

The files follow the landing contract (``landing-contract.md``): both CSV
dialects, a Parquet file, the second payroll system, a re-delivered month and
a known set of deliberately bad rows, all listed in ``<out>/_manifest.json``.
The same arguments always give byte-identical files. Progress is printed as
the files are written: a line per county and per entity (rows, files,
seconds since the county started).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tietopohja.generator import generate


def register(sub) -> None:
    p = sub.add_parser(
        "generate",
        help="write synthetic landing data for one or more counties",
        description="Write a realistic synthetic county (N residents each) as landing files.",
    )
    p.add_argument("--residents", type=int, required=True, metavar="N", help="synthetic residents per county")
    p.add_argument("--years", type=int, required=True, metavar="Y", help="number of calendar years to generate")
    p.add_argument(
        "--county",
        action="append",
        required=True,
        metavar="CODE",
        help="wellbeing services county code, e.g. 01 (repeatable)",
    )
    p.add_argument("--seed", type=int, required=True, metavar="S", help="random seed")
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="landing folder to write (created; a previous run there is replaced)",
    )
    p.add_argument(
        "--first-year", type=int, default=2024, metavar="YYYY", help="first generated year (default: %(default)s)"
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    manifest = generate(
        args.residents,
        args.years,
        args.county,
        args.seed,
        args.out,
        args.first_year,
        progress=lambda line: print(line, flush=True),
    )
    for name, e in manifest["entities"].items():
        print(f"{name}: {e['rows_written']} rows, {len(e['bad_rows'])} bad, {e['superseded_rows']} superseded")
    print(f"wrote {args.out}/_manifest.json")
    return 0
