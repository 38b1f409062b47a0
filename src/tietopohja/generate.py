"""``tietopohja generate``: write a synthetic county (or several) as landing files.

The files follow the landing contract (``landing-contract.md``): both CSV
dialects, a Parquet file, the second payroll system, a re-delivered month and
a known set of deliberately bad rows, all listed in ``<out>/_manifest.json``.
The volumes per resident and year are those of ``generator/rates.py``;
``--national`` writes every county and Helsinki with its real population.
The same arguments always give byte-identical files. Progress is printed as
the files are written: a line per county and per entity (rows, files,
seconds since the county started).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tietopohja.errors import UserError
from tietopohja.generator import generate
from tietopohja.generator.core import add_projections, national_counties


def residents_and_counties(args: argparse.Namespace) -> tuple[int | dict[str, int], list[str]]:
    """``--residents`` and ``--county``, or with ``--national`` every county's real population."""
    if args.national:
        if args.residents is not None or args.county:
            raise UserError(
                "--national takes every county with its real population: leave out --residents and --county"
            )
        if not 0 < args.scale <= 1:
            raise UserError("--scale must be greater than 0 and at most 1")
        population = national_counties(args.scale)
        return population, list(population)
    if args.residents is None or not args.county:
        raise UserError("give --residents and at least one --county, or --national")
    if args.scale != 1.0:
        raise UserError("--scale goes with --national")
    return args.residents, args.county


def register(sub) -> None:
    p = sub.add_parser(
        "generate",
        help="write synthetic landing data for one or more counties",
        description="Write realistic synthetic counties (N residents each, or with --national every county "
        "and Helsinki with its real population) as landing files.",
    )
    p.add_argument("--residents", type=int, metavar="N", help="synthetic residents per county (not with --national)")
    p.add_argument("--years", type=int, metavar="Y", help="number of calendar years to generate (required)")
    p.add_argument(
        "--county",
        action="append",
        metavar="CODE",
        help="wellbeing services county code, e.g. 01 (repeatable)",
    )
    p.add_argument(
        "--national",
        action="store_true",
        help="every wellbeing services county and Helsinki with its real population (31.12.2022)",
    )
    p.add_argument(
        "--scale",
        type=float,
        default=1.0,
        metavar="F",
        help="with --national: write this fraction of each county's residents (default: %(default)s)",
    )
    p.add_argument("--seed", type=int, metavar="S", help="random seed (required)")
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
    p.add_argument(
        "--projection-only",
        action="store_true",
        help="only add the synthetic population projection (population/projections) to the folder --out, "
        "which this command wrote earlier, from its manifest and year-end residents; every other file stays",
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if args.projection_only:
        entry = add_projections(args.out)
        print(f"population/projections: {entry['rows_written']} rows in {', '.join(entry['files'])}")
        return 0
    if args.years is None or args.seed is None:
        raise UserError("give --years and --seed")
    residents, counties = residents_and_counties(args)
    manifest = generate(
        residents,
        args.years,
        counties,
        args.seed,
        args.out,
        args.first_year,
        progress=lambda line: print(line, flush=True),
    )
    for name, e in manifest["entities"].items():
        print(f"{name}: {e['rows_written']} rows, {len(e['bad_rows'])} bad, {e['superseded_rows']} superseded")
    print(f"wrote {args.out}/_manifest.json")
    return 0
