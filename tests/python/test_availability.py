"""Availability theme on the bundled sample: waits measured against the
care-guarantee rules, the marts and the key-figure contribution.

The business-day counts and the "N months" deadlines are recomputed here
independently of the SQL (Python's calendar, the `holidays` package and
dateutil's month arithmetic, which clamps to the end of the month).
"""

from __future__ import annotations

import csv
from datetime import date, timedelta

import holidays
from dateutil.relativedelta import relativedelta

from tietopohja.paths import PROJECT_DIR

RULES_CSV = PROJECT_DIR / "seeds" / "rules" / "care_guarantee_rules.csv"


def _finnish_non_business_days(years: range) -> set[date]:
    days = set(holidays.country_holidays("FI", years=years))
    for year in years:
        days.add(date(year, 12, 24))  # Christmas Eve
        days.add(next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4))
    return days


def _business_days(start: date, end: date, closed: set[date]) -> int:
    """Business days after `start` (day 0) up to and including `end`."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            n += 1
    return n


def _deadline(start: date, value: int, unit: str, closed: set[date]) -> date:
    if unit == "months":
        return start + relativedelta(months=value)
    if unit == "weeks":
        return start + timedelta(days=7 * value)
    if unit == "days":
        return start + timedelta(days=value)
    day, n = start, 0
    while n < value:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            n += 1
    return day


def test_rule_table_is_dated_and_complete():
    with RULES_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rules = {r["rule"] for r in rows}
    assert rules == {
        "pc_assessment",
        "pc_treatment",
        "oral_treatment",
        "sc_handling",
        "sc_assessment",
        "sc_treatment",
        "social_assessment_start",
        "child_welfare_assessment",
        "social_implementation",
        "elderly_service_after_decision",
    }
    changes = {r["valid_from"] for r in rows}
    assert {"2023-09-01", "2024-11-01", "2025-01-01"} <= changes


def test_every_measured_wait_matches_an_independent_computation(sample_build):
    rows = sample_build.query(
        """
        select wait_start_date, closed_date, wait_status, limit_value, limit_unit,
               deadline_date, wait_days, wait_business_days, is_over_limit
        from intermediate.int_availability_waits_measured
        """
    )
    assert len(rows) > 5000
    closed = _finnish_non_business_days(range(2015, 2036))
    for start, end, status, value, unit, deadline, days, bdays, over in rows:
        assert deadline == _deadline(start, value, unit, closed), (start, value, unit, deadline)
        if status == "open":
            assert end is None and over is None
            continue
        assert days == (end - start).days
        assert bdays == _business_days(start, end, closed), (start, end, bdays)
        if status == "completed":
            assert over == (end > deadline)
        else:
            assert over is None  # left the queue: neither met nor breached


def test_marts_are_filled_and_consistent(sample_build):
    per_rule = dict(
        sample_build.query(
            """
            select rule, sum(waits) from marts.availability_waits_by_service
            where period_grain = 'year' and service_code is null group by rule
            """
        )
    )
    for rule in (
        "pc_assessment",
        "pc_treatment",
        "oral_treatment",
        "sc_handling",
        "sc_assessment",
        "sc_treatment",
        "social_assessment_start",
        "social_implementation",
        "elderly_service_after_decision",
    ):
        assert per_rule.get(rule, 0) > 0, rule
    # counts by the month of the wait's end add up to the quarter and the year
    mismatches = sample_build.query(
        """
        with m as (
            select county_code, rule, service_code, period_grain,
                   extract(year from period_start) as y,
                   sum(waits) as waits, sum(waits_over_limit) as over_n,
                   sum(waits_left_queue) as left_n
            from marts.availability_waits_by_service
            group by all
        )
        select a.* from m as a join m as b
          on a.county_code = b.county_code and a.rule = b.rule and a.y = b.y
         and a.service_code is not distinct from b.service_code
         and a.period_grain = 'month' and b.period_grain in ('quarter', 'year')
        where a.waits <> b.waits or a.over_n <> b.over_n or a.left_n <> b.left_n
        """
    )
    assert mismatches == []
    # the open-wait stock of a year is the stock of its December
    stock = sample_build.query(
        """
        select y.county_code, y.rule, y.open_waits, d.open_waits
        from marts.availability_waits_by_service as y
        join marts.availability_waits_by_service as d
          on y.county_code = d.county_code and y.rule = d.rule
         and y.service_code is not distinct from d.service_code
         and d.period_grain = 'month' and d.period_start = y.period_start + interval 11 month
        where y.period_grain = 'year'
        """
    )
    assert stock and all(row[2] == row[3] for row in stock)
    bad_share = sample_build.scalar(
        """
        select count(*) from marts.availability_waits_by_service
        where share_over_limit_pct < 0 or share_over_limit_pct > 100
           or (waits > 0 and (mean_wait is null or median_wait is null))
           or waits_over_limit > waits
        """
    )
    assert bad_share == 0


def test_key_figures_match_the_waits(sample_build):
    expected = dict(
        sample_build.query(
            """
            select county_code, count(*) from intermediate.int_availability_waits_measured
            where rule = 'pc_assessment' and is_governing and wait_status = 'completed'
            group by county_code
            """
        )
    )
    reported = dict(
        sample_build.query(
            """
            select county_code, sum(value) from intermediate.int_key_figures__availability
            where measure_code = 'pc_assessment_waits' and period_grain = 'year'
              and service_code is null
            group by county_code
            """
        )
    )
    assert reported == {k: float(v) for k, v in expected.items()}
    codes = {
        r[0] for r in sample_build.query("select distinct measure_code from intermediate.int_key_figures__availability")
    }
    assert codes == {
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
    }
    # a mean of business days lies within the range of the waits averaged
    assert (
        sample_build.scalar(
            """
        select count(*) from intermediate.int_key_figures__availability
        where measure_code = 'pc_assessment_mean_bdays' and (value < 0 or value > 10)
        """
        )
        == 0
    )
