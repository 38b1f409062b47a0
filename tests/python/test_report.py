"""The dashboard in a real headless browser: the page loads, the charts render,
and the numbers on the page are those of key_figures_public."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tietopohja.report import report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


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
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",
        "--dump-dom",
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class _Cells(HTMLParser):
    """Collects the figures, rendered SVG paths and data-value cells of the DOM."""

    def __init__(self):
        super().__init__()
        self.figures, self.paths, self.cells = [], [], []
        self.body = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        elif tag == "figure" and "chart" in (a.get("class") or ""):
            self.figures.append(a)
        elif tag == "path" and a.get("class") == "series":
            self.paths.append(a)
        elif tag == "td" and "data-value" in a and a.get("data-table") is None and "data-year" in a:
            self.cells.append(a)


@pytest.fixture(scope="module")
def dom(sample_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    page = report(sample_build.db_path, out, progress=lambda _: None)
    parser = _Cells()
    parser.feed(_browser_dom(page.as_uri(), out / "profile"))
    return parser


def test_page_loads_and_every_chart_renders(dom, sample_build):
    assert dom.figures, "the page has charts"
    assert int(dom.body["data-charts-rendered"]) == len(dom.figures)
    assert all(f.get("data-rendered") == "true" for f in dom.figures)
    counties = {c for (c,) in sample_build.query("select distinct county_code from marts.key_figures_public")}
    assert {p["data-county"] for p in dom.paths} == counties
    assert all(re.match(r"^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)*$", p["d"]) for p in dom.paths if p["d"])


def test_numbers_on_the_page_match_key_figures_public(dom, sample_build):
    expected = {
        (m, c, str(y)): v
        for m, c, y, v in sample_build.query(
            "select measure_code, county_code, year(period_start), value from marts.key_figures_public "
            "where period_grain = 'year' and service_code is null and segment is null "
            "and production_mode is null and municipality_code is null"
        )
    }
    assert dom.cells
    for cell in dom.cells:
        key = (cell["data-measure"], cell["data-county"], cell["data-year"])
        want = expected[key]
        got = float(cell["data-value"]) if cell["data-value"] else None
        assert got == pytest.approx(want) if want is not None else got is None, key
