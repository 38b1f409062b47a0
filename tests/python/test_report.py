"""The dashboard in a real headless browser with the network off: the page loads,
every Plotly chart renders, the numbers on the page are those of
key_figures_public, suppressed and empty months are gaps (never bridged) with
their own marks, and names stand instead of codes."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tietopohja.report import GAP_KINDS, report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

WHOLE_COUNTY = "service_code is null and segment is null and production_mode is null and municipality_code is null"


def _browser_dom(url: str, profile) -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make test installs it in CI)")
        pytest.skip("chromium not installed: apt-get install chromium")
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        # no network at all: the page must carry everything it needs
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=15000",
        "--dump-dom",
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


#: the charts that are not monthly key figures: costs by service, the service-need projection
YEARLY_CHARTS = ("chart-services", "chart-projection")


class _Page(HTMLParser):
    """Collects the charts (with the data Plotly holds), their SVG lines, the table cells and the dates."""

    def __init__(self):
        super().__init__()
        self.figures, self.cells, self.comparison = [], [], []
        self.lines: dict[str, list[str]] = {}
        self.body, self.data_date, self.texts = {}, {}, []
        self._figure = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        elif tag == "figure" and "chart" in (a.get("class") or ""):
            self.figures.append(a)
            self._figure = a.get("data-chart")
        elif tag == "path" and self._figure and "js-line" in (a.get("class") or ""):
            self.lines.setdefault(self._figure, []).append(a.get("d") or "")
        elif tag == "td" and "data-value" in a and "data-year" in a:
            (self.comparison if a.get("data-table") == "comparison" else self.cells).append(a)
        elif tag == "span" and a.get("id") == "data-date":
            self.data_date = a

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure = None

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.texts)


@pytest.fixture(scope="module")
def page(sample_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    index = report(sample_build.db_path, out, progress=lambda _: None)
    source = index.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(_browser_dom(index.as_uri(), out / "profile"))
    parser.source = source
    return parser


def _monthly(sample_build) -> dict:
    """(measure, county) -> {month: (value, is_suppressed)} of the whole county."""
    out: dict = {}
    for m, c, month, value, suppressed in sample_build.query(
        "select measure_code, county_code, strftime(period_start, '%Y-%m-01'), value, is_suppressed "
        f"from public.key_figures_public where period_grain = 'month' and {WHOLE_COUNTY}"
    ):
        out.setdefault((m, c), {})[month] = (value, suppressed)
    return out


def test_the_page_needs_no_network(page):
    assert not re.search(r"<script[^>]+src=", page.source), "plotly.js is embedded, not loaded"
    assert not re.search(r"""<link[^>]+href=["']?https?:""", page.source)
    assert "Plotly.newPlot" in page.source


def test_every_chart_renders_with_names_not_codes(page, sample_build):
    assert page.figures, "the page has charts"
    assert int(page.body["data-charts-rendered"]) == int(page.body["data-charts-expected"]) == len(page.figures)
    assert all(f.get("data-rendered") == "true" for f in page.figures)
    counties = dict(sample_build.query("select county_code, county_name_fi from marts.counties"))
    present = {c for (c,) in sample_build.query("select distinct county_code from public.key_figures_public")}
    for c in present:
        assert f"{counties[c]} ({c})" in page.source, "legends name the county"
    measures = dict(sample_build.query("select measure_code, name_fi from marts.key_figure_measures"))
    for f in page.figures:
        if f["data-chart"] not in YEARLY_CHARTS:
            assert measures[f["data-measure"]] in page.source
    services = dict(sample_build.query("select service_code, name_fi from marts.services"))
    shown = {
        s
        for (s,) in sample_build.query(
            "select distinct service_code from public.key_figures_public where measure_code = 'allocated_cost_eur' "
            "and period_grain = 'year' and service_code is not null and segment is null and production_mode is null "
            "and municipality_code is null"
        )
    }
    assert shown and all(services[s] in page.text for s in shown), "costs by service are named"
    # unit and grain on every monthly chart
    monthly = [f for f in page.figures if f["data-chart"] not in YEARLY_CHARTS]
    captions = re.findall(r"<figcaption>Kuukausittain — monthly \((.*?)\)</figcaption>", page.source)
    assert len(captions) == len(monthly)
    assert all(re.search(r"per month|monthly value|\(monthly\)", c) for c in captions), captions
    assert "Kuukausittain — monthly" in page.text and "Vuosittain — yearly" in page.text


def test_monthly_charts_hold_the_values_of_key_figures_public_and_gaps_for_the_rest(page, sample_build):
    expected = _monthly(sample_build)
    checked_gaps = {kind: 0 for kind in GAP_KINDS}
    for f in page.figures:
        if f["data-chart"] in YEARLY_CHARTS:
            continue
        measure = f["data-measure"]
        traces = json.loads(f["data-series"])
        values = [t for t in traces if t["role"] == "value"]
        assert {t["county"] for t in values} == {c for (m, c) in expected if m == measure}
        for t in values:
            want = expected[(measure, t["county"])]
            assert t["connectgaps"] is False
            for x, y in zip(t["x"], t["y"], strict=True):
                value, suppressed = want[x]
                if suppressed or value is None:
                    assert y is None, (measure, t["county"], x, "a gap, never a value")
                else:
                    assert y == pytest.approx(value), (measure, t["county"], x)
        for t in traces:
            if t["role"] == "value":
                continue
            want = expected[(measure, t["county"])]
            for x in t["x"]:
                value, suppressed = want[x]
                assert (t["role"] == "suppressed") == bool(suppressed), (measure, x)
                assert t["role"] != "empty" or (value is None and not suppressed)
            checked_gaps[t["role"]] += len(t["x"])
        # every missing month has exactly one mark
        for t in values:
            gaps = [x for x, y in zip(t["x"], t["y"], strict=True) if y is None]
            marked = sorted(x for g in traces if g["role"] != "value" and g["county"] == t["county"] for x in g["x"])
            assert sorted(gaps) == marked, (measure, t["county"])
    # the sample's 2023 lies outside the ledger's and HR's coverage: not delivered, beside suppressed months
    assert checked_gaps["suppressed"] > 0 and checked_gaps["not_delivered"] > 0, "the sample has both kinds of gap"


def test_no_line_is_drawn_across_a_suppressed_month(page, sample_build):
    # sc_handling_over_limit has suppressed months between shown ones in the sample: its lines break
    (((before, after),),) = [
        sample_build.query(
            "select count(*) filter (where is_suppressed), count(*) filter (where not is_suppressed) "
            f"from public.key_figures_public where measure_code = 'sc_handling_over_limit' and period_grain = 'month' "
            f"and {WHOLE_COUNTY} and period_start >= '2024-01-01'"
        )
    ]
    assert before > 0 and after > 0
    (figure,) = [f for f in page.figures if f["data-chart"] == "chart-sc_handling_over_limit"]
    traces = [t for t in json.loads(figure["data-series"]) if t["role"] == "value"]
    # Plotly draws each unbroken run of a line as a path of its own: more pieces than lines means broken lines
    pieces = page.lines["chart-sc_handling_over_limit"]
    assert len(pieces) > len(traces), pieces


def test_yearly_numbers_on_the_page_match_key_figures_public(page, sample_build):
    expected = {
        (m, c, str(y)): (v, s)
        for m, c, y, v, s in sample_build.query(
            "select measure_code, county_code, year(period_start), value, is_suppressed from public.key_figures_public "
            f"where period_grain = 'year' and {WHOLE_COUNTY}"
        )
    }
    cells = [c for c in page.cells if c.get("data-table") is None]
    assert cells
    for cell in cells:
        key = (cell["data-measure"], cell["data-county"], cell["data-year"])
        value, suppressed = expected[key]
        got = float(cell["data-value"]) if cell["data-value"] else None
        assert got == pytest.approx(value) if value is not None else got is None, key
        assert (cell["data-status"] == "suppressed") == bool(suppressed), key
    assert "–" not in {t.strip() for t in page.texts}, "a dash no longer stands for two different things"
    assert "suppressed (1–4 persons)" in page.text and "nothing to compute" in page.text


def test_dates_and_county_comparison(page, sample_build):
    last = sample_build.scalar(
        "select strftime(max(period_start), '%Y-%m') from public.key_figures_public "
        "where period_grain = 'month' and value is not null and not is_suppressed"
    )
    assert page.data_date["data-month"] == last
    assert "warehouse built:" in page.text and "page written:" in page.text
    rows = sample_build.query(
        "select measure_code, county_code, stat_year, value, difference_to_median "
        "from public.key_figures_county_comparison"
    )
    by_key = {(m, c, str(y)): (v, d) for m, c, y, v, d in rows}
    assert page.comparison
    for cell in page.comparison:
        value, _ = by_key[(cell["data-measure"], cell["data-county"], cell["data-year"])]
        got = float(cell["data-value"]) if cell["data-value"] else None
        assert got == pytest.approx(value) if value is not None else got is None
    # which way is better: the register's better_direction (NULL: neither)
    register = {
        code: (name_en, better)
        for code, name_en, better in sample_build.query(
            "select measure_code, name_en, better_direction from marts.key_figure_measures"
        )
    }
    directions = dict(re.findall(r'<div class="comparison" data-measure="([^"]+)">(.*?)</div>', page.source, re.S))
    assert set(directions) == {m for m, *_ in rows}
    expected = {
        "higher": "rank 1 = highest value; higher is better",
        "lower": "rank 1 = highest value; lower is better",
        None: "higher = more (the register does not say which way is better)",
    }
    for code, block in directions.items():
        name_en, better = register[code]
        assert f'<span class="en">{html.escape(name_en)}</span>' in block, code
        assert expected[better] in block, (code, better)
    assert register["feedback_nps"][1] == "higher" and "higher is better" in directions["feedback_nps"]
    assert register["readmissions_30d_pct"][1] == "lower" and "lower is better" in directions["readmissions_30d_pct"]
    assert register["residents"][1] is None and "higher = more" in directions["residents"]
    assert "percentage points" in page.text and "%-yks." in page.text


def test_value_status_of_the_build_is_used_where_it_has_one(sample_build, tmp_path):
    """A build with the v1.1 columns: 'not_delivered' months are gaps marked as no data, never zeros."""
    import shutil as sh

    import duckdb

    from tietopohja.report import collect, monthly_figure, render

    # the build's own v1.1 columns: the sample's 2023 costs are outside the ledger's coverage
    db = tmp_path / "v11.duckdb"
    sh.copy(sample_build.db_path, db)
    con = duckdb.connect(str(db), read_only=True)
    assert (
        con.execute(
            "select count(*) from public.key_figures_public where measure_code = 'operating_cost_eur' "
            "and period_start < date '2024-01-01' and value_status <> 'not_delivered'"
        ).fetchone()[0]
        == 0
    )
    con.close()

    dash = collect(db)
    m = dash.measures["operating_cost_eur"]
    fig = monthly_figure(dash, m)
    value_traces = [t for t in fig.data if t.meta["role"] == "value"]
    undelivered = [t for t in fig.data if t.meta["role"] == "not_delivered"]
    assert value_traces and undelivered
    for t in value_traces:
        assert all(y is None for x, y in zip(t.x, t.y, strict=True) if x < "2024-01-01")
        assert all(y is not None for x, y in zip(t.x, t.y, strict=True) if x >= "2024-01-01")
    assert {x for t in undelivered for x in t.x} == {x for x in value_traces[0].x if x < "2024-01-01"}
    page = render(dash)
    assert 'data-year="2023"' in page and "no data delivered" in page
    cell = re.search(
        r'<td [^>]*data-measure="operating_cost_eur" data-county="01" data-year="2023"[^>]*>([^<]*)<', page
    )
    assert cell and "no data delivered" in cell.group(1)


def test_projection_section_shows_need_by_year_and_scenario(page, sample_build):
    # the sample delivers a synthetic projection: the section's chart has a line per county and
    # scenario, with the whole-county projected cost of marts.service_need_projection per year
    want = {
        (c, s, y): v
        for c, s, y, v in sample_build.query(
            "select county_code, scenario, projected_year, sum(allocated_cost_eur) "
            "from marts.service_need_projection group by all"
        )
    }
    assert want, "the sample has a projection"
    assert {s for _, s, _ in want} >= {"baseline", "prevention", "cost_pressure"}
    (figure,) = [f for f in page.figures if f["data-chart"] == "chart-projection"]
    traces = json.loads(figure["data-series"])
    assert len(traces) == len({(c, s) for c, s, _ in want})
    got = {(t["county"], t["scenario"], x): y for t in traces for x, y in zip(t["x"], t["y"], strict=True)}
    assert got.keys() == want.keys()
    for key, value in want.items():
        assert got[key] == pytest.approx(value), key
    assert "Palvelutarve-ennuste — Projected service need" in page.text
    assert "Ennaltaehkäisy — prevention" in page.text
