"""Names for codes: the measure register and the named dimensions of the key figures.

The published interface (``../shared/spec/minimum-data.md``, "Published key
figures") includes the measure register ``key_figure_measures`` and the
dimension tables ``services``, ``municipalities`` and ``counties``, so that a
BI user never reads a bare code. The build makes them marts
(``models/marts/reference/``); the exports and the dashboard read
``marts.<name>``, and from a build older than those marts the reference seeds
they are made of.

The v1.1 columns ``breakdown`` and ``value_status`` of ``key_figures`` /
``key_figures_public`` are read where the build has them and derived here
otherwise (``breakdown_sql``, ``value_status_sql``), by the spec's rules.
"""

from __future__ import annotations

import duckdb

#: the breakdown columns of the key figures and their names in ``breakdown``, in column order
BREAKDOWN_COLUMNS = (
    ("service_code", "service"),
    ("segment", "segment"),
    ("production_mode", "production_mode"),
    ("municipality_code", "municipality"),
)

#: each dimension's derivation from the reference seeds (used when marts.<name> is absent)
_FALLBACK = {
    "key_figure_measures": "select * from reference.{seed} order by measure_code",
    "services": "select * from reference.service_catalogue order by service_code",
    "municipalities": (
        # the latest year each municipality appears in (municipalities merge; codes are not reused)
        "select municipality_code, municipality_name_fi, municipality_name_sv, county_code, county_name_fi, "
        "year as valid_year from reference.ref_municipality_county "
        "qualify row_number() over (partition by municipality_code order by year desc) = 1 "
        "order by municipality_code"
    ),
    "counties": "select * from reference.ref_counties order by county_code",
}

#: the seeds each dimension is made of, by name: the register's seed was called
#: key_figure_measures before the mart of that name existed
_SEEDS = {
    "key_figure_measures": ("key_figure_measure_register", "key_figure_measures"),
    "services": ("service_catalogue",),
    "municipalities": ("ref_municipality_county",),
    "counties": ("ref_counties",),
}

DIMENSIONS = tuple(_FALLBACK)


def has_relation(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchall()[0][0]
    )


def columns(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [c for (c,) in rows]


def public_relation(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """``public.<name>``: a publishable mart; ``marts.<name>`` in a build older than the ``public`` schema."""
    return f"public.{name}" if has_relation(con, "public", name) else f"marts.{name}"


def dimension_sql(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """A query of the dimension ``name``, or None when the warehouse has neither it nor its seed."""
    if has_relation(con, "marts", name):
        return f"select * from marts.{name}"
    for seed in _SEEDS[name]:
        if has_relation(con, "reference", seed):
            return _FALLBACK[name].format(seed=seed)
    return None


def breakdown_sql(alias: str = "") -> str:
    """SQL of the spec's ``breakdown``: 'total', or the non-NULL breakdown columns' names joined by '+'."""
    prefix = f"{alias}." if alias else ""
    parts = ", ".join(f"case when {prefix}{col} is not null then '{name}' end" for col, name in BREAKDOWN_COLUMNS)
    return f"coalesce(nullif(concat_ws('+', {parts}), ''), 'total')"


def value_status_sql(alias: str = "") -> str:
    """SQL of ``value_status`` for a build without it: 'suppressed' or 'complete'."""
    prefix = f"{alias}." if alias else ""
    return f"case when {prefix}is_suppressed then 'suppressed' else 'complete' end"


def key_figures_columns_sql(con: duckdb.DuckDBPyConnection, table: str = "key_figures_public", alias: str = "") -> str:
    """``breakdown`` and ``value_status`` of ``public.<table>``: its own columns, or derived."""
    schema, _, name = public_relation(con, table).partition(".")
    have = set(columns(con, schema, name))
    prefix = f"{alias}." if alias else ""
    breakdown = f"{prefix}breakdown" if "breakdown" in have else breakdown_sql(alias)
    status = f"{prefix}value_status" if "value_status" in have else value_status_sql(alias)
    return f"{breakdown} as breakdown, {status} as value_status"
