"""Revision history of the key figures (minimum-data spec "Revision history of
published figures"; macros/serving/history.sql), on tests/landing/key_figures_handmade.

One copy of the folder, one history file, three builds:

1. the folder as it is, into ``first/build.duckdb``: the chain's first build, no revision;
2. plus tests/landing/revisions (a re-delivery of January 2025: ledger row G21
   of CC_PTH 22000.00 -> 24000.00, and visit V10 of P1 at U_TA re-delivered
   with contact type R56, which is not an outpatient visit), into a NEW
   database file ``second/build.duckdb``: the history is found there too;
3. nothing changed, ``--full-refresh`` of a copy of it, ``third/build.duckdb``: no new
   revision, the history is still there.

Between 1 and 2 a build of another landing folder (another chain, every value
doubled) is written into the same history file: it must not be compared.

Builds 1 and 3 run the data tests of the four history marts only: build 1's
files are the folder's, whose every data test test_key_figures_handmade.py's
build runs, and build 3 rebuilds build 2's files, whose every data test build 2
runs. Build 2 runs them all.

Hand figures (see test_key_figures_handmade.py for the folder's numbers):
operating cost January 43000 -> 45000, 2025Q1 and 2025 (January + February
24000) 67000 -> 69000; outpatient visits January 3 -> 2 (V9 R10, V11 R52
stay), 2025Q1 and 2025 7 -> 6. V10 is P1's (34 years: working_age) own visit
at U_TA (PTH_VASTAANOTTO, municipality 837).
"""

from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser

import duckdb
import pytest

from conftest import BUILD_WITHOUT_UNIT_TESTS, DB_NAME, FIXTURES, Build, close
from tietopohja.dbt_runner import HISTORY_ENV, HISTORY_MARTS, run_dbt
from tietopohja.report import report

JAN, Q1, Y25 = dt.date(2025, 1, 1), dt.date(2025, 1, 1), dt.date(2025, 1, 1)
PERIODS = {("month", JAN), ("quarter", Q1), ("year", Y25)}
V10 = {
    "service_code": "PTH_VASTAANOTTO",
    "segment": "working_age",
    "production_mode": "own",
    "municipality_code": "837",
}
KEYS = (
    "county_code, measure_code, period_grain, period_start, service_code, segment, production_mode, municipality_code"
)
OTHER_CHAIN = "/elsewhere/another-landing-folder"
WHOLE_COUNTY = "service_code is null and segment is null and production_mode is null and municipality_code is null"
#: every model and seed, and of the data tests only those of the history marts (see the docstring)
HISTORY_TESTS_ONLY = (
    "--indirect-selection",
    "empty",
    "--select",
    "resource_type:model",
    "resource_type:seed",
    *(f"resource_type:test,{mart}+" for mart in HISTORY_MARTS),
)


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    root = tmp_path_factory.mktemp("revisions")
    landing = root / "landing"
    shutil.copytree(FIXTURES / "key_figures_handmade", landing)
    history = root / "history" / "revisions.duckdb"
    env = {HISTORY_ENV: str(history)}

    def run(name: str, *extra: str) -> Build:
        # each database in a folder of its own under the suite's one file name (conftest.DB_NAME)
        db = root / name / DB_NAME
        db.parent.mkdir(exist_ok=True)
        args = [*BUILD_WITHOUT_UNIT_TESTS, *extra]
        result = run_dbt(args, db_path=db, landing_dir=landing, work_dir=db.parent, env=env)
        assert result.ok, result.output[-5000:]
        return Build(result, db, landing)

    first = run("first", *HISTORY_TESTS_ONLY)
    # another landing folder's build in the same history, later than the first: never compared
    con = duckdb.connect(str(history))
    con.execute(
        "insert into builds select 'other-build', ?, built_at + interval 1 second, 'x', project_version, "
        "files_read, key_figure_rows from builds",
        [OTHER_CHAIN],
    )
    con.execute(
        f"insert into build_figures select 'other-build', {KEYS}, value * 2 + 1, unit, breakdown, value_status, "
        "is_suppressed_public from build_figures"
    )
    con.close()
    shutil.copytree(FIXTURES / "revisions", landing, dirs_exist_ok=True)
    second = run("second")
    # the full refresh rebuilds a copy of the second database (the tests read both), on a history as an
    # earlier version wrote it: without the public suppression flag, which the build adds back
    (root / "third").mkdir()
    shutil.copyfile(second.db_path, root / "third" / DB_NAME)
    con = duckdb.connect(str(history))
    con.execute("alter table build_figures drop column is_suppressed_public")
    con.close()
    third = run("third", "--full-refresh", *HISTORY_TESTS_ONLY)
    return first, second, third, history


def build_ids(b: Build) -> list[str]:
    return [r[0] for r in b.query("select build_id from marts.key_figure_builds order by build_number")]


def revisions(b: Build) -> list[tuple]:
    return b.query(
        f"select {KEYS}, change_type, old_value, new_value, old_value_status, new_value_status, old_build_id, "
        f"new_build_id from marts.key_figure_revisions order by {KEYS}"
    )


def revised(b: Build, measure: str, grain: str, start, **breakdown) -> tuple:
    cols = ("service_code", "segment", "production_mode", "municipality_code")
    where = " and ".join(f"{c} = ?" if breakdown.get(c) else f"{c} is null" for c in cols)
    rows = b.query(
        "select old_value, new_value, value_change from marts.key_figure_revisions "
        f"where measure_code = ? and period_grain = ? and period_start = ? and {where}",
        [measure, grain, start, *[breakdown[c] for c in cols if breakdown.get(c)]],
    )
    assert len(rows) == 1, (measure, grain, start, breakdown, rows)
    return rows[0]


def test_the_first_build_has_no_revision(chain):
    first, *_ = chain
    assert first.query("select build_number, previous_build_id, is_current_build from marts.key_figure_builds") == [
        (1, None, True)
    ]
    assert first.scalar("select count(*) from marts.key_figure_revisions") == 0
    assert first.scalar("select count(*) from marts.key_figure_revision_files") == 0
    assert first.scalar("select count(*) from marts.key_figure_build_files") == first.scalar(
        "select count(*) from marts.landing_files where status = 'read'"
    )


def test_builds_are_chained_per_landing_folder(chain):
    first, second, third, history = chain
    ids = build_ids(third)
    assert ids[0] == build_ids(first)[0] and ids[:2] == build_ids(second) and len(ids) == 3
    assert "other-build" not in ids
    rows = third.query("select landing_chain, previous_build_id, is_current_build from marts.key_figure_builds")
    assert {r[0] for r in rows} == {str(third.landing_dir.resolve())}
    assert [r[1] for r in rows] == [None, ids[0], ids[1]]
    assert [r[2] for r in rows] == [False, False, True]
    con = duckdb.connect(str(history), read_only=True)
    try:
        recorded = con.execute("select build_id from builds where landing_chain <> ? order by built_at", [OTHER_CHAIN])
        assert [r[0] for r in recorded.fetchall()] == ids
        per_build = dict(con.execute("select build_id, count(*) from build_figures group by 1").fetchall())
    finally:
        con.close()
    assert per_build[ids[2]] == third.scalar("select count(*) from marts.key_figures")


def test_the_redelivered_files_are_named(chain):
    first, second, *_ = chain
    ids = build_ids(second)
    rows = second.query(
        "select old_build_id, new_build_id, path, entity, change_type, old_fingerprint, new_rows_read, "
        "keys_redelivered from marts.key_figure_revision_files order by path"
    )
    assert rows == [
        (ids[0], ids[1], "finance/gl_entries_2025-01_korjaus.csv", "finance/gl_entries", "added", None, 1, 1),
        (ids[0], ids[1], "patient/visits_2025-01_korjaus.csv", "patient/visits", "added", None, 1, 1),
    ]
    summary = "select distinct landing_files_changed, landing_file_changes from marts.key_figure_revisions"
    assert second.query(summary) == [
        (2, "added finance/gl_entries_2025-01_korjaus.csv, added patient/visits_2025-01_korjaus.csv")
    ]


def test_the_operating_cost_of_january_its_quarter_and_year_were_revised(chain):
    _, second, *_ = chain
    old_new = [revised(second, "operating_cost_eur", g, p)[:2] for g, p in sorted(PERIODS)]
    assert [tuple(round(v, 2) for v in pair) for pair in old_new] == [
        (43000.0, 45000.0),  # month
        (67000.0, 69000.0),  # quarter
        (67000.0, 69000.0),  # year
    ]
    # every operating-cost figure that changed changed by the corrected 2000 euros
    changes = second.query(
        "select value_change from marts.key_figure_revisions where measure_code = 'operating_cost_eur'"
    )
    assert len(changes) >= 3 and all(close(c, 2000.0) for (c,) in changes)
    # the service's allocated cost: 22000 + 1200 + 2250 -> 24000 + 1200 + 2250
    old, new, _ = revised(second, "allocated_cost_eur", "month", JAN, service_code="PTH_VASTAANOTTO")
    assert close(old, 25450.0) and close(new, 27450.0)


def test_the_visits_are_revised_at_every_breakdown_v10_appears_in(chain):
    _, second, *_ = chain
    assert revised(second, "outpatient_visits", "month", JAN) == (3.0, 2.0, -1.0)
    assert revised(second, "outpatient_visits", "quarter", Q1) == (7.0, 6.0, -1.0)
    assert revised(second, "outpatient_visits", "year", Y25) == (7.0, 6.0, -1.0)
    # exactly the rows whose every breakdown column is NULL or V10's
    where = " and ".join(f"({c} is null or {c} = '{v}')" for c, v in V10.items())
    expected = set(
        second.query(
            f"select {KEYS} from marts.key_figures where measure_code = 'outpatient_visits' "
            f"and period_start = date '2025-01-01' and {where}"
        )
    )
    got = second.query(
        f"select {KEYS}, value_change from marts.key_figure_revisions where measure_code = 'outpatient_visits'"
    )
    assert {r[:-1] for r in got} == expected and len(expected) > 3
    assert all(r[-1] == -1.0 for r in got)


def test_only_figures_of_the_corrected_periods_and_measures_changed(chain):
    _, second, *_ = chain
    rows = revisions(second)
    assert rows
    assert {(r[2], r[3]) for r in rows} == PERIODS
    assert {r[8] for r in rows} == {"changed"}
    assert all(r[11] == r[12] for r in rows)  # value_status as it was
    # the costs and visits, and what is computed from them (the ledger cost per resident and per
    # client, the top 10 % clients' share of the costs); nothing else (clients, residents, care
    # days, personnel, availability) changed
    assert {r[1] for r in rows} == {
        "operating_cost_eur",
        "net_cost_eur",
        "allocated_cost_eur",
        "cost_per_resident_eur",
        "cost_per_client_eur",
        "ledger_cost_per_resident_eur",
        "ledger_cost_per_client_eur",
        "top10_cost_share_pct",
        "outpatient_visits",
    }


def test_the_revision_names_both_builds(chain):
    first, second, *_ = chain
    builds = second.query("select build_id, built_at, landing_fingerprint from marts.key_figure_builds order by 2")
    got = second.query(
        "select distinct old_build_id, old_built_at, old_landing_fingerprint, new_build_id, new_built_at, "
        "new_landing_fingerprint, old_project_version, new_project_version from marts.key_figure_revisions"
    )
    assert got == [(*builds[0], *builds[1], "0.1.0", "0.1.0")]
    assert builds[0][2] != builds[1][2]
    assert builds[0][1] < builds[1][1]
    # the figures the second build recorded are the old values a later build compares with
    assert {r[-1] for r in revisions(second)} == {builds[1][0]}


def test_a_rebuild_without_change_adds_no_revision_and_keeps_the_history(chain):
    _, second, third, _ = chain
    ids = build_ids(third)
    assert revisions(third) == revisions(second)
    assert third.scalar("select count(*) from marts.key_figure_revisions where new_build_id = ?", [ids[2]]) == 0
    assert third.scalar("select count(*) from marts.key_figure_revision_files where new_build_id = ?", [ids[2]]) == 0
    fingerprints = third.query("select landing_fingerprint from marts.key_figure_builds order by build_number")
    assert fingerprints[1] == fingerprints[2] != fingerprints[0]
    assert "0 figure(s) revised since the previous build" in third.result.output


def test_the_history_records_what_the_public_table_hid(chain):
    """Each recorded figure carries key_figures_public.is_suppressed of its build, so that a page of
    revisions hides an old value the public table hid then (January's outpatient visits: 1-4 persons)."""
    first, second, *_ = chain

    def public(b: Build) -> dict:
        return {r[:-1]: r[-1] for r in b.query(f"select {KEYS}, is_suppressed from public.key_figures_public")}

    old, new = public(first), public(second)
    flags = {
        r[:-2]: r[-2:]
        for r in second.query(
            f"select {KEYS}, old_is_suppressed_public, new_is_suppressed_public from marts.key_figure_revisions "
            "where change_type = 'changed'"
        )
    }
    assert flags and flags == {key: (old[key], new[key]) for key in flags}
    assert {f for pair in flags.values() for f in pair} == {True, False}
    month = ("08", "outpatient_visits", "month", JAN, None, None, None, None)
    cost = ("08", "operating_cost_eur", "month", JAN, None, None, None, None)
    assert flags[month] == (True, True) and flags[cost] == (False, False)


def test_a_history_of_an_earlier_version_gains_the_new_columns(chain):
    """The third build ran on a history without is_suppressed_public: the column is back, NULL (unknown) in
    the builds recorded before it, and filled for the third build."""
    *_, third, history = chain
    con = duckdb.connect(str(history), read_only=True)
    try:
        got = con.execute(
            "select b.build_id = ? as is_third, count(*), count(f.is_suppressed_public) from build_figures as f "
            "join builds as b using (build_id) where b.landing_chain <> ? group by 1 order by 1",
            [build_ids(third)[2], OTHER_CHAIN],
        ).fetchall()
    finally:
        con.close()
    rows = third.scalar("select count(*) from marts.key_figures")
    assert got == [(False, 2 * rows, 0), (True, rows, rows)]


def test_the_serving_file_carries_the_history(chain):
    *_, third, _ = chain
    serving = third.db_path.with_name("build_marts.duckdb")
    con = duckdb.connect(str(serving), read_only=True)
    try:
        for table in ("key_figure_builds", "key_figure_revisions", "key_figure_revision_files"):
            assert con.execute(f"select count(*) from marts.{table}").fetchone()[0] == third.scalar(
                f"select count(*) from marts.{table}"
            )
    finally:
        con.close()


class _ChangesSection(HTMLParser):
    """The dashboard's "what changed" section as the browser left it: its text, the builds, the files and the
    changed figures (each row's attributes and cell texts)."""

    def __init__(self):
        super().__init__()
        self.inside, self.depth = False, 0
        self.texts: list[str] = []
        self.rows: dict[str, list[tuple[dict, list[tuple[dict, str]]]]] = {}
        self.more: dict = {}
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("id") == "changes":
            self.inside, self.depth = True, 0
        if not self.inside:
            return
        if tag == "section":
            self.depth += 1
        elif tag == "table":
            self._table = a.get("class") or ""
        elif tag == "tr" and self._table is not None:
            self._row = (a, [])
        elif tag == "td" and self._row is not None:
            self._cell = (a, [])
        elif tag == "p" and "data-more" in a:
            self.more = a

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "section":
            self.depth -= 1
            self.inside = self.depth > 0
        elif tag == "td" and self._cell is not None:
            self._row[1].append((self._cell[0], "".join(self._cell[1]).strip()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row[1]:
                self.rows.setdefault(self._table, []).append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self.inside:
            self.texts.append(data)
            if self._cell is not None:
                self._cell[1].append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def _dashboard(b: Build, out, browser: bool) -> _ChangesSection:
    """The dashboard of a build, read back as a browser renders it (or as written, without the browser)."""
    from test_report import _browser_dom

    page = report(b.db_path, out, progress=lambda _: None)
    section = _ChangesSection()
    section.feed(_browser_dom(page.as_uri(), out / "profile") if browser else page.read_text(encoding="utf-8"))
    assert section.texts, "the page has the section"
    return section


NBSP = "\u00a0"


def test_the_dashboard_shows_what_changed_since_the_previous_build(chain, tmp_path):
    first, second, third, _ = chain
    # the first build: nothing to compare with
    page = _dashboard(first, tmp_path / "first", browser=True)
    assert "Mitä muuttui — What changed since the previous build" in page.text
    assert "this is the first build of this landing folder: there is no previous build to compare with" in page.text
    assert "changed-figures" not in page.rows and "files" not in page.rows

    # the second build: the re-delivered January
    page = _dashboard(second, tmp_path / "second", browser=True)
    builds = second.query(
        "select build_id, landing_fingerprint, files_read from marts.key_figure_builds order by build_number"
    )
    shown_builds = [(r[0]["data-build"], r[0]["data-build-id"], r[1][3][1], r[1][4][1]) for r in page.rows["builds"]]
    assert shown_builds == [
        ("previous", builds[0][0], builds[0][1][:12], str(builds[0][2])),
        ("current", builds[1][0], builds[1][1][:12], str(builds[1][2])),
    ]
    files = [(r[0]["data-path"], [text for _, text in r[1]]) for r in page.rows["files"]]
    assert files == [
        (path, [path, entity, "lisätty — added", "", "1", "1"])
        for path, entity in (
            ("finance/gl_entries_2025-01_korjaus.csv", "finance/gl_entries"),
            ("patient/visits_2025-01_korjaus.csv", "patient/visits"),
        )
    ]
    figures = page.rows["changed-figures"]
    name = " — ".join(
        second.query(
            "select name_fi, name_en from marts.key_figure_measures where measure_code = 'operating_cost_eur'"
        )[0]
    )
    by_key = {
        (r[0]["data-measure"], r[0]["data-grain"], r[0]["data-period"], r[0]["data-whole-county"]): r for r in figures
    }
    # the operating cost of January, its quarter and year: exact old and new values, the change
    for grain, old, new, change in (
        ("month", "43 000 €", "45 000 €", "+2 000 € (+4,7 %)"),
        ("quarter", "67 000 €", "69 000 €", "+2 000 € (+3,0 %)"),
        ("year", "67 000 €", "69 000 €", "+2 000 € (+3,0 %)"),
    ):
        attrs, cells = by_key[("operating_cost_eur", grain, "2025-01-01", "true")]
        texts = [text.replace(NBSP, " ") for _, text in cells]
        assert texts[0] == name, texts
        assert texts[2:9] == [
            {"month": "1/2025", "quarter": "Q1/2025", "year": "2025"}[grain],
            "koko alue — whole county",
            old,
            "→",
            new,
            change,
            "",
        ], (grain, texts)
        assert float(cells[4][0]["data-old"]) == float(old.replace(" ", "").rstrip("€"))
        assert float(cells[6][0]["data-new"]) == float(new.replace(" ", "").rstrip("€"))
    # January's visits: 3 -> 2 outpatient visits of fewer than 5 persons: suppressed in key_figures_public,
    # so neither value (nor the change) is on the page
    assert (
        second.scalar(
            f"select value_status from public.key_figures_public where measure_code = 'outpatient_visits' "
            f"and period_grain = 'month' and period_start = date '2025-01-01' and {WHOLE_COUNTY}"
        )
        == "suppressed"
    )
    attrs, cells = by_key[("outpatient_visits", "month", "2025-01-01", "true")]
    assert cells[4][0]["data-old"] == "" and "suppressed (1–4 persons)" in cells[4][1]
    assert cells[6][0]["data-new"] == "" and "suppressed (1–4 persons)" in cells[6][1]
    assert cells[7][1] == ""
    # most relevant first: every whole-county row before the breakdowns, shown values by relative change
    order = [r[0]["data-whole-county"] for r in figures]
    assert order == sorted(order, key=lambda w: w != "true") and "true" in order
    shown = [
        abs(float(c[6][0]["data-new"]) - float(c[4][0]["data-old"])) / abs(float(c[4][0]["data-old"]) or 1e-300)
        for a, c in figures
        if a["data-whole-county"] == "true" and c[4][0].get("data-old") and c[6][0].get("data-new")
    ]
    assert len(shown) >= 3 and shown == sorted(shown, reverse=True)
    # capped: the rest are counted
    total = second.scalar("select count(*) from marts.key_figure_revisions where new_build_id = ?", [builds[1][0]])
    assert total > 25 and len(figures) == 25 and int(page.more["data-more"]) == total - 25
    assert f"and {total - 25} more" in page.text

    # the third build read the same files and changed nothing
    page = _dashboard(third, tmp_path / "third", browser=False)
    assert "the same landing files as the previous build" in page.text
    assert "no published figure changed" in page.text and "changed-figures" not in page.rows


def test_explain_shows_the_revision_and_the_new_components(chain, capsys):
    """`tietopohja explain` on the second build: January's operating cost, 43000 -> 45000, with the
    re-delivered ledger row in its component; the serving file of the third build explains it too."""
    import json

    from tietopohja.cli import main

    _, second, third, _ = chain
    args = ["operating_cost_eur", "--county", "08", "--period", "2025-01", "--json"]
    for db in (second.db_path, third.db_path.with_name("build_marts.duckdb")):
        assert main(["explain", *args, "--db", str(db)]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert doc["value"] == 45000.0
        assert [c["component_value"] for c in doc["components"] if c["role"] == "addend"] == [45000.0]
        assert [(r["old_value"], r["new_value"], r["change_type"]) for r in doc["revisions"]] == [
            (43000.0, 45000.0, "changed")
        ]
    assert main(["explain", *args[:-1], "--db", str(second.db_path)]) == 0
    out = capsys.readouterr().out
    assert "revisions:" in out and "changed 43,000 -> 45,000" in out
