"""The ``tietopohja`` command line.

Each sub-command lives in its own module, which exposes ``register(subparsers)``;
this module only wires them together, so a new command is one new module.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from tietopohja.errors import UserError

#: modules that register a sub-command, in the order ``--help`` lists them
COMMAND_MODULES = (
    "generate",
    "seeds",
    "schema_docs",
    "publishable",
    "validate",
    "export",
    "report",
    "explain",
    "bench",
    "spark",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tietopohja",
        description="Minimum-data warehouse for Finnish wellbeing services counties.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"tietopohja.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as err:  # a clear message, never a stack trace
        print(f"tietopohja {args.command}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
