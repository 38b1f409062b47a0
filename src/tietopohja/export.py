"""``tietopohja export``: the publishable marts as files for BI tools.

Writes every publishable mart (the ``marts`` tables whose name ends in
``_public`` or that are listed in PUBLISHABLE) from a finished build:

- ``--format parquet``: one Parquet file per mart, with the marts' types;
- ``--format csv``: one CSV per mart; ``--locale fi`` writes what Finnish
  Excel opens directly (``;`` delimiter, decimal comma, ``D.M.YYYY`` dates,
  UTF-8 with BOM), the default is canonical (``,``, ``.``, ISO dates);
- ``--format duckdb``: one DuckDB file with the marts, for Superset,
  Evidence or DBeaver to open read-only while the warehouse is rebuilt.

Internal marts (exact small counts) are never exported.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from tietopohja.errors import UserError
from tietopohja.paths import PROJECT_DIR

#: publishable marts that are not named *_public (they hold no person counts)
PUBLISHABLE = ("key_figures_county_comparison",)
DEFAULT_DB = PROJECT_DIR / "target" / "tietopohja.duckdb"


def publishable_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
    ).fetchall()
    return [name for (name,) in rows if name.endswith("_public") or name in PUBLISHABLE]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _finnish_select(con: duckdb.DuckDBPyConnection, mart: str) -> str:
    """The mart's rows as Finnish Excel shows them: decimal comma, D.M.YYYY dates."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and table_name = ? order by ordinal_position",
        [mart],
    ).fetchall()
    exprs = []
    for name, data_type in columns:
        col = f'"{name}"'
        if data_type in ("DOUBLE", "FLOAT", "REAL") or data_type.startswith("DECIMAL"):
            exprs.append(f"replace(cast({col} as varchar), '.', ',') as {col}")
        elif data_type == "DATE":
            exprs.append(f"strftime({col}, '%-d.%-m.%Y') as {col}")
        else:
            exprs.append(col)
    return f"select {', '.join(exprs)} from marts.{mart}"


def _export_duckdb(db_path: Path, target: Path, marts: list[str], progress) -> Path:
    """Copy the marts into a DuckDB file of their own (a BI tool may hold it open)."""
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    try:
        con.execute(f"attach {_quote(Path(db_path))} as warehouse (read_only)")
        con.execute("create schema marts")
        for i, mart in enumerate(marts, 1):
            con.execute(f"create table marts.{mart} as select * from warehouse.marts.{mart}")
            progress(f"[{i}/{len(marts)}] {mart} -> {target.name}")
    finally:
        con.close()
    return target


def export(db_path: Path, out: Path, fmt: str, locale: str = "canonical", progress=print) -> list[Path]:
    """Export the publishable marts; return the files written."""
    if not Path(db_path).exists():
        raise UserError(f"database not found: {db_path} (run dbt build first, or pass --db)")
    out.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as err:
        raise UserError(f"cannot open {db_path} read-only (is a build writing it?): {err}") from err
    written: list[Path] = []
    try:
        marts = publishable_marts(con)
        if not marts:
            raise UserError(f"no publishable marts in {db_path} (is the build complete?)")
        if fmt == "duckdb":
            return [_export_duckdb(db_path, out / "tietopohja_public.duckdb", marts, progress)]
        for i, mart in enumerate(marts, 1):
            if fmt == "parquet":
                target = out / f"{mart}.parquet"
                con.execute(f"copy (select * from marts.{mart}) to {_quote(target)} (format parquet)")
            elif locale == "fi":
                target = out / f"{mart}.csv"
                body = out / f".{mart}.csv.tmp"
                con.execute(
                    f"copy ({_finnish_select(con, mart)}) to {_quote(body)} (format csv, header, delimiter ';')"
                )
                target.write_bytes(b"\xef\xbb\xbf" + body.read_bytes())
                body.unlink()
            else:
                target = out / f"{mart}.csv"
                con.execute(f"copy (select * from marts.{mart}) to {_quote(target)} (format csv, header)")
            rows = con.execute(f"select count(*) from marts.{mart}").fetchone()[0]
            progress(f"[{i}/{len(marts)}] {mart}: {rows} rows -> {target.name}")
            written.append(target)
    finally:
        con.close()
    return written


def register(sub) -> None:
    p = sub.add_parser("export", help="write the publishable marts as Parquet, CSV or a DuckDB file")
    p.add_argument("--format", choices=("parquet", "csv", "duckdb"), default="parquet")
    p.add_argument("--out", type=Path, required=True, help="folder to write into")
    p.add_argument("--db", type=Path, default=None, help="DuckDB file of a build (default: TIETOPOHJA_DB_PATH)")
    p.add_argument(
        "--locale",
        choices=("canonical", "fi"),
        default="canonical",
        help="CSV dialect: canonical (',' and ISO dates) or fi (Finnish Excel: ';', decimal comma, D.M.YYYY, BOM)",
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    import os

    db = args.db or Path(os.environ.get("TIETOPOHJA_DB_PATH", DEFAULT_DB))
    files = export(db, args.out, args.format, args.locale)
    print(f"exported {len(files)} file(s) to {args.out}")
    return 0
