"""Personnel theme on a real build: the payroll-system change.

tests/landing/personnel_switch is landing_small with HR files where the
payroll system changes on 16.2.2024 (see its README.md). The numbers below
are computed by hand from those files.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, Build, build_folder

LEAP_YEAR_DAYS = 366


@pytest.fixture(scope="module")
def switch_build(tmp_path_factory) -> Build:
    return build_folder(tmp_path_factory, FIXTURES / "personnel_switch", "switch")


def test_employment_in_both_systems_is_one_employment(switch_build):
    rows = switch_build.query(
        "select start_date, end_date, end_reason, work_time_pct, source_layout "
        "from staging.stg_hr__employments where employment_id = 'S1'"
    )
    assert len(rows) == 1
    start, end, reason, pct, layout = rows[0]
    assert (str(start), str(end), reason, float(pct), layout) == (
        "2023-05-10",
        "2024-03-20",
        "resignation",
        80.0,
        "both",
    )
    # every calendar day of the employment counted once, however many systems and absences:
    # 29 employed days in February 2024
    assert (
        switch_build.scalar(
            "select employed_days from intermediate.int_employment_months_aggregated "
            "where employment_id = 'S1' and month_start = date '2024-02-01'"
        )
        == 29
    )
    # and one row per absence day: 2 unpaid (B11) + sick 12.-19.2. (A10 and B10 overlap on
    # 15.-16.2.: 8 days, not 10) + annual leave 20.-23.2. (4) = 14
    assert (
        switch_build.scalar(
            "select count(*) from intermediate.int_employment_absence_days_flagged "
            "where employment_id = 'S1' and month_start = date '2024-02-01'"
        )
        == 14
    )


def test_switch_month_htv_is_hand_computed(switch_build):
    row = switch_build.query(
        "select employed_days, paid_days, worked_days, sick_days, htv_paid, htv_worked "
        "from intermediate.int_employment_months_aggregated "
        "where employment_id = 'S1' and month_start = date '2024-02-01'"
    )[0]
    employed, paid, worked, sick, htv_paid, htv_worked = row
    # 29 days; 2 unpaid (B11); sick 12.-19.2. counted once (A10 and B10 overlap on 15.-16.2.);
    # annual leave 20.-23.2. (A12 as delivered by the newer system)
    assert (employed, paid, worked, sick) == (29, 27, 15, 8)
    assert htv_paid == pytest.approx(27 * 0.8 / LEAP_YEAR_DAYS, abs=1e-12)
    assert htv_worked == pytest.approx(15 * 0.8 / LEAP_YEAR_DAYS, abs=1e-12)
    # the cost centre's allocation key has exactly this employment's HTV
    cc = switch_build.query(
        "select county_code, htv_paid, htv_worked from intermediate.int_cost_center_htv_monthly "
        "where cost_center = 'CC_PTH' and month_start = date '2024-02-01'"
    )
    assert len(cc) == 1
    assert cc[0][0] == "01"
    assert cc[0][1] == pytest.approx(27 * 0.8 / LEAP_YEAR_DAYS, abs=1e-12)
    assert cc[0][2] == pytest.approx(15 * 0.8 / LEAP_YEAR_DAYS, abs=1e-12)
    # the month the employment ends: 1.-20.3.
    march = switch_build.scalar(
        "select htv_paid from intermediate.int_cost_center_htv_monthly "
        "where cost_center = 'CC_PTH' and month_start = date '2024-03-01'"
    )
    assert march == pytest.approx(20 * 0.8 / LEAP_YEAR_DAYS, abs=1e-12)


def test_key_figures_year_counts_every_day_and_months_sum_to_it(switch_build):
    year = dict(
        switch_build.query(
            "select measure_code, value from intermediate.int_key_figures__personnel "
            "where measure_code in ('htv_paid', 'htv_worked') and period_grain = 'year' "
            # coverage: the population's year-end 31.12.2023 puts 2023 among the reporting periods
            "and period_start = date '2024-01-01'"
        )
    )
    # the data (reporting months) end in March 2024, but the year's HTV is "paid calendar
    # days in the period": S1 80 % 1.1.-20.3. = 80 days - 2 unpaid (B11) = 78; S2 100 % January 31;
    # S3 50 % from 1.2. (ongoing) to 31.12. = 335 days
    assert year["htv_paid"] == pytest.approx((78 * 0.8 + 31 + 335 * 0.5) / LEAP_YEAR_DAYS, abs=1e-12)
    # worked: S1 78 - 8 sick - 4 annual leave = 66 days; S2's training day is work
    assert year["htv_worked"] == pytest.approx((66 * 0.8 + 31 + 335 * 0.5) / LEAP_YEAR_DAYS, abs=1e-12)
    months = dict(
        switch_build.query(
            "select 'htv_paid', sum(htv_paid) from intermediate.int_employment_months_aggregated "
            "where month_start between date '2024-01-01' and date '2024-12-01' union all "
            "select 'htv_worked', sum(htv_worked) from intermediate.int_employment_months_aggregated "
            "where month_start between date '2024-01-01' and date '2024-12-01'"
        )
    )
    for measure in ("htv_paid", "htv_worked"):
        assert months[measure] == pytest.approx(year[measure], abs=1e-12)
    # permanent turnover of 2024: S1 resigned; permanent headcount 1 on 1.1. and 0 on 31.12.
    # -> 1 / 0.5 * 100
    assert switch_build.scalar(
        "select value from intermediate.int_key_figures__personnel "
        "where measure_code = 'turnover_permanent_pct' and period_grain = 'year' "
        "and period_start = date '2024-01-01'"
    ) == pytest.approx(200.0)


def test_personnel_marts_on_sample(sample_build):
    """The bundled sample: plausible HTV and rates, marts not empty."""
    rows = sample_build.query(
        "select county_code, value from intermediate.int_key_figures__personnel "
        "where measure_code = 'htv_paid' and period_grain = 'year' and period_start = date '2024-01-01'"
    )
    assert {c for c, _ in rows} == {"01", "17"}
    for _, value in rows:
        assert 50 < value < 110  # ~90 employments per county, mostly full-time
    assert sample_build.scalar("select count(*) from marts.personnel_by_organisation") > 0
    assert sample_build.scalar("select count(*) from marts.staffing_ratio_weekly") > 0
    assert (
        sample_build.scalar(
            "select count(*) from marts.personnel_by_service where period_grain = 'year' "
            "and htv_paid_change_yoy is not null"
        )
        > 0
    )
