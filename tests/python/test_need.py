"""Need theme on the hand-made fixture tests/fixtures/landing_small (county 01).

Numbers computed by hand from the fixture files:

- Residents 31.12.2023: 638 → 100 (74 y) + 120 (40 y), 434 → 30 (94 y),
  753 → 50 (5 y): 300. Dependency ratio (50 + 100 + 30) ÷ 120 = 1.5.
- Reporting months 2024-01 … 2024-03 (the last activity is in March), so
  the data end at 31.3.2024.
- EP1 (person A) 1.3. 10:00 – 5.3. → care days 1.–4.3. (4). EP2 (person B)
  from 10.2., open → 10.2.–31.3. (20 + 31 = 51), all at cost centre CC_ESH2
  (the ward's unit row from 1.2.2024).
- SP1 (A, 24-hour) from 1.2., open → 1.2.–31.3. (29 + 31 = 60); SP2 (B)
  15.1.–20.2. → 15.1.–19.2. (17 + 19 = 36); SP3 (end before start) is
  quarantined.
- care_days, counted once per person and day: January B 17; February A 29,
  B 1.–19.2. (SP2) ∪ 10.–29.2. (EP2) = 29 → 58; March A 31 (EP1 inside
  SP1), B 31 → 62; ESH ward in March A 4 + B 31 = 35.
- Morbidity: V1 E11.9 (diabetes) in January → 1 ÷ 300 × 1000; coronary
  heart disease: EP2 I21.9 (Feb, Mar) and EP1 I25.1 (Mar) → March 2 clients.
- Readmissions: EP1 is the only discharge (March), not followed → 0 %.
"""

from __future__ import annotations

import pytest


def kf(build, measure, grain, start, service=None, municipality=None):
    rows = build.query(
        "select value, person_count from intermediate.int_key_figures__need "
        "where county_code = '01' and measure_code = ? and period_grain = ? and period_start = cast(? as date) "
        "and service_code is not distinct from ? and municipality_code is not distinct from ?",
        [measure, grain, start, service, municipality],
    )
    assert len(rows) == 1, rows
    return rows[0]


def test_output_days_per_episode_and_period(small_build):
    rows = dict(
        (r[0], r[1:])
        for r in small_build.query(
            "select event_id, count(*), min(output_date), max(output_date), count(distinct cost_center) "
            "from intermediate.int_outputs_expanded where output_type <> 'visit' group by event_id"
        )
    )
    assert rows["EP1"][0] == 4
    assert rows["EP2"][0] == 51
    assert rows["SP1"][0] == 60
    assert rows["SP2"][0] == 36
    assert "SP3" not in rows
    assert str(rows["EP2"][2]) == "2024-03-31"
    ward_cost_centers = small_build.query(
        "select distinct cost_center from intermediate.int_outputs_expanded where event_id in ('EP1', 'EP2')"
    )
    assert ward_cost_centers == [("CC_ESH2",)]


@pytest.mark.parametrize(
    ("start", "service", "value", "persons"),
    [
        ("2024-01-01", None, 17, 1),
        ("2024-02-01", None, 58, 2),
        ("2024-03-01", None, 62, 2),
        ("2024-03-01", "ESH_SOMAATTINEN_OSASTO", 35, 2),
        ("2024-03-01", "IAK_TEHOSTETTU", 31, 1),
    ],
)
def test_care_days(small_build, start, service, value, persons):
    assert kf(small_build, "care_days", "month", start, service) == (value, persons)


def test_care_days_quarter_counts_each_person_day_once(small_build):
    assert kf(small_build, "care_days", "quarter", "2024-01-01") == (17 + 58 + 62, 2)


def test_residents_and_dependency_ratio(small_build):
    assert kf(small_build, "residents", "month", "2024-03-01") == (300, None)
    assert kf(small_build, "residents", "month", "2024-03-01", municipality="638") == (220, None)
    assert kf(small_build, "dependency_ratio", "month", "2024-01-01")[0] == pytest.approx(1.5)
    # a municipality without 15–64-year-olds has no ratio row
    assert (
        small_build.scalar(
            "select count(*) from intermediate.int_key_figures__need "
            "where measure_code = 'dependency_ratio' and municipality_code = '434'"
        )
        == 0
    )


def test_morbidity(small_build):
    rows = small_build.query(
        "select period_start, clients, clients_per_1000 from marts.morbidity_per_1000 "
        "where period_grain = 'month' and group_type = 'tracked' and municipality_code is null "
        # coverage: the periods now run from the population's December 2023 to December 2024
        "and period_start between date '2024-01-01' and date '2024-03-01' "
        "and group_code = ? order by period_start",
        ["coronary_heart_disease"],
    )
    # January has no such client: a row of 0 (the mart is dense over the periods)
    assert [(str(r[0]), r[1]) for r in rows] == [("2024-01-01", 0), ("2024-02-01", 1), ("2024-03-01", 2)]
    assert rows[0][2] == 0.0
    assert rows[2][2] == pytest.approx(2 / 300 * 1000)
    diabetes = small_build.query(
        "select clients, clients_per_1000 from marts.morbidity_per_1000 where period_grain = 'month' "
        "and period_start = date '2024-01-01' and group_code = 'diabetes' and municipality_code is null"
    )
    assert diabetes[0][0] == 1 and diabetes[0][1] == pytest.approx(1000 / 300)


def test_readmissions(small_build):
    assert kf(small_build, "readmissions_30d_pct", "month", "2024-03-01") == (0.0, 1)
