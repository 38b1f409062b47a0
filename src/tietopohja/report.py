"""``tietopohja report``: a static dashboard of the publishable key figures.

One self-contained HTML page (no server, no network: open the file or put it
on any web server) for a county's management: the minimum-data themes —
costs, availability, personnel, need and quality, coordination — as monthly
charts per county, yearly tables, costs by service and the county
comparison. Built only from the publishable marts (`key_figures_public`,
`key_figures_county_comparison`), so small numbers stay suppressed. The charts
are drawn in the browser from the data embedded in the page.
"""

from __future__ import annotations

import argparse
import html
import json
import os
from pathlib import Path

import duckdb

from tietopohja.errors import UserError
from tietopohja.export import DEFAULT_DB

#: theme sections and the measures they chart, in order
SECTIONS = (
    (
        "Kustannukset — Costs",
        [
            "operating_cost_eur",
            "net_cost_eur",
            "allocated_cost_eur",
            "cost_per_resident_eur",
            "cost_per_client_eur",
            "budget_cost_eur",
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
            "sc_handling_over_limit",
            "sc_treatment_over_limit",
            "sc_open_over_6m",
            "social_assessment_over_limit",
            "social_implementation_over_limit",
        ],
    ),
    (
        "Henkilöstö — Personnel",
        ["htv_paid", "htv_worked", "turnover_permanent_pct", "sick_days_per_htv", "staffing_weeks_below_minimum"],
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

WHOLE_COUNTY = "service_code is null and segment is null and production_mode is null and municipality_code is null"


def _query(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def collect(db_path: Path) -> dict:
    """Everything the page shows, from the publishable marts."""
    if not Path(db_path).exists():
        raise UserError(f"database not found: {db_path} (run dbt build first, or pass --db)")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as err:
        raise UserError(f"cannot open {db_path} read-only (is a build writing it?): {err}") from err
    try:
        names = dict(_query(con, "select measure_code, name_fi from reference.key_figure_measures"))
        present = {m for (m,) in _query(con, "select distinct measure_code from marts.key_figures_public")}
        series: dict[str, dict[str, list]] = {}
        for county, measure, start, value, _unit in _query(
            con,
            f"select county_code, measure_code, strftime(period_start, '%Y-%m'), value, unit "
            f"from marts.key_figures_public where period_grain = 'month' and {WHOLE_COUNTY} "
            "order by measure_code, county_code, period_start",
        ):
            series.setdefault(measure, {}).setdefault(county, []).append([start, value])
        yearly = _query(
            con,
            f"select measure_code, county_code, year(period_start), value, is_suppressed, unit "
            f"from marts.key_figures_public where period_grain = 'year' and {WHOLE_COUNTY} "
            "order by measure_code, county_code, period_start",
        )
        by_service = _query(
            con,
            "select county_code, service_code, value from marts.key_figures_public "
            "where measure_code = 'allocated_cost_eur' and period_grain = 'year' and service_code is not null "
            "and segment is null and production_mode is null and municipality_code is null "
            "and period_start = (select max(period_start) from marts.key_figures_public where period_grain = 'year') "
            "order by county_code, value desc nulls last",
        )
        comparison = _query(
            con,
            "select measure_code, stat_year, county_code, value, value_rank, median_value, difference_to_median "
            "from marts.key_figures_county_comparison order by measure_code, stat_year, county_code",
        )
        units = dict(_query(con, "select measure_code, unit from reference.key_figure_measures"))
    finally:
        con.close()
    return {
        "names": names,
        "present": present,
        "series": series,
        "yearly": yearly,
        "by_service": by_service,
        "comparison": comparison,
        "units": units,
    }


def fmt(value, unit: str = "") -> str:
    """A value as Finnish readers write it: space thousands, decimal comma."""
    if value is None:
        return "–"
    digits = 0 if unit == "count" or (unit == "eur" and abs(value) >= 100) else 2
    text = f"{value:,.{digits}f}".replace(",", "\u00a0").replace(".", ",")
    return text + (" €" if unit == "eur" else " %" if unit == "pct" else "")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value, unit: str, **attrs) -> str:
    data = " ".join(f'data-{k}="{html.escape(str(v))}"' for k, v in attrs.items())
    raw = "" if value is None else repr(float(value))
    return f'<td class="num" {data} data-value="{raw}">{html.escape(fmt(value, unit))}</td>'


def render(data: dict) -> str:
    parts = []
    for title, measures in SECTIONS:
        shown = [m for m in measures if m in data["present"]]
        if not shown:
            continue
        parts.append(f"<section><h2>{html.escape(title)}</h2>")
        for m in shown:
            unit = data["units"].get(m, "")
            rows = [
                [f"<td>{county}</td><td>{year}</td>", _cell(value, unit, measure=m, county=county, year=year)]
                for (measure, county, year, value, _sup, _u) in data["yearly"]
                if measure == m
            ]
            parts.append(
                f'<div class="measure"><h3>{html.escape(data["names"].get(m, m))} <code>{m}</code></h3>'
                f'<figure class="chart" data-measure="{m}" data-unit="{unit}"></figure>'
                + _table(["Hyvinvointialue", "Vuosi", "Arvo"], [[r[0] + r[1]] for r in rows])
                + "</div>"
            )
        parts.append("</section>")
    if data["by_service"]:
        rows = [
            [
                f"<td>{c}</td><td>{html.escape(s)}</td>",
                _cell(v, "eur", measure="allocated_cost_eur", county=c, service=s),
            ]
            for c, s, v in data["by_service"]
        ]
        parts.append(
            "<section><h2>Kustannukset palveluittain — Full cost by service (latest year)</h2>"
            + _table(["Hyvinvointialue", "Palvelu", "Kustannus"], [[r[0] + r[1]] for r in rows])
            + "</section>"
        )
    if data["comparison"]:
        rows = []
        for m, year, county, value, rank, median, diff in data["comparison"]:
            unit = data["units"].get(m, "")
            rows.append(
                [
                    f"<td><code>{m}</code></td><td>{year}</td><td>{county}</td>"
                    + _cell(value, unit, measure=m, county=county, year=year, table="comparison")
                    + f'<td class="num">{"–" if rank is None else rank}</td>'
                    + f'<td class="num">{fmt(median, unit)}</td><td class="num">{fmt(diff, unit)}</td>'
                ]
            )
        parts.append(
            "<section><h2>Vertailu — County comparison</h2>"
            + _table(["Tunnusluku", "Vuosi", "Alue", "Arvo", "Sija", "Mediaani", "Ero"], rows)
            + "</section>"
        )
    payload = json.dumps({"series": data["series"]}, separators=(",", ":")).replace("</", "<\\/")
    return PAGE.replace("@@BODY@@", "\n".join(parts)).replace("@@DATA@@", payload)


PAGE = Path(__file__).with_name("report_page.html").read_text(encoding="utf-8")


def report(db_path: Path, out: Path, progress=print) -> Path:
    progress(f"reading {db_path} ...")
    data = collect(db_path)
    if not data["present"]:
        raise UserError("key_figures_public is empty: nothing to show (did the build finish?)")
    out.mkdir(parents=True, exist_ok=True)
    page = out / "index.html"
    page.write_text(render(data), encoding="utf-8")
    progress(f"wrote {page} ({len(data['present'])} measures)")
    return page


def register(sub) -> None:
    p = sub.add_parser("report", help="write the static key-figure dashboard (HTML)")
    p.add_argument("--db", type=Path, default=None, help="DuckDB file of a build (default: TIETOPOHJA_DB_PATH)")
    p.add_argument("--out", type=Path, default=Path("target/report"), help="folder of the page (default %(default)s)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    db = args.db or Path(os.environ.get("TIETOPOHJA_DB_PATH", DEFAULT_DB))
    report(db, args.out)
    return 0
