"""``tietopohja explain``: how one key figure is made.

Reads a build's database (or the serving file) read-only and prints, for one
``key_figures`` row: the measure's names, definition and unit (the measure
register), the spec section that defines it and, for a wait measure, the
care-guarantee limits in force (seeds/rules/care_guarantee_rules.csv); the
value and its ``value_status``; the components the value was computed from
(the mart ``key_figure_components``: the same sums as the value, from the
theme's contribution model) and the formula with the numbers filled in;
whether ``key_figures_public`` suppresses it and by which count; and the
revisions of the figure (``key_figure_revisions``). ``--rows`` lists the
pseudonymised rows behind a count of clients or waits (a build database
only: the intermediate relations are not in the serving file). No hetu is
stored anywhere; only ``person_pseudonym`` columns are selected.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from tietopohja.dimensions import BREAKDOWN_COLUMNS, has_relation, public_relation
from tietopohja.errors import UserError
from tietopohja.export import DEFAULT_DB
from tietopohja.paths import SEEDS_DIR

#: the breakdown columns of key_figures, in column order, and their options (the names in ``breakdown``)
BREAKDOWNS = BREAKDOWN_COLUMNS

#: the measures whose value counts distinct clients (int_clients_periodized), and
#: the measures with clients as the numerator or the denominator
CLIENT_MEASURES = {
    "clients": "value",
    "clients_per_1000": "numerator",
    "cost_per_client_eur": "denominator",
    "ledger_cost_per_client_eur": "denominator",
}

#: wait measures: which waits a row of --rows "counts" in the value (numerator or count)
WAIT_COUNTED = {
    "pc_assessment_waits": "wait_status = 'completed'",
    "pc_assessment_mean_bdays": "wait_status = 'completed'",
    "pc_treatment_mean_days": "wait_status = 'completed'",
    "pc_treatment_within_7d_pct": "wait_status = 'completed' and wait_days <= 7",
    "pc_treatment_within_14d_pct": "wait_status = 'completed' and wait_days <= 14",
}
#: wait measures measured against the general specialised-care limit (rule scope, int_key_figures__availability)
SPECIALISED_CARE_SCOPE = {"sc_handling_over_limit", "sc_treatment_over_limit", "sc_open_over_6m"}

ROW_LIMIT_DEFAULT = 50


@dataclass
class Figure:
    measure_code: str
    county_code: str
    period_grain: str
    period_start: date
    breakdown: dict[str, str | None]
    register: dict
    value: float | None = None
    value_status: str | None = None
    breakdown_name: str | None = None
    components: list[dict] = field(default_factory=list)
    formula: str | None = None
    recombined: float | None = None
    is_suppressed: bool | None = None
    public_value_status: str | None = None
    person_count: float | None = None
    limits: list[dict] = field(default_factory=list)
    revisions: list[dict] = field(default_factory=list)
    rows: dict | None = None


def parse_period(text: str) -> tuple[str, date]:
    """``2024`` -> year, ``2024-Q1`` -> quarter, ``2024-01`` -> month."""
    t = text.strip()
    if m := re.fullmatch(r"(\d{4})", t):
        return "year", date(int(m[1]), 1, 1)
    if m := re.fullmatch(r"(\d{4})-?[Qq]([1-4])", t):
        return "quarter", date(int(m[1]), 3 * int(m[2]) - 2, 1)
    if (m := re.fullmatch(r"(\d{4})-(\d{1,2})", t)) and 1 <= int(m[2]) <= 12:
        return "month", date(int(m[1]), int(m[2]), 1)
    raise UserError(f"period {text!r} is not a year (2024), a quarter (2024-Q1) or a month (2024-01)")


def period_label(grain: str, start: date) -> str:
    if grain == "year":
        return f"{start.year}"
    if grain == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def period_end(grain: str, start: date) -> date:
    months = {"month": 1, "quarter": 3, "year": 12}[grain]
    y, m = divmod(start.month - 1 + months, 12)
    return date.fromordinal(date(start.year + y, m + 1, 1).toordinal() - 1)


def formula_scale(formula: str) -> float:
    m = re.search(r"\*\s*(\d+(?:\.\d+)?)", formula or "")
    return float(m[1]) if m else 1.0


def recombine(formula: str | None, components: list[dict]) -> float | None:
    """The value the components make by the register's formula (None without a formula)."""
    if not formula:
        return None
    if formula.startswith("sum of addends"):
        return float(sum(c["component_value"] for c in components if c["role"] == "addend"))
    sides = {c["role"]: c["component_value"] for c in components if c["role"] in ("numerator", "denominator")}
    if "numerator" not in sides or not sides.get("denominator"):
        return None
    return sides["numerator"] / sides["denominator"] * formula_scale(formula)


def _connect(db: Path) -> duckdb.DuckDBPyConnection:
    if not db.exists():
        raise UserError(f"database not found: {db} (run dbt build first, or pass --db a build or serving file)")
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.Error as err:
        raise UserError(f"cannot open {db} read-only (is a build writing it?): {err}") from err


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _seed_rows(con: duckdb.DuckDBPyConnection, seed: str) -> list[dict]:
    """A rule seed from the database (schema reference), else the project's CSV."""
    if has_relation(con, "reference", seed):
        return _dicts(con, f"select * from reference.{seed}")
    path = SEEDS_DIR / "rules" / f"{seed}.csv"
    with path.open(newline="", encoding="utf-8") as f:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(f)]


def _key_where(alias: str = "") -> str:
    p = f"{alias}." if alias else ""
    cols = " and ".join(f"{p}{c} is not distinct from ?" for c, _ in BREAKDOWNS)
    return f"{p}county_code = ? and {p}measure_code = ? and {p}period_grain = ? and {p}period_start = ? and {cols}"


def _key_params(fig: Figure) -> list:
    return [fig.county_code, fig.measure_code, fig.period_grain, fig.period_start] + [
        fig.breakdown[c] for c, _ in BREAKDOWNS
    ]


def explain(
    db: Path,
    measure: str,
    county: str,
    period: str,
    breakdown: dict[str, str | None] | None = None,
    rows: bool = False,
    row_limit: int | None = ROW_LIMIT_DEFAULT,
) -> Figure:
    """The explanation of one key figure (raises UserError when there is none)."""
    grain, start = parse_period(period)
    con = _connect(Path(db))
    try:
        if not has_relation(con, "marts", "key_figures"):
            raise UserError(f"no marts.key_figures in {db} (did the build finish?)")
        register = {r["measure_code"]: r for r in _seed_rows(con, "key_figure_measure_register")}
        if measure not in register:
            raise UserError(
                f"unknown measure {measure!r}: the measure codes are in marts.key_figure_measures "
                "(seeds/rules/key_figure_measure_register.csv)"
            )
        fig = Figure(
            measure_code=measure,
            county_code=county,
            period_grain=grain,
            period_start=start,
            breakdown={c: (breakdown or {}).get(c) for c, _ in BREAKDOWNS},
            register=register[measure],
        )
        found = _dicts(
            con,
            f"select value, value_status, breakdown from marts.key_figures where {_key_where()}",
            _key_params(fig),
        )
        if not found:
            chosen = ", ".join(
                f"--{opt.replace('_', '-')} {fig.breakdown[c]}" for c, opt in BREAKDOWNS if fig.breakdown[c]
            )
            raise UserError(
                f"no key figure {measure} for county {county}, {grain} {period_label(grain, start)}"
                f"{' and ' + chosen if chosen else ' (whole county)'} in {db}: check the county code, the period "
                "(inside the county's reporting periods) and the breakdown values"
            )
        fig.value, fig.value_status, fig.breakdown_name = (
            found[0]["value"],
            found[0]["value_status"],
            found[0]["breakdown"],
        )
        if has_relation(con, "marts", "key_figure_components"):
            fig.components = _dicts(
                con,
                "select component, role, component_label, component_value, formula "
                f"from marts.key_figure_components where {_key_where()} "
                "order by component",
                _key_params(fig),
            )
            # the seed's order: numerator, denominator, addends, context (person_count last)
            order = [
                r["component"] for r in _seed_rows(con, "key_figure_component_slots") if r["measure_code"] == measure
            ]
            fig.components.sort(key=lambda c: order.index(c["component"]) if c["component"] in order else len(order))
        fig.formula = register[measure].get("formula") or next((c["formula"] for c in fig.components), None)
        if fig.value is not None:
            fig.recombined = recombine(fig.formula, fig.components)
            if fig.recombined is None and (fig.formula or "").startswith("sum of addends"):
                fig.recombined = 0.0
        if _as_bool(register[measure].get("is_person_count")):
            fig.person_count = fig.value
        else:
            fig.person_count = next(
                (c["component_value"] for c in fig.components if c["component"] == "person_count"), None
            )
        public = public_relation(con, "key_figures_public")
        pub = _dicts(con, f"select is_suppressed, value_status from {public} where {_key_where()}", _key_params(fig))
        if pub:
            fig.is_suppressed, fig.public_value_status = pub[0]["is_suppressed"], pub[0]["value_status"]
        fig.limits = _limits(con, fig)
        if has_relation(con, "marts", "key_figure_revisions"):
            fig.revisions = _dicts(
                con,
                "select change_type, old_value, new_value, old_value_status, new_value_status, old_built_at, "
                f"new_built_at, landing_files_changed from marts.key_figure_revisions where {_key_where()} "
                "order by new_built_at",
                _key_params(fig),
            )
        if rows:
            fig.rows = _rows(con, fig, row_limit)
        return fig
    finally:
        con.close()


def _as_bool(v) -> bool:
    return v is True or str(v).lower() in ("true", "1", "t")


def _limits(con: duckdb.DuckDBPyConnection, fig: Figure) -> list[dict]:
    rules = (fig.register.get("care_guarantee_rules") or "").split("+")
    rules = [r for r in rules if r]
    if not rules:
        return []
    start, end = fig.period_start, period_end(fig.period_grain, fig.period_start)
    out = []
    for r in _seed_rows(con, "care_guarantee_rules"):
        if r["rule"] not in rules:
            continue
        if fig.measure_code in SPECIALISED_CARE_SCOPE and r["applies_to"] != "specialised_care":
            continue
        valid_from = _as_date(r["valid_from"])
        valid_to = _as_date(r["valid_to"])
        if (valid_from and valid_from > end) or (valid_to and valid_to < start):
            continue
        out.append(
            {
                "rule": r["rule"],
                "applies_to": r["applies_to"],
                "ages": f"{r['age_from']}–{r['age_to']}",
                "client_condition": r.get("client_condition"),
                "limit": f"{r['limit_value']} {r['limit_unit']}",
                "valid_from": str(valid_from) if valid_from else None,
                "valid_to": str(valid_to) if valid_to else None,
                "legal_basis": r.get("legal_basis"),
            }
        )
    return out


def _as_date(v) -> date | None:
    if v is None or v == "":
        return None
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def _rows(con: duckdb.DuckDBPyConnection, fig: Figure, limit: int | None) -> dict:
    """The pseudonymised rows behind the value, where the measure is built from person or wait rows."""
    m = fig.measure_code
    base = {"source": None, "counted": None, "rows": [], "note": None}
    if m in CLIENT_MEASURES or m == "clients_health_and_social":
        if not has_relation(con, "intermediate", "int_clients_periodized"):
            return base | {
                "note": "the rows are in the build database (intermediate.int_clients_periodized), "
                "not in the serving file: pass --db the build database"
            }
        where = ["county_code = ?", "period_grain = ?", "period_start = ?"]
        params: list = [fig.county_code, fig.period_grain, fig.period_start]
        for col, expr in (
            ("service_code", "coalesce(service_code, 'unknown')"),
            ("segment", "coalesce(segment, 'unknown')"),
            ("municipality_code", "home_municipality_code"),
        ):
            if fig.breakdown[col] is not None:
                where.append(f"{expr} = ?")
                params.append(fig.breakdown[col])
        having = ""
        if m == "clients_health_and_social":
            having = (
                "having max(case when sector = 'health' then 1 else 0 end) = 1 "
                "and max(case when sector = 'social' then 1 else 0 end) = 1"
            )
        sql = (
            "select person_pseudonym, string_agg(distinct coalesce(service_code, 'unknown'), ' ' order by "
            "coalesce(service_code, 'unknown')) as services, min(home_municipality_code) as home_municipality_code, "
            "cast(sum(outputs) as bigint) as outputs, true as counted "
            f"from intermediate.int_clients_periodized where {' and '.join(where)} "
            f"group by person_pseudonym {having} order by person_pseudonym"
        )
        what = (
            "numerator"
            if CLIENT_MEASURES.get(m) == "numerator"
            else ("denominator" if CLIENT_MEASURES.get(m) == "denominator" else "value")
        )
        return _listing(con, sql, params, limit, "intermediate.int_clients_periodized: distinct clients", what)
    rules = [r for r in (fig.register.get("care_guarantee_rules") or "").split("+") if r]
    if rules:
        scope = "specialised_care" if m in SPECIALISED_CARE_SCOPE else None
        service = fig.breakdown["service_code"]
        if m == "sc_open_over_6m":
            if not has_relation(con, "intermediate", "int_availability_open_waits_month_end"):
                return base | {"note": "the rows are in the build database, not in the serving file: pass --db"}
            sql = (
                "select w.person_pseudonym, w.service_code, w.wait_start_date, w.month_end as stock_date, "
                "w.waited_length, w.limit_value, w.limit_unit, w.is_over_limit as counted "
                "from intermediate.int_availability_open_waits_month_end as w "
                "inner join intermediate.int_reporting_periods as p on w.county_code = p.county_code "
                "and w.month_end = p.stock_date "
                "where p.county_code = ? and p.period_grain = ? and p.period_start = ? "
                f"and w.rule in ({', '.join('?' for _ in rules)}) and w.applies_to = ? "
                "order by w.is_over_limit desc, w.wait_start_date, w.person_pseudonym"
            )
            params = [fig.county_code, fig.period_grain, fig.period_start, *rules, scope]
            return _listing(
                con, sql, params, limit, "open waits at the period's last day; counted = over 6 months", "value"
            )
        if not has_relation(con, "intermediate", "int_availability_waits_measured"):
            return base | {"note": "the rows are in the build database, not in the serving file: pass --db"}
        counted = WAIT_COUNTED.get(m, "is_over_limit")
        sql = (
            "select person_pseudonym, service_code, rule, wait_start_date, closed_date, wait_status, wait_length, "
            "wait_length_unit, limit_value, limit_unit, is_over_limit, "
            f"coalesce({counted}, false) as counted "
            "from intermediate.int_availability_waits_measured "
            "where county_code = ? and closed_date between ? and ? and wait_status in ('completed', 'left_queue') "
            f"and rule in ({', '.join('?' for _ in rules)}) "
            + ("and applies_to = ? " if scope else "and is_governing ")
            + ("and service_code = ? " if service is not None else "")
            + "order by counted desc, closed_date, person_pseudonym"
        )
        params = [fig.county_code, fig.period_start, period_end(fig.period_grain, fig.period_start), *rules]
        if scope:
            params.append(scope)
        if service is not None:
            params.append(service)
        what = "value" if fig.formula.startswith("sum") else "numerator"
        return _listing(
            con,
            sql,
            params,
            limit,
            "waits that ended in the period (completed or left the queue); counted = in the " + what,
            what,
        )
    return base | {
        "note": f"{m} has no row-level listing: it is built from "
        + {
            "costs": "ledger and plan lines (see marts.cost_ledger)",
            "personnel": "employment months (see the personnel marts)",
            "need": "aggregated outputs and population statistics",
            "coordination": "clients' allocated costs (see marts.heavy_users)",
        }.get(fig.register.get("theme"), "aggregates")
    }


def _listing(con, sql: str, params: list, limit: int | None, source: str, counts_into: str) -> dict:
    counted = con.execute(f"select count(*) filter (where counted), count(*) from ({sql})", params).fetchone()
    listed = _dicts(con, sql + (f" limit {int(limit)}" if limit else ""), params)
    for r in listed:
        for k, v in r.items():
            if isinstance(v, date):
                r[k] = v.isoformat()
    return {
        "source": source,
        "counts_into": counts_into,
        "counted": counted[0],
        "total": counted[1],
        "rows": listed,
        "note": None,
    }


def _num(v) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:.6g}" if isinstance(v, float) and abs(v) < 1e-3 else f"{v:,.4f}".rstrip("0").rstrip(".")


def _persons(n) -> str:
    return f"{_num(n)} person" + ("" if n == 1 else "s")


def as_dict(fig: Figure) -> dict:
    return {
        "measure_code": fig.measure_code,
        "county_code": fig.county_code,
        "period_grain": fig.period_grain,
        "period_start": fig.period_start.isoformat(),
        **fig.breakdown,
        "breakdown": fig.breakdown_name,
        "unit": fig.register.get("unit"),
        "name_en": fig.register.get("name_en"),
        "name_fi": fig.register.get("name_fi"),
        "spec_section": fig.register.get("spec_section"),
        "value": fig.value,
        "value_status": fig.value_status,
        "formula": fig.formula,
        "components": fig.components,
        "recombined": fig.recombined,
        "is_suppressed": fig.is_suppressed,
        "public_value_status": fig.public_value_status,
        "person_count": fig.person_count,
        "limits_in_force": fig.limits,
        "revisions": [
            {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()} for r in fig.revisions
        ],
        "rows": fig.rows,
    }


def render(fig: Figure) -> str:
    reg = fig.register
    unit = reg.get("unit")
    out = []
    chosen = [f"{opt} {fig.breakdown[c]}" for c, opt in BREAKDOWNS if fig.breakdown[c] is not None]
    out.append(f"{fig.measure_code} — {reg.get('name_en')} ({reg.get('name_fi')}), unit {unit}")
    out.append(
        f"county {fig.county_code}, {fig.period_grain} {period_label(fig.period_grain, fig.period_start)}, "
        f"breakdown {fig.breakdown_name}{': ' + ', '.join(chosen) if chosen else ''}"
    )
    out.append(f"definition: {reg.get('description_en')}")
    out.append(
        f'rule: docs/minimum-data.md, section "{reg.get("spec_section")}"; source groups {reg.get("source_group")}'
    )
    for lim in fig.limits:
        valid = f"{lim['valid_from']}–{lim['valid_to'] or ''}"
        cond = f", {lim['client_condition']}" if lim.get("client_condition") else ""
        out.append(
            f"limit in force: {lim['rule']} ({lim['applies_to']}, ages {lim['ages']}{cond}): {lim['limit']}, "
            f"valid {valid}; {lim['legal_basis']}"
        )
    out.append(f"value: {_num(fig.value)} {unit} (value_status {fig.value_status})")
    if fig.value is None:
        out.append(
            "components: none (the value is NULL: "
            + ("outside the source coverage)" if fig.value_status == "not_delivered" else "nothing to average)")
        )
    elif not [c for c in fig.components if c["role"] != "context"]:
        out.append(f"formula: {fig.formula}")
        out.append("components: none — no rows to count in the period, so the value is 0 (an empty sum)")
    else:
        out.append(f"formula: {fig.formula}")
        out.append("components:")
        width = max(len(c["component"]) for c in fig.components)
        for c in fig.components:
            out.append(
                f"  {c['role']:<11} {c['component']:<{width}}  {_num(c['component_value']):>16}  {c['component_label']}"
            )
        out.append(f"  = {_filled(fig)}")
    if fig.is_suppressed is None:
        out.append("key_figures_public: no row")
    elif fig.is_suppressed:
        out.append(
            f"key_figures_public: SUPPRESSED — built on {_persons(fig.person_count)} "
            "(counts of persons from 1 to 4 and what is computed from them are not published)"
        )
    elif fig.person_count is None:
        out.append(
            f"key_figures_public: published ({fig.public_value_status}); not a count of persons, never suppressed"
        )
    else:
        out.append(
            f"key_figures_public: published ({fig.public_value_status}); built on {_persons(fig.person_count)} "
            "(suppressed only when 1–4)"
        )
    if fig.revisions:
        out.append("revisions:")
        for r in fig.revisions:
            out.append(
                f"  {r['new_built_at']}: {r['change_type']} {_num(r['old_value'])} -> {_num(r['new_value'])} "
                f"({r['old_value_status']} -> {r['new_value_status']}); landing files changed: "
                f"{r['landing_files_changed']}"
            )
    else:
        out.append("revisions: none recorded (the value is the same in every recorded build)")
    if fig.rows is not None:
        rows = fig.rows
        if rows.get("note"):
            out.append(f"rows: {rows['note']}")
        else:
            out.append(f"rows ({rows['source']}): {rows['counted']} counted of {rows['total']}")
            for r in rows["rows"]:
                out.append("  " + "  ".join(f"{k}={v}" for k, v in r.items()))
            if len(rows["rows"]) < rows["total"]:
                out.append(f"  … {rows['total'] - len(rows['rows'])} more (--limit 0 lists all)")
    return "\n".join(out)


def _filled(fig: Figure) -> str:
    comps = fig.components
    if (fig.formula or "").startswith("sum of addends"):
        terms = [_num(c["component_value"]) for c in comps if c["role"] == "addend"]
        text = " + ".join(terms).replace("+ -", "− ")
    else:
        num = next(c["component_value"] for c in comps if c["role"] == "numerator")
        den = next((c["component_value"] for c in comps if c["role"] == "denominator"), None)
        scale = formula_scale(fig.formula)
        text = f"{_num(num)} / {_num(den)}" + (f" × {_num(scale)}" if scale != 1 else "")
    agrees = (
        fig.recombined is not None
        and fig.value is not None
        and math.isclose(fig.recombined, fig.value, rel_tol=1e-9, abs_tol=1e-9)
    )
    result = text if text == _num(fig.recombined) else f"{text} = {_num(fig.recombined)}"
    return result + ("" if agrees else f" (the value is {_num(fig.value)})")


def register(sub) -> None:
    p = sub.add_parser(
        "explain",
        help="explain how a key figure is made (rule, components, suppression, revisions)",
        description="Explain one key figure of key_figures: the measure's definition and spec section (the "
        "care-guarantee limit in force for a wait), the value and the components it was computed from "
        "(key_figure_components: numerator and denominator, or the addends such as direct costs and support and "
        "administration shares), whether key_figures_public suppresses it and by which count, and its revisions "
        "between builds. --rows lists the pseudonymised rows behind a count of clients or waits.",
    )
    p.add_argument("measure", help="measure code (marts.key_figure_measures)")
    p.add_argument("--county", required=True, help="county code, e.g. 01")
    p.add_argument("--period", required=True, help="2024 (year), 2024-Q1 (quarter) or 2024-01 (month)")
    for _, opt in BREAKDOWNS:
        p.add_argument(f"--{opt.replace('_', '-')}", default=None, help=f"{opt} breakdown value (default: all)")
    p.add_argument("--rows", action="store_true", help="list the pseudonymised rows behind the value")
    p.add_argument(
        "--limit", type=int, default=ROW_LIMIT_DEFAULT, help="rows listed with --rows (default %(default)s; 0 = all)"
    )
    p.add_argument("--json", action="store_true", help="print the explanation as JSON")
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="DuckDB file of a build or the serving file (default: $TIETOPOHJA_DB_PATH or target/tietopohja.duckdb)",
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    db = args.db or Path(os.environ.get("TIETOPOHJA_DB_PATH", DEFAULT_DB))
    breakdown = {
        "service_code": args.service,
        "segment": args.segment,
        "production_mode": args.production_mode,
        "municipality_code": args.municipality,
    }
    fig = explain(db, args.measure, args.county, args.period, breakdown, rows=args.rows, row_limit=args.limit or None)
    if args.json:
        print(json.dumps(as_dict(fig), ensure_ascii=False, indent=2, default=str))
    else:
        print(render(fig))
    return 0
