"""``tietopohja export``: the publishable marts as files for BI tools.

Writes every publishable mart (the tables of the ``public`` schema; in a build
older than it, the ``marts`` tables whose name ends in ``_public`` or that are
listed in PUBLISHABLE) from a finished build, and the
measure register and the named dimensions (``key_figure_measures``,
``services``, ``municipalities``, ``counties``: :mod:`tietopohja.dimensions`)
so that a BI user never reads a bare code:

- ``--format parquet``: one Parquet file per table, with the marts' types;
- ``--format csv``: one CSV per table and a Frictionless ``datapackage.json``
  typing every column (codes are strings: ``'01'`` keeps its zero when read
  through it); ``--locale fi`` writes what Finnish
  Excel opens directly (``;`` delimiter, decimal comma, ``D.M.YYYY`` dates,
  UTF-8 with BOM), the default is canonical (``,``, ``.``, ISO dates);
- ``--format duckdb``: one DuckDB file with the marts, for Superset,
  Evidence or DBeaver to open read-only while the warehouse is rebuilt:
  the publishable marts in schema ``public`` and the register and the
  dimensions in ``marts``, as in the warehouse and the serving file.

Internal marts (exact small counts) are never exported.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tietopohja.dimensions import DIMENSIONS, dimension_sql
from tietopohja.errors import UserError
from tietopohja.paths import PROJECT_DIR

#: publishable marts that are not named *_public (they hold no person counts), for a build
#: older than the ``public`` schema
PUBLISHABLE = ("key_figures_county_comparison",)
_PUBLIC_PREFIX = "public."
DEFAULT_DB = PROJECT_DIR / "target" / "tietopohja.duckdb"


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by table_name", [schema]
    ).fetchall()
    return [name for (name,) in rows]


def publishable_schema(con: duckdb.DuckDBPyConnection) -> str:
    """``public``; ``marts`` for a build older than the ``public`` schema."""
    return "public" if _tables(con, "public") else "marts"


def publishable_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    if publishable_schema(con) == "public":
        return _tables(con, "public")
    return [name for name in _tables(con, "marts") if name.endswith("_public") or name in PUBLISHABLE]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _finnish_select(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The query's rows as Finnish Excel shows them: decimal comma, D.M.YYYY dates."""
    columns = [(name, data_type) for name, data_type, *_ in con.execute(f"describe {sql}").fetchall()]
    exprs = []
    for name, data_type in columns:
        col = f'"{name}"'
        if data_type in ("DOUBLE", "FLOAT", "REAL") or data_type.startswith("DECIMAL"):
            exprs.append(f"replace(cast({col} as varchar), '.', ',') as {col}")
        elif data_type == "DATE":
            exprs.append(f"strftime({col}, '%-d.%-m.%Y') as {col}")
        else:
            exprs.append(col)
    return f"select {', '.join(exprs)} from ({sql})"


def _export_duckdb(db_path: Path, target: Path, tables: list[tuple[str, str]], progress) -> Path:
    """Copy the marts and the named dimensions into a DuckDB file of their own (a BI tool may hold it open)."""
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    try:
        own = '"' + con.execute("select current_database()").fetchall()[0][0].replace('"', '""') + '"'
        con.execute(f"attach {_quote(Path(db_path))} as warehouse (read_only)")
        con.execute(f"create schema {own}.public")
        con.execute(f"create schema {own}.marts")
        con.execute("use warehouse")  # the queries name the warehouse's schemas
        for i, (name, sql) in enumerate(tables, 1):
            schema = "public" if sql.startswith(f"select * from {_PUBLIC_PREFIX}") else "marts"
            con.execute(f"create table {own}.{schema}.{name} as {sql}")
            progress(f"[{i}/{len(tables)}] {name} -> {target.name}")
    finally:
        con.close()
    return target


#: Table Schema types of DuckDB's types (anything else is exported as text)
_FIELD_TYPES = {
    "VARCHAR": "string",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "TIMESTAMP WITH TIME ZONE": "datetime",
    "DOUBLE": "number",
    "FLOAT": "number",
    "REAL": "number",
}
_INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER")


def _field(name: str, data_type: str, comment: str | None, locale: str) -> dict:
    if data_type in _INTEGER_TYPES or data_type == "UBIGINT":
        kind = "integer"
    elif data_type.startswith("DECIMAL"):
        kind = "number"
    else:
        kind = _FIELD_TYPES.get(data_type, "string")
    field: dict = {"name": name, "type": kind}
    if kind == "date" and locale == "fi":
        field["format"] = "%d.%m.%Y"
    elif kind == "datetime":
        field["format"] = "any"
    elif kind == "number" and locale == "fi":
        field["decimalChar"] = ","
    elif kind == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    if comment:
        field["description"] = comment
    return field


def _schema_of(con: duckdb.DuckDBPyConnection, sql: str, comments: dict[str, str], locale: str) -> dict:
    described = con.execute(f"describe {sql}").fetchall()
    return {
        "fields": [_field(name, data_type, comments.get(name), locale) for name, data_type, *_ in described],
        "missingValues": [""],
    }


def _comments(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> tuple[str | None, dict[str, str]]:
    """The description of a table and of its columns, where the build wrote them as comments."""
    try:
        found = con.execute(
            "select comment from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()
        table_comment = found[0][0] if found else None
        cols = dict(
            con.execute(
                "select column_name, comment from duckdb_columns() where schema_name = ? and table_name = ? "
                "and comment is not null",
                [schema, table],
            ).fetchall()
        )
    except duckdb.Error:
        return None, {}
    return table_comment, cols


def write_datapackage(out: Path, resources: list[dict], db_path: Path) -> Path:
    """A Frictionless Data Package (``datapackage.json``) describing the CSVs beside it."""
    package = {
        "profile": "tabular-data-package",
        "name": "tietopohja-public",
        "title": "tietopohja — publishable marts and key figures of a wellbeing services county",
        "description": (
            "Publishable marts (small numbers suppressed), the key figures, the measure register and the "
            f"named dimensions, exported from {Path(db_path).name}. Codes (county_code, municipality_code, "
            "service_code, ...) are text: read them as strings to keep their leading zeros."
        ),
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "resources": resources,
    }
    target = out / "datapackage.json"
    target.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def export_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, query) of everything exported: the publishable marts, then the register and the dimensions."""
    schema = publishable_schema(con)
    tables = [(mart, f"select * from {schema}.{mart}") for mart in publishable_marts(con)]
    for name in DIMENSIONS:
        sql = dimension_sql(con, name)
        if sql is not None and name not in dict(tables):
            tables.append((name, sql))
    return tables


def export(db_path: Path, out: Path, fmt: str, locale: str = "canonical", progress=print) -> list[Path]:
    """Export the publishable marts, the measure register and the named dimensions; return the files written.

    CSV exports get a Frictionless ``datapackage.json`` beside them (the last file of the list).
    """
    if not Path(db_path).exists():
        raise UserError(f"database not found: {db_path} (run dbt build first, or pass --db)")
    out.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as err:
        raise UserError(f"cannot open {db_path} read-only (is a build writing it?): {err}") from err
    written: list[Path] = []
    resources: list[dict] = []
    try:
        if not publishable_marts(con):
            raise UserError(f"no publishable marts in {db_path} (is the build complete?)")
        tables = export_tables(con)
        if fmt == "duckdb":
            con.close()
            return [_export_duckdb(db_path, out / "tietopohja_public.duckdb", tables, progress)]
        for i, (name, sql) in enumerate(tables, 1):
            if fmt == "parquet":
                target = out / f"{name}.parquet"
                con.execute(f"copy ({sql}) to {_quote(target)} (format parquet)")
            elif locale == "fi":
                target = out / f"{name}.csv"
                body = out / f".{name}.csv.tmp"
                con.execute(f"copy ({_finnish_select(con, sql)}) to {_quote(body)} (format csv, header, delimiter ';')")
                target.write_bytes(b"\xef\xbb\xbf" + body.read_bytes())
                body.unlink()
            else:
                target = out / f"{name}.csv"
                con.execute(f"copy ({sql}) to {_quote(target)} (format csv, header)")
            if fmt == "csv":
                schema_name = next(
                    (s for s in ("public", "marts") if sql.startswith(f"select * from {s}.{name}")), "reference"
                )
                title, comments = _comments(con, schema_name, name)
                resource = {
                    "name": name,
                    "path": target.name,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8-sig" if locale == "fi" else "utf-8",
                    "dialect": {"delimiter": ";" if locale == "fi" else ",", "header": True},
                    "schema": _schema_of(con, sql, comments, locale),
                }
                if title:
                    resource["description"] = title
                resources.append(resource)
            rows = con.execute(f"select count(*) from ({sql})").fetchall()[0][0]
            progress(f"[{i}/{len(tables)}] {name}: {rows} rows -> {target.name}")
            written.append(target)
        if fmt == "csv":
            written.append(write_datapackage(out, resources, db_path))
            progress(f"datapackage.json: {len(resources)} resources with their field types")
    finally:
        con.close()
    return written


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write the publishable marts as Parquet, CSV or a DuckDB file",
        description="Export the publishable marts (small numbers suppressed), the key figures, the measure register "
        "and the named dimensions (key_figure_measures, services, municipalities, counties) of a finished build. "
        "CSV exports come with a Frictionless datapackage.json that types every column (codes as text).",
    )
    p.add_argument(
        "--format",
        choices=("parquet", "csv", "duckdb"),
        default="parquet",
        help="one Parquet or CSV file per table, or one DuckDB file with them all (default: %(default)s)",
    )
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
