"""Revision history of the key figures (minimum-data spec "Revision history of
published figures"; macros/serving/history.sql), on tests/landing/key_figures_handmade.

One copy of the folder, one history file, three builds:

1. the folder as it is, into ``first.duckdb``: the chain's first build, no revision;
2. plus tests/landing/revisions (a re-delivery of January 2025: ledger row G21
   of CC_PTH 22000.00 -> 24000.00, and visit V10 of P1 at U_TA re-delivered
   with contact type R56, which is not an outpatient visit), into a NEW
   database file ``second.duckdb``: the history is found there too;
3. nothing changed, ``--full-refresh`` of a copy of ``second.duckdb``: no new
   revision, the history is still there.

Between 1 and 2 a build of another landing folder (another chain, every value
doubled) is written into the same history file: it must not be compared.

Hand figures (see test_key_figures_handmade.py for the folder's numbers):
operating cost January 43000 -> 45000, 2025Q1 and 2025 (January + February
24000) 67000 -> 69000; outpatient visits January 3 -> 2 (V9 R10, V11 R52
stay), 2025Q1 and 2025 7 -> 6. V10 is P1's (34 years: working_age) own visit
at U_TA (PTH_VASTAANOTTO, municipality 837).
"""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest

from conftest import FIXTURES, Build, close
from tietopohja.dbt_runner import HISTORY_ENV, run_dbt

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


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    root = tmp_path_factory.mktemp("revisions")
    landing = root / "landing"
    shutil.copytree(FIXTURES / "key_figures_handmade", landing)
    history = root / "history" / "revisions.duckdb"
    env = {HISTORY_ENV: str(history)}

    def run(name: str, db: str, *extra: str) -> Build:
        work = root / name
        work.mkdir()
        args = ["build", "--exclude-resource-type", "unit_test", *extra]
        result = run_dbt(args, db_path=root / db, landing_dir=landing, work_dir=work, env=env)
        assert result.ok, result.output[-5000:]
        return Build(result, root / db, landing)

    first = run("first", "first.duckdb")
    # another landing folder's build in the same history, later than the first: never compared
    con = duckdb.connect(str(history))
    con.execute(
        "insert into builds select 'other-build', ?, built_at + interval 1 second, 'x', project_version, "
        "files_read, key_figure_rows from builds",
        [OTHER_CHAIN],
    )
    con.execute(
        f"insert into build_figures select 'other-build', {KEYS}, value * 2 + 1, unit, breakdown, value_status "
        "from build_figures"
    )
    con.close()
    shutil.copytree(FIXTURES / "revisions", landing, dirs_exist_ok=True)
    second = run("second", "second.duckdb")
    # the full refresh rebuilds a copy of the second database (the tests read both)
    shutil.copyfile(root / "second.duckdb", root / "third.duckdb")
    third = run("third", "third.duckdb", "--full-refresh")
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


def test_the_serving_file_carries_the_history(chain):
    *_, third, _ = chain
    serving = third.db_path.with_name("third_marts.duckdb")
    con = duckdb.connect(str(serving), read_only=True)
    try:
        for table in ("key_figure_builds", "key_figure_revisions", "key_figure_revision_files"):
            assert con.execute(f"select count(*) from marts.{table}").fetchone()[0] == third.scalar(
                f"select count(*) from marts.{table}"
            )
    finally:
        con.close()
