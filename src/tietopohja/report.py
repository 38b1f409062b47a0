"""``tietopohja report``: a static dashboard of the publishable key figures.

One self-contained HTML page (no server, no network: open the file or put it
on any web server) for a county's management: the minimum-data themes —
costs, availability, personnel, need and quality, coordination — as monthly
charts per county beside yearly tables, costs by service and the county
comparison. Built only from the publishable marts (``public.key_figures_public``,
``key_figures_county_comparison``), so small numbers stay suppressed, and
the numbers shown are theirs. The projected service need
(``marts.service_need_projection``, where a population projection was
delivered) is shown for the whole county by year and scenario: expected
values of a model, not counts of persons, so nothing in it is suppressed.

The charts are Plotly figures; plotly.js is embedded in the page (no CDN).
Names instead of codes: measures from the register ``marts.key_figure_measures``,
services from ``marts.services``, counties from ``marts.counties`` (read
from the warehouse, :mod:`tietopohja.dimensions`). A month that is
suppressed (1–4 persons), not delivered (outside the source's coverage) or
has nothing to compute (a mean of no cases) is a gap in the line, never
bridged, and marked in a row of its own under the chart — each with its own
mark. The page states the data date (the last month with data) and when the
warehouse was built.

"What changed" (issue #20): the build and the previous build of the same
landing folder (``marts.key_figure_builds``), the landing files that differ
between them (``marts.key_figure_revision_files``) and the key figures whose
value or status changed (``marts.key_figure_revisions``), whole-county rows
first, then by the size of the relative change. The revision marts hold the
exact values of ``key_figures``; the page shows a value only where
``key_figures_public`` showed it in that build (the history records
``key_figures_public.is_suppressed`` with every figure): a new value that is
suppressed there is suppressed here, and so is its old value; an old value
that was suppressed in the older build is suppressed too. The change of a
suppressed value is not shown.
"""

from __future__ import annotations

import argparse
import html
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from tietopohja.dimensions import BREAKDOWN_COLUMNS as KEY_FIGURE_BREAKDOWNS
from tietopohja.dimensions import columns, dimension_sql, has_relation, key_figures_columns_sql, public_relation
from tietopohja.errors import UserError
from tietopohja.export import DEFAULT_DB

#: theme sections and the measures they chart, in order (measures the build does not have are left out)
SECTIONS = (
    (
        "Kustannukset — Costs",
        [
            "operating_cost_eur",
            "operating_income_eur",
            "net_cost_eur",
            "budget_cost_eur",
            "forecast_cost_eur",
            "allocated_cost_eur",
            "cost_per_resident_eur",
            "cost_per_client_eur",
            "ledger_cost_per_resident_eur",
            "ledger_cost_per_client_eur",
        ],
    ),
    (
        "Saatavuus — Availability",
        [
            "pc_assessment_waits",
            "pc_assessment_over_limit",
            "pc_assessment_mean_bdays",
            "pc_treatment_over_limit",
            "pc_treatment_mean_days",
            "pc_treatment_within_7d_pct",
            "pc_treatment_within_14d_pct",
            "sc_handling_over_limit",
            "sc_treatment_over_limit",
            "sc_open_over_6m",
            "social_assessment_over_limit",
            "social_implementation_over_limit",
        ],
    ),
    (
        "Henkilöstö — Personnel",
        [
            "htv_paid",
            "htv_worked",
            "htv_paid_per_1000",
            "fixed_term_htv_share_pct",
            "turnover_permanent_pct",
            "sick_days_per_htv",
            "training_days_per_headcount",
            "staffing_weeks_below_minimum",
        ],
    ),
    (
        "Tarve, käyttö ja laatu — Need, use and quality",
        [
            "residents",
            "dependency_ratio",
            "clients",
            "clients_per_1000",
            "outpatient_visits",
            "care_days",
            "readmissions_30d_pct",
            "feedback_nps",
        ],
    ),
    ("Yhteensovittaminen — Coordination", ["clients_health_and_social", "top10_cost_share_pct"]),
)

#: stock measures (not a sum over the period): when they are taken
STOCKS = {
    "residents": "latest year-end",
    "dependency_ratio": "latest year-end",
    "sc_open_over_6m": "at the period's last day",
}

#: what a unit is called on an axis and in a table
UNIT_LABELS = {
    "eur": ("€", "€"),
    "count": ("lukumäärä", "number"),
    "days": ("päivää", "days"),
    "pct": ("%", "%"),
    "htv": ("htv", "person-years (HTV)"),
    "ratio": ("suhdeluku", "ratio"),
    "per_1000": ("/ 1 000 asukasta", "per 1,000 residents"),
}

#: why a value is missing, its label and the mark the charts use for it
GAP_KINDS = {
    "suppressed": ("peitetty (1–4 henkilöä)", "suppressed (1–4 persons)", "x-thin-open"),
    "not_delivered": ("ei toimitettu", "no data delivered", "square-open"),
    "empty": ("ei laskettavaa", "nothing to compute (no cases)", "circle-open"),
}

#: county colours (colour-blind safe, Okabe–Ito)
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

WHOLE_COUNTY = "service_code is null and segment is null and production_mode is null and municipality_code is null"


@dataclass
class Measure:
    code: str
    name_fi: str
    name_en: str
    unit: str
    definition: str = ""
    #: 'higher' or 'lower' when the register says which way is better, else None
    better: str | None = None
    additive: bool = True
    #: the value is a count of persons
    persons: bool = False


@dataclass
class Dashboard:
    measures: dict[str, Measure]
    counties: dict[str, str]
    services: dict[str, str]
    #: measure -> county -> [(YYYY-MM, value, value_status)]
    monthly: dict[str, dict[str, list[tuple[str, float | None, str]]]]
    #: measure -> [(county, year, value, value_status)]
    yearly: dict[str, list[tuple[str, int, float | None, str]]]
    #: [(county, service_code, value, value_status)] of the latest year
    by_service: list[tuple[str, str, float | None, str]]
    by_service_year: int | None
    #: [(measure, year, county, value, rank, counties_compared, median, difference)]
    comparison: list[tuple]
    data_month: str | None
    built_at: datetime | None
    months: list[str] = field(default_factory=list)
    #: [(county, projection, scenario, year, residents, clients, outputs, allocated cost)], whole county
    projection: list[tuple] = field(default_factory=list)
    #: what changed since the previous build (None: the warehouse keeps no revision history)
    changes: Changes | None = None


@dataclass
class BuildRecord:
    """One build of marts.key_figure_builds."""

    build_id: str
    build_number: int
    built_at: datetime | None
    landing_fingerprint: str | None
    project_version: str | None
    files_read: int | None
    key_figure_rows: int | None


@dataclass
class FigureChange:
    """One changed key figure of marts.key_figure_revisions, with what the page may show of it."""

    measure_code: str
    county_code: str
    period_grain: str
    period_start: date
    breakdown: dict[str, str]
    unit: str
    change_type: str
    old_value: float | None
    new_value: float | None
    old_status: str | None
    new_status: str | None
    #: the value is suppressed on the page (key_figures_public's rule)
    old_hidden: bool = False
    new_hidden: bool = False

    @property
    def whole_county(self) -> bool:
        return not self.breakdown

    @property
    def relative_change(self) -> float:
        """|new − old| ÷ |old|; infinite for a figure that appeared, disappeared or changed from 0."""
        if self.old_value is None or self.new_value is None or self.old_value == 0:
            return float("inf")
        return abs(self.new_value - self.old_value) / abs(self.old_value)


@dataclass
class Changes:
    current: BuildRecord
    previous: BuildRecord | None
    #: [(path, entity, change_type, old_rows_read, new_rows_read, keys_redelivered)], by path
    files: list[tuple] = field(default_factory=list)
    #: most relevant first: whole-county rows, then by relative change (suppressed values last)
    figures: list[FigureChange] = field(default_factory=list)


def _query(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def _measures(con) -> dict[str, Measure]:
    sql = dimension_sql(con, "key_figure_measures")
    if sql is None:
        return {}
    rel = con.sql(sql)
    cols = rel.columns
    out = {}
    for row in rel.fetchall():
        r = dict(zip(cols, row, strict=True))
        better = None
        if r.get("higher_is_better") is not None:
            better = "higher" if r["higher_is_better"] else "lower"
        for key in ("better_direction", "direction", "better"):
            if str(r.get(key) or "").lower() in ("higher", "lower"):
                better = str(r[key]).lower()
        additive = r.get("adds_over_months", r.get("additive_over_months"))
        out[r["measure_code"]] = Measure(
            code=r["measure_code"],
            name_fi=r.get("name_fi") or r["measure_code"],
            name_en=r.get("name_en") or r.get("description_en") or "",
            unit=r.get("unit") or "",
            definition=r.get("description_en") or r.get("definition") or "",
            better=better,
            additive=bool(additive) if additive is not None else r.get("empty_value") == "zero",
            persons=bool(r.get("is_person_count")) or r["measure_code"] == "residents",
        )
    return out


def _names(con, dimension: str, key: str, candidates: tuple[str, ...]) -> dict[str, str]:
    sql = dimension_sql(con, dimension)
    if sql is None:
        return {}
    rel = con.sql(sql)
    name = next((c for c in candidates if c in rel.columns), None)
    if name is None:
        return {}
    return {k: v for k, v in con.sql(f"select {key}, {name} from ({sql})").fetchall() if k is not None}


def collect(db_path: Path) -> Dashboard:
    """Everything the page shows, from the publishable marts and the warehouse's names."""
    if not Path(db_path).exists():
        raise UserError(f"database not found: {db_path} (run dbt build first, or pass --db)")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as err:
        raise UserError(f"cannot open {db_path} read-only (is a build writing it?): {err}") from err
    try:
        if not (has_relation(con, "public", "key_figures_public") or has_relation(con, "marts", "key_figures_public")):
            raise UserError(f"no public.key_figures_public in {db_path} (did the build finish?)")
        measures = _measures(con)
        counties = _names(con, "counties", "county_code", ("county_name_fi", "name_fi"))
        services = _names(con, "services", "service_code", ("name_fi",))
        status = key_figures_columns_sql(con, "key_figures_public")
        base = f"select *, {status} from {public_relation(con, 'key_figures_public')}"
        monthly: dict[str, dict[str, list]] = {}
        for measure, county, month, value, value_status in _query(
            con,
            f"select measure_code, county_code, strftime(period_start, '%Y-%m'), value, value_status "
            f"from ({base}) where period_grain = 'month' and breakdown = 'total' "
            "order by measure_code, county_code, period_start",
        ):
            monthly.setdefault(measure, {}).setdefault(county, []).append((month, value, value_status))
        yearly: dict[str, list] = {}
        for measure, county, year, value, value_status in _query(
            con,
            f"select measure_code, county_code, year(period_start), value, value_status "
            f"from ({base}) where period_grain = 'year' and breakdown = 'total' "
            "order by measure_code, period_start, county_code",
        ):
            yearly.setdefault(measure, []).append((county, year, value, value_status))
        latest_year = con.execute(
            f"select max(year(period_start)) from ({base}) where period_grain = 'year' "
            "and measure_code = 'allocated_cost_eur' and value_status in ('complete', 'partial')"
        ).fetchall()[0][0]
        by_service = _query(
            con,
            f"select county_code, service_code, value, value_status from ({base}) "
            "where measure_code = 'allocated_cost_eur' and period_grain = 'year' and breakdown = 'service' "
            "and year(period_start) = ? order by county_code, value desc nulls last, service_code",
            [latest_year],
        )
        comparison = []
        comparison_relation = public_relation(con, "key_figures_county_comparison")
        if has_relation(con, *comparison_relation.split(".")):
            comparison = _query(
                con,
                "select measure_code, stat_year, county_code, value, value_rank, counties_compared, median_value, "
                f"difference_to_median from {comparison_relation} "
                "order by measure_code, stat_year, value_rank nulls last, county_code",
            )
        data_month = con.execute(
            f"select strftime(max(period_start), '%Y-%m') from ({base}) where period_grain = 'month' "
            "and value_status in ('complete', 'partial') and value is not null"
        ).fetchall()[0][0]
        built_at = _built_at(con, db_path)
        projection = _projection(con)
        changes = _changes(con, measures)
    finally:
        con.close()
    months = sorted({m for per in monthly.values() for series in per.values() for m, _, _ in series})
    return Dashboard(
        measures=measures,
        counties=counties,
        services=services,
        monthly=monthly,
        yearly=yearly,
        by_service=by_service,
        by_service_year=latest_year,
        comparison=comparison,
        data_month=data_month,
        built_at=built_at,
        months=months,
        projection=projection,
        changes=changes,
    )


#: names of the scenarios of seeds/rules/projection_scenarios.csv (a county's own: its code)
SCENARIO_LABELS = {
    "baseline": "Perusura — baseline",
    "prevention": "Ennaltaehkäisy — prevention",
    "cost_pressure": "Kustannuspaine — cost pressure",
}


def _projection(con) -> list[tuple]:
    """The service-need projection summed to the whole county per projection, scenario and year
    (residents counted once per municipality, not once per service row)."""
    if not has_relation(con, "marts", "service_need_projection"):
        return []
    return _query(
        con,
        "with cells as (select county_code, projection, scenario, projected_year, "
        "sum(clients) as clients, sum(visits + care_days + service_days) as outputs, "
        "sum(allocated_cost_eur) as cost from marts.service_need_projection group by all), "
        "residents as (select county_code, projection, scenario, projected_year, sum(residents) as residents "
        "from (select distinct county_code, projection, scenario, projected_year, municipality_code, residents "
        "from marts.service_need_projection) group by all) "
        "select cells.county_code, cells.projection, cells.scenario, cells.projected_year, residents.residents, "
        "cells.clients, cells.outputs, cells.cost from cells join residents using "
        "(county_code, projection, scenario, projected_year) "
        "order by cells.county_code, cells.projection, cells.scenario, cells.projected_year",
    )


#: the breakdown columns of a key figure, in the order the page names them
BREAKDOWN_COLUMNS = tuple(column for column, _ in KEY_FIGURE_BREAKDOWNS)


def _utc(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _changes(con, measures: dict[str, Measure]) -> Changes | None:
    """This build, the previous build of the same landing folder, the landing files that differ and the
    changed key figures (None when the warehouse has no revision marts or no current build)."""
    names = ("key_figure_builds", "key_figure_revisions", "key_figure_revision_files")
    if not all(has_relation(con, "marts", name) for name in names):
        return None
    builds = {
        r[0]: BuildRecord(r[0], r[1], _utc(r[2]), r[3], r[4], r[5], r[6])
        for r in _query(
            con,
            "select build_id, build_number, built_at, landing_fingerprint, project_version, files_read, "
            "key_figure_rows from marts.key_figure_builds",
        )
    }
    current = _query(con, "select build_id, previous_build_id from marts.key_figure_builds where is_current_build")
    if not current:
        return None
    current_id, previous_id = current[0]
    if previous_id is None:
        return Changes(builds[current_id], None)
    files = _query(
        con,
        "select path, entity, change_type, old_rows_read, new_rows_read, keys_redelivered "
        "from marts.key_figure_revision_files where new_build_id = ? order by path",
        [current_id],
    )
    figures = []
    for row in _query(
        con,
        f"select r.measure_code, r.county_code, r.period_grain, r.period_start, "
        f"{', '.join('r.' + c for c in BREAKDOWN_COLUMNS)}, r.unit, r.change_type, r.old_value, r.new_value, "
        f"r.old_value_status, r.new_value_status, r.old_is_suppressed_public, r.new_is_suppressed_public "
        "from marts.key_figure_revisions as r where r.new_build_id = ?",
        [current_id],
    ):
        measure, county, grain, start, *breakdown = row[:8]
        unit, change_type, old, new, old_status, new_status, old_suppressed, new_suppressed = row[8:]
        m = measures.get(measure)
        # hidden where key_figures_public hid it in that build; a new value hidden hides the old one
        # (the change would tell it); an old value the history kept no flag for is hidden too
        new_hidden = bool(new_suppressed)
        old_hidden = new_hidden or (old is not None and old_suppressed is not False)
        figures.append(
            FigureChange(
                measure_code=measure,
                county_code=county,
                period_grain=grain,
                period_start=start,
                breakdown={c: v for c, v in zip(BREAKDOWN_COLUMNS, breakdown, strict=True) if v is not None},
                unit=unit or (m.unit if m else ""),
                change_type=change_type,
                old_value=old,
                new_value=new,
                old_status=old_status,
                new_status="suppressed" if new_hidden else new_status,
                old_hidden=old_hidden,
                new_hidden=new_hidden,
            )
        )
    figures.sort(
        key=lambda f: (
            not f.whole_county,
            f.old_hidden or f.new_hidden,
            -f.relative_change,
            f.measure_code,
            f.county_code,
            f.period_grain,
            f.period_start,
            sorted(f.breakdown.items()),
        )
    )
    return Changes(builds[current_id], builds.get(previous_id), files, figures)


def _built_at(con, db_path: Path) -> datetime | None:
    """When the warehouse was built: the build's own record where it keeps one, else the file's time."""
    for schema, table in (("marts", "build_info"), ("marts", "key_figure_builds")):
        if has_relation(con, schema, table):
            cols = columns(con, schema, table)
            col = next((c for c in ("built_at", "build_finished_at", "build_started_at") if c in cols), None)
            if col:
                value = con.execute(f"select max({col}) from {schema}.{table}").fetchall()[0][0]
                if isinstance(value, datetime):
                    return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        return datetime.fromtimestamp(Path(db_path).stat().st_mtime, UTC)
    except OSError:
        return None


# --------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------


def fmt(value, unit: str = "", *, signed: bool = False, points: bool = False) -> str:
    """A value as Finnish readers write it: space thousands, decimal comma (never for a missing value)."""
    if value is None:
        raise ValueError("a missing value has a reason: use status_text()")
    digits = 0 if unit == "count" or (unit == "eur" and abs(value) >= 100) else (1 if unit == "pct" else 2)
    text = f"{value:{'+' if signed else ''},.{digits}f}".replace(",", "\u00a0").replace(".", ",").replace("-", "−")
    if points:
        return text + "\u00a0%-yks."
    return text + {"eur": "\u00a0€", "pct": "\u00a0%", "htv": "\u00a0htv"}.get(unit, "")


def status_text(value_status: str, value) -> str:
    """Why a value is not shown (Finnish — English); '' when it is shown."""
    if value_status == "suppressed":
        fi, en, _ = GAP_KINDS["suppressed"]
    elif value_status == "not_delivered":
        fi, en, _ = GAP_KINDS["not_delivered"]
    elif value is None:
        fi, en, _ = GAP_KINDS["empty"]
    else:
        return ""
    return f"{fi} — {en}"


def gap_kind(value, value_status: str) -> str | None:
    if value_status in ("suppressed", "not_delivered"):
        return value_status
    return "empty" if value is None else None


def axis_title(m: Measure, grain: str = "month") -> str:
    """The unit and grain of a chart's values, e.g. '€ per month' or '% (monthly value)'."""
    fi, en = UNIT_LABELS.get(m.unit, (m.unit, m.unit))
    if m.unit == "count" and m.persons:
        en = "persons"
    if m.code in STOCKS:
        return f"{en}, {STOCKS[m.code]}" + (" (monthly)" if grain == "month" else " (yearly)")
    if m.additive and m.unit in ("eur", "count", "htv", "days"):
        return f"{en} per {grain}"
    return f"{en} ({'monthly' if grain == 'month' else 'yearly'} value)"


def county_label(dash: Dashboard, code: str) -> str:
    return f"{dash.counties.get(code, code)} ({code})"


def service_label(dash: Dashboard, code: str) -> str:
    return f"{dash.services.get(code, code)}"


def direction_text(m: Measure) -> str:
    if m.better == "higher":
        return "sija 1 = suurin arvo; suurempi on parempi — rank 1 = highest value; higher is better"
    if m.better == "lower":
        return "sija 1 = suurin arvo; pienempi on parempi — rank 1 = highest value; lower is better"
    return (
        "sija 1 = suurin arvo; suurempi = enemmän (rekisteri ei kerro, kumpi on parempi) — "
        "rank 1 = highest value; higher = more (the register does not say which way is better)"
    )


# --------------------------------------------------------------------------
# Charts (Plotly)
# --------------------------------------------------------------------------


def monthly_figure(dash: Dashboard, m: Measure):
    """The measure's monthly line per county; every missing month a gap with its own mark underneath."""
    import plotly.graph_objects as go

    series = dash.monthly.get(m.code, {})
    fig = go.Figure()
    kinds_present: list[str] = []
    gaps: dict[tuple[str, str], list[str]] = {}
    for i, county in enumerate(sorted(series)):
        by_month = {month: (value, value_status) for month, value, value_status in series[county]}
        xs, ys = [], []
        for month in dash.months:
            value, value_status = by_month.get(month, (None, "not_delivered"))
            kind = gap_kind(value, value_status)
            xs.append(f"{month}-01")
            ys.append(None if kind else value)
            if kind:
                gaps.setdefault((county, kind), []).append(f"{month}-01")
                if kind not in kinds_present:
                    kinds_present.append(kind)
        colour = COLOURS[i % len(COLOURS)]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=county_label(dash, county),
                legendgroup=county,
                mode="lines+markers",
                connectgaps=False,
                line={"color": colour, "width": 2},
                marker={"size": 4, "color": colour},
                meta={"county": county, "role": "value"},
                hovertemplate="%{x|%m/%Y}: %{y}<extra>" + html.escape(county_label(dash, county)) + "</extra>",
            )
        )
    kinds_present.sort(key=list(GAP_KINDS).index)
    rows = {kind: n for n, kind in enumerate(reversed(kinds_present))}
    counties = sorted(series)
    for (county, kind), xs in sorted(gaps.items()):
        i = counties.index(county)
        offset = (i - (len(counties) - 1) / 2) * 0.22
        fi, en, symbol = GAP_KINDS[kind]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[rows[kind] + offset] * len(xs),
                yaxis="y2",
                mode="markers",
                name=f"{en}: {county_label(dash, county)}",
                legendgroup=county,
                showlegend=False,
                marker={"symbol": symbol, "size": 8, "color": COLOURS[i % len(COLOURS)], "line": {"width": 1.5}},
                meta={"county": county, "role": kind},
                hovertemplate="%{x|%m/%Y}: " + html.escape(f"{fi} — {en}") + f"<extra>{html.escape(county)}</extra>",
            )
        )
    strip = 0.07 * len(kinds_present) + (0.04 if kinds_present else 0)
    unit_axis = axis_title(m)
    fig.update_layout(
        title={
            "text": html.escape(m.name_fi),
            "subtitle": {"text": html.escape(f"Kuukausittain, koko alue — monthly, whole county · {unit_axis}")},
            "font": {"size": 15},
        },
        height=340 + 30 * len(kinds_present),
        margin={"l": 70, "r": 20, "t": 70, "b": 40},
        separators=", ",
        template="plotly_white",
        legend={"orientation": "h", "y": -0.12, "x": 0},
        xaxis={
            "type": "date",
            "tickformat": "%m/%Y",
            "showgrid": True,
            "ticks": "outside",
            "anchor": "y2" if kinds_present else "y",
        },
        yaxis={
            "title": {"text": html.escape(unit_axis)},
            "domain": [strip, 1],
            "rangemode": "tozero",
            "ticks": "outside",
            "zeroline": True,
            "tickformat": ",.4~r" if m.unit != "count" else ",d",
        },
    )
    if kinds_present:
        fig.update_layout(
            yaxis2={
                "domain": [0, strip - 0.04],
                "range": [-0.6, len(kinds_present) - 0.4],
                "tickvals": [rows[k] for k in kinds_present],
                "ticktext": [GAP_KINDS[k][1] for k in kinds_present],
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
                "tickfont": {"size": 10},
            }
        )
    return fig


def service_figure(dash: Dashboard):
    """Allocated cost of the latest year by service (horizontal bars per county, names not codes)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    counties = sorted({c for c, _, _, _ in dash.by_service})
    order = sorted(
        {s for _, s, _, _ in dash.by_service},
        key=lambda s: -sum(v or 0 for _, s2, v, _ in dash.by_service if s2 == s),
    )
    for i, county in enumerate(counties):
        values = {s: v for c, s, v, _ in dash.by_service if c == county}
        fig.add_trace(
            go.Bar(
                y=[service_label(dash, s) for s in order],
                x=[values.get(s) for s in order],
                orientation="h",
                name=county_label(dash, county),
                marker={"color": COLOURS[i % len(COLOURS)]},
                meta={"county": county, "role": "value"},
                hovertemplate="%{y}: %{x:,.0f} €<extra>" + html.escape(county) + "</extra>",
            )
        )
    fig.update_layout(
        title={
            "text": f"Kohdistetut kokonaiskustannukset palveluittain {dash.by_service_year}",
            "subtitle": {"text": f"Full cost by service, year {dash.by_service_year} · € per year"},
        },
        height=max(360, 28 * len(order) * max(1, len(counties)) // 2 + 140),
        margin={"l": 320, "r": 20, "t": 70, "b": 50},
        separators=", ",
        template="plotly_white",
        barmode="group",
        xaxis={"title": {"text": "€ per year"}, "ticks": "outside", "tickformat": ",.0f"},
        yaxis={"autorange": "reversed", "ticks": "outside", "automargin": True},
        legend={"orientation": "h", "y": -0.12},
    )
    return fig


def scenario_label(code: str) -> str:
    return SCENARIO_LABELS.get(code, code)


def projection_figure(dash: Dashboard):
    """Projected allocated cost per year: a line per county, projection and scenario."""
    import plotly.graph_objects as go

    fig = go.Figure()
    series: dict[tuple[str, str, str], list[tuple[int, float]]] = {}
    for county, projection, scenario, year, _, _, _, cost in dash.projection:
        series.setdefault((county, projection, scenario), []).append((year, cost))
    counties = sorted({c for c, _, _ in series})
    dashes = ("solid", "dash", "dot", "dashdot")
    scenarios = sorted({s for _, _, s in series}, key=lambda s: (s != "baseline", s))
    for (county, projection, scenario), points in sorted(series.items()):
        fig.add_trace(
            go.Scatter(
                x=[y for y, _ in points],
                y=[v for _, v in points],
                mode="lines+markers",
                name=f"{county_label(dash, county)} · {projection} · {scenario_label(scenario)}",
                line={
                    "color": COLOURS[counties.index(county) % len(COLOURS)],
                    "dash": dashes[scenarios.index(scenario) % len(dashes)],
                },
                meta={"county": county, "role": "projection", "scenario": scenario},
                hovertemplate="%{x}: %{y:,.0f} €<extra>" + html.escape(scenario) + "</extra>",
            )
        )
    fig.update_layout(
        title={
            "text": "Ennustetut kohdistetut kustannukset skenaarioittain",
            "subtitle": {"text": "Projected full cost of the services by scenario · € per year"},
        },
        height=460,
        margin={"l": 80, "r": 20, "t": 70, "b": 50},
        separators=", ",
        template="plotly_white",
        xaxis={"title": {"text": "Ennustevuosi — projected year"}, "ticks": "outside", "dtick": 1},
        yaxis={"title": {"text": "€ per year"}, "ticks": "outside", "tickformat": ",.0f"},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def _projection_html(dash: Dashboard) -> str:
    rows = [
        f'<tr data-county="{html.escape(county)}" data-scenario="{html.escape(scenario)}" '
        f'data-projected-year="{year}" data-projection="{html.escape(projection)}">'
        f"<td>{html.escape(county_label(dash, county))}</td><td>{html.escape(projection)}</td>"
        f"<td>{html.escape(scenario_label(scenario))}</td><td>{year}</td>"
        + "".join(
            f'<td class="num" data-{name}="{repr(float(v))}">{html.escape(fmt(v, unit))}</td>'
            for name, v, unit in (
                ("residents", residents, "count"),
                ("clients", clients, "count"),
                ("outputs", outputs, "count"),
                ("cost", cost, "eur"),
            )
        )
        + "</tr>"
        for county, projection, scenario, year, residents, clients, outputs, cost in dash.projection
    ]
    return (
        "<section id=projection><h2>Palvelutarve-ennuste — Projected service need</h2>"
        "<p>Perusvuoden käyttöasteet ikäryhmittäin ja sukupuolittain kerrottuna väestöennusteella; skenaario muuttaa "
        "käyttöasteita ja yksikkökustannuksia vuosittain. The base year's use rates by age band and sex times the "
        "population projection; a scenario changes use rates and unit costs each year "
        "(<code>service_need_projection</code>). Expected values, not counts of persons. Clients are summed over "
        "services; outputs are visits, care days and service days.</p>"
        '<figure class="chart" data-measure="allocated_cost_eur" data-unit="eur" data-chart="chart-projection">'
        "<figcaption>Vuosittain — yearly (€ per year)</figcaption>"
        f"{_chart_html(projection_figure(dash), 'chart-projection')}</figure>"
        + _table(
            [
                "Hyvinvointialue — county",
                "Väestöennuste — projection",
                "Skenaario — scenario",
                "Vuosi — year",
                "Asukkaat — residents",
                "Asiakkaat — clients",
                "Suoritteet — outputs",
                "Kustannus — cost (€ per year)",
            ],
            rows,
            "projection",
        )
        + "</section>"
    )


_POST_SCRIPT = "window.tietopohjaChartRendered('{plot_id}');"
_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def _chart_html(fig, chart_id: str) -> str:
    import plotly.io as pio

    return pio.to_html(
        fig,
        include_plotlyjs=False,
        full_html=False,
        div_id=chart_id,
        config=_CONFIG,
        post_script=_POST_SCRIPT,
    )


# --------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------


def _value_cell(value, value_status: str, unit: str, **attrs) -> str:
    data = " ".join(f'data-{k}="{html.escape(str(v))}"' for k, v in attrs.items())
    raw = "" if value is None else repr(float(value))
    reason = status_text(value_status, value)
    if reason:
        kind = gap_kind(value, value_status) or ""
        return (
            f'<td class="num gap gap-{kind}" {data} data-value="{raw}" data-status="{html.escape(value_status)}">'
            f"{html.escape(reason)}</td>"
        )
    shown = fmt(value, unit) + (" (osittainen — partial)" if value_status == "partial" else "")
    return (
        f'<td class="num" {data} data-value="{raw}" data-status="{html.escape(value_status)}">{html.escape(shown)}</td>'
    )


def _table(headers: list[str], rows: list[str], cls: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _yearly_table(dash: Dashboard, m: Measure) -> str:
    rows = [
        f"<tr><td>{html.escape(county_label(dash, county))}</td><td>{year}</td>"
        + _value_cell(value, value_status, m.unit, measure=m.code, county=county, year=year)
        + "</tr>"
        for county, year, value, value_status in dash.yearly.get(m.code, [])
    ]
    unit = axis_title(m, "year")
    return f"<h4>Vuosittain — yearly <span class=unit>({html.escape(unit)})</span></h4>" + _table(
        ["Hyvinvointialue — county", "Vuosi — year", f"Arvo — value ({html.escape(unit)})"], rows, "yearly"
    )


def _comparison_html(dash: Dashboard) -> str:
    by_measure: dict[str, list[tuple]] = {}
    for row in dash.comparison:
        by_measure.setdefault(row[0], []).append(row)
    parts = []
    for code, rows in by_measure.items():
        m = dash.measures.get(code) or Measure(code, code, "", "")
        points = m.unit == "pct"
        status = {(c, y): st for c, y, _, st in dash.yearly.get(code, [])}
        body = []
        for _, year, county, value, rank, compared, median, diff in rows:
            cell = _value_cell(
                value,
                status.get((county, year), "complete"),
                m.unit,
                measure=code,
                county=county,
                year=year,
                table="comparison",
            )
            body.append(
                f"<tr><td>{year}</td><td>{html.escape(county_label(dash, county))}</td>{cell}"
                f'<td class="num">{"ei sijaa — no rank" if rank is None else f"{rank} / {compared}"}</td>'
                f'<td class="num">{"" if median is None else html.escape(fmt(median, m.unit))}</td>'
                f'<td class="num" data-difference="{"" if diff is None else repr(float(diff))}">'
                f"{'' if diff is None else html.escape(fmt(diff, m.unit, signed=True, points=points))}</td></tr>"
            )
        diff_head = "Ero mediaaniin — difference to median" + (
            " (%-yksikköä — percentage points)"
            if points
            else f" ({html.escape(UNIT_LABELS.get(m.unit, ('', m.unit))[1])})"
        )
        parts.append(
            f'<div class="comparison" data-measure="{code}"><h3>{html.escape(m.name_fi)}'
            f' <span class="en">{html.escape(m.name_en)}</span></h3>'
            f'<p class="direction">{html.escape(direction_text(m))}</p>'
            + _table(
                ["Vuosi — year", "Alue — county", "Arvo — value", "Sija — rank", "Mediaani — median", diff_head], body
            )
            + "</div>"
        )
    return "".join(parts)


#: at most this many changed figures are listed; the rest are counted ("and N more")
MAX_CHANGED_FIGURES = 25

#: value_status in words (Finnish — English)
STATUS_LABELS = {
    "complete": "täydellinen — complete",
    "partial": "osittainen — partial",
    "not_delivered": "ei toimitettu — not delivered",
    "suppressed": "peitetty — suppressed",
}

FILE_CHANGES = {
    "added": "lisätty — added",
    "removed": "poistettu — removed",
    "changed": "muuttunut — changed",
}


def period_text(grain: str, start: date) -> str:
    """A period as the page names it: 1/2025, Q1/2025, 2025."""
    if grain == "month":
        return f"{start.month}/{start.year}"
    if grain == "quarter":
        return f"Q{(start.month - 1) // 3 + 1}/{start.year}"
    return str(start.year)


def breakdown_text(dash: Dashboard, breakdown: dict[str, str]) -> str:
    if not breakdown:
        return "koko alue — whole county"
    parts = []
    for column, code in breakdown.items():
        if column == "service_code":
            parts.append(service_label(dash, code))
        elif column == "municipality_code":
            parts.append(f"kunta — municipality {code}")
        else:
            parts.append(code)
    return " · ".join(parts)


def _count(value) -> str:
    return "" if value is None else fmt(value, "count")


def _build_row(label: str, b: BuildRecord, role: str) -> str:
    fingerprint = b.landing_fingerprint or ""
    return (
        f'<tr data-build="{role}" data-build-id="{html.escape(b.build_id)}"><td>{label}</td>'
        f"<td>{b.build_number}</td><td>{_time_text(b.built_at)}</td>"
        f'<td><code title="{html.escape(fingerprint)}">{html.escape(fingerprint[:12])}</code></td>'
        f'<td class="num">{_count(b.files_read)}</td><td class="num">{_count(b.key_figure_rows)}</td>'
        f"<td>{html.escape(b.project_version or '')}</td></tr>"
    )


def _changed_value_cell(f: FigureChange, side: str) -> str:
    value = f.old_value if side == "old" else f.new_value
    status = f.old_status if side == "old" else f.new_status
    hidden = f.old_hidden if side == "old" else f.new_hidden
    if (side == "old" and f.change_type == "added") or (side == "new" and f.change_type == "removed"):
        text = "ei edellisessä ajossa — not in the previous build" if side == "old" else "poistui — no longer produced"
        return f'<td class="num gap" data-{side}="">{html.escape(text)}</td>'
    if hidden:
        text = status_text("suppressed", None)
        return f'<td class="num gap gap-suppressed" data-{side}="">{html.escape(text)}</td>'
    reason = status_text(status or "", value)
    if reason:
        return f'<td class="num gap" data-{side}="">{html.escape(reason)}</td>'
    return f'<td class="num" data-{side}="{repr(float(value))}">{html.escape(fmt(value, f.unit))}</td>'


def _change_text(f: FigureChange) -> str:
    if f.old_hidden or f.new_hidden or f.old_value is None or f.new_value is None:
        return ""
    diff = f.new_value - f.old_value
    text = fmt(diff, f.unit, signed=True, points=f.unit == "pct")
    if f.unit != "pct" and f.old_value != 0:
        text += f" ({fmt(diff / abs(f.old_value) * 100, 'pct', signed=True)})"
    return text


def _status_change_text(f: FigureChange) -> str:
    old = "suppressed" if f.old_hidden else f.old_status
    if f.change_type != "changed" or old == f.new_status:
        return ""
    return f"{STATUS_LABELS.get(old or '', old or '')} → {STATUS_LABELS.get(f.new_status or '', f.new_status or '')}"


def _changes_html(dash: Dashboard) -> str:
    """The section "what changed since the previous build" (marts.key_figure_builds and the revision marts)."""
    title = "<section id=changes><h2>Mitä muuttui — What changed since the previous build</h2>"
    ch = dash.changes
    if ch is None:
        return (
            f"{title}<p class=no-changes>Muutoshistoriaa ei ole tässä tietovarastossa — this warehouse keeps no "
            "revision history (a DuckDB build records it).</p></section>"
        )
    if ch.previous is None:
        return (
            f"{title}<p class=no-changes id=first-build>Tämä on aineistokansion ensimmäinen ajo: edellistä ajoa, "
            "johon verrata, ei ole — this is the first build of this landing folder: there is no previous build "
            "to compare with.</p>"
            + _table(
                _BUILD_HEADERS,
                [_build_row("Tämä ajo — this build", ch.current, "current")],
                "builds",
            )
            + "</section>"
        )
    parts = [
        title,
        "<p>Tunnusluvut verrattuna saman aineistokansion edelliseen ajoon (<code>key_figure_revisions</code>) — the "
        "key figures compared with the previous build of the same landing folder. Sormenjälki — fingerprint: "
        "SHA-256 of the landing files read.</p>",
        _table(
            _BUILD_HEADERS,
            [
                _build_row("Edellinen ajo — previous build", ch.previous, "previous"),
                _build_row("Tämä ajo — this build", ch.current, "current"),
            ],
            "builds",
        ),
        "<h3>Muuttuneet aineistotiedostot — landing files that differ</h3>",
    ]
    if ch.files:
        rows = [
            f'<tr data-path="{html.escape(path)}" data-change="{html.escape(change)}">'
            f"<td><code>{html.escape(path)}</code></td><td>{html.escape(entity or '')}</td>"
            f"<td>{html.escape(FILE_CHANGES.get(change, change))}</td>"
            f'<td class="num">{_count(old_rows)}</td><td class="num">{_count(new_rows)}</td>'
            f'<td class="num" data-keys="{"" if keys is None else keys}">{_count(keys)}</td></tr>'
            for path, entity, change, old_rows, new_rows, keys in ch.files
        ]
        parts.append(
            _table(
                [
                    "Tiedosto — file",
                    "Tietosisältö — entity",
                    "Muutos — change",
                    "Rivejä ennen — rows before",
                    "Rivejä nyt — rows now",
                    "Uudelleen toimitettuja avaimia — keys re-delivered",
                ],
                rows,
                "files",
            )
        )
    else:
        parts.append(
            "<p class=no-changes>Samat aineistotiedostot kuin edellisessä ajossa — the same landing files as the "
            "previous build (only the project changed).</p>"
        )
    parts.append("<h3>Muuttuneet tunnusluvut — key figures that changed</h3>")
    if not ch.figures:
        parts.append(
            "<p class=no-changes id=no-figure-changed>Yksikään julkaistu tunnusluku ei muuttunut — no published "
            "figure changed.</p></section>"
        )
        return "".join(parts)
    shown = ch.figures[:MAX_CHANGED_FIGURES]
    rows = []
    for f in shown:
        m = dash.measures.get(f.measure_code) or Measure(f.measure_code, f.measure_code, "", f.unit)
        rows.append(
            f'<tr data-measure="{html.escape(f.measure_code)}" data-county="{html.escape(f.county_code)}" '
            f'data-grain="{f.period_grain}" data-period="{f.period_start.isoformat()}" '
            f'data-whole-county="{str(f.whole_county).lower()}">'
            f"<td>{html.escape(m.name_fi)} <span class=en>— {html.escape(m.name_en)}</span></td>"
            f"<td>{html.escape(county_label(dash, f.county_code))}</td>"
            f"<td>{period_text(f.period_grain, f.period_start)}</td>"
            f"<td>{html.escape(breakdown_text(dash, f.breakdown))}</td>"
            + _changed_value_cell(f, "old")
            + '<td class="arrow">→</td>'
            + _changed_value_cell(f, "new")
            + f'<td class="num change">{html.escape(_change_text(f))}</td>'
            f"<td>{html.escape(_status_change_text(f))}</td></tr>"
        )
    parts.append(
        "<p>Koko alueen luvut ensin, sitten suurimman suhteellisen muutoksen mukaan; peitetyn luvun muutosta ei "
        "näytetä — whole-county figures first, then by the largest relative change; the change of a suppressed "
        "value is not shown.</p>"
        + _table(
            [
                "Tunnusluku — measure",
                "Alue — county",
                "Jakso — period",
                "Erittely — breakdown",
                "Ennen — old",
                "",
                "Nyt — new",
                "Muutos — change",
                "Tilan muutos — status change",
            ],
            rows,
            "changed-figures",
        )
    )
    more = len(ch.figures) - len(shown)
    if more:
        parts.append(
            f'<p class=more data-more="{more}">… ja {more} muuta — and {more} more '
            "(<code>key_figure_revisions</code>).</p>"
        )
    parts.append("</section>")
    return "".join(parts)


_BUILD_HEADERS = [
    "Ajo — build",
    "Nro — no.",
    "Aika — time",
    "Sormenjälki — fingerprint",
    "Tiedostoja — files read",
    "Tunnuslukurivejä — key-figure rows",
    "Versio — version",
]


def render(dash: Dashboard, generated_at: datetime | None = None) -> str:
    import plotly.offline

    generated_at = generated_at or datetime.now(UTC)
    parts = [_changes_html(dash)]
    n_charts = 0
    for title, codes in SECTIONS:
        shown = [dash.measures.get(c) or Measure(c, c, "", "") for c in codes if c in dash.monthly]
        if not shown:
            continue
        parts.append(f"<section><h2>{html.escape(title)}</h2>")
        for m in shown:
            n_charts += 1
            chart_id = f"chart-{m.code}"
            parts.append(
                f'<div class="measure" id="measure-{m.code}"><h3>{html.escape(m.name_fi)} '
                f'<span class="en">— {html.escape(m.name_en)}</span></h3>'
                f'<p class="definition">{html.escape(m.definition)} <code>{m.code}</code></p>'
                f'<div class="pair"><figure class="chart" data-measure="{m.code}" data-unit="{m.unit}" '
                f'data-chart="{chart_id}"><figcaption>Kuukausittain — monthly ({html.escape(axis_title(m))})'
                f"</figcaption>{_chart_html(monthly_figure(dash, m), chart_id)}</figure>"
                f'<div class="table">{_yearly_table(dash, m)}</div></div></div>'
            )
        parts.append("</section>")
    if dash.by_service:
        n_charts += 1
        rows = [
            f"<tr><td>{html.escape(county_label(dash, c))}</td><td>{html.escape(service_label(dash, s))}</td>"
            + _value_cell(v, st, "eur", measure="allocated_cost_eur", county=c, service=s, table="service")
            + "</tr>"
            for c, s, v, st in dash.by_service
        ]
        parts.append(
            f"<section><h2>Kustannukset palveluittain — Full cost by service ({dash.by_service_year}, € per year)</h2>"
            f'<figure class="chart" data-measure="allocated_cost_eur" data-unit="eur" data-chart="chart-services">'
            f"<figcaption>Vuosi {dash.by_service_year} — yearly</figcaption>"
            f"{_chart_html(service_figure(dash), 'chart-services')}</figure>"
            + _table(["Hyvinvointialue — county", "Palvelu — service", "Kustannus — cost (€ per year)"], rows)
            + "</section>"
        )
    if dash.projection:
        n_charts += 1
        parts.append(_projection_html(dash))
    if dash.comparison:
        parts.append(
            "<section><h2>Vertailu muihin hyvinvointialueisiin — Comparison with other counties</h2>"
            "<p>Vuosittaiset koko alueen arvot; mediaani niiden alueiden yli, jotka tässä tietokannassa ovat. "
            "Yearly whole-county values; the median is over the counties in this warehouse. Differences of "
            "percentages are in percentage points.</p>" + _comparison_html(dash) + "</section>"
        )
    legend = "".join(
        f"<li><span class=mark>{sym}</span> {html.escape(fi)} — {html.escape(en)}</li>"
        for (fi, en, _), sym in zip(GAP_KINDS.values(), ("✕", "□", "○"), strict=True)
    )
    header = (
        f'<p class="dates"><span id="data-date" data-month="{dash.data_month or ""}">Tiedot — data up to: '
        f"<b>{_month_text(dash.data_month)}</b></span> · "
        f'<span id="build-date">Tietovarasto rakennettu — warehouse built: <b>{_time_text(dash.built_at)}</b></span> · '
        f'<span id="page-date">Sivu tehty — page written: {_time_text(generated_at)}</span></p>'
        f'<p class="gaps">Puuttuva kuukausi on aukko viivassa, ei nolla; syy merkitään kaavion alle — a missing month '
        f"is a gap in the line, never a zero or a line drawn across; the reason is marked under the chart:</p>"
        f'<ul class="gap-legend">{legend}</ul>'
    )
    return (
        PAGE.replace("@@PLOTLYJS@@", plotly.offline.get_plotlyjs())
        .replace("@@HEADER@@", header)
        .replace("@@BODY@@", "\n".join(parts))
        .replace("@@CHARTS@@", str(n_charts))
    )


def _month_text(month: str | None) -> str:
    if not month:
        return "ei tietoja — no data"
    year, mon = month.split("-")
    return f"{int(mon)}/{year}"


def _time_text(moment: datetime | date | None) -> str:
    if moment is None:
        return "ei tiedossa — unknown"
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%-d.%-m.%Y %H:%M UTC")
    return moment.strftime("%-d.%-m.%Y")


PAGE = Path(__file__).with_name("report_page.html").read_text(encoding="utf-8")


def report(db_path: Path, out: Path, progress=print) -> Path:
    progress(f"reading {db_path} ...")
    dash = collect(db_path)
    if not dash.monthly:
        raise UserError(
            "key_figures_public has no monthly whole-county figures: nothing to show (did the build finish?)"
        )
    out.mkdir(parents=True, exist_ok=True)
    page = out / "index.html"
    page.write_text(render(dash), encoding="utf-8")
    progress(f"wrote {page} ({len(dash.monthly)} measures, data up to {_month_text(dash.data_month)})")
    return page


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="write the static key-figure dashboard (one HTML page that works offline)",
        description="Write a self-contained HTML dashboard of the publishable key figures (key_figures_public): "
        "monthly charts per county beside yearly tables, costs by service and the county comparison, with names "
        "instead of codes and suppressed or undelivered months shown as marked gaps. The charts are Plotly; its "
        "JavaScript is embedded, so the page needs no network.",
    )
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="DuckDB file of a build (default: $TIETOPOHJA_DB_PATH or target/tietopohja.duckdb)",
    )
    p.add_argument(
        "--out", type=Path, default=Path("target/report"), help="folder to write index.html into (default: %(default)s)"
    )
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    db = args.db or Path(os.environ.get("TIETOPOHJA_DB_PATH", DEFAULT_DB))
    report(db, args.out)
    return 0
