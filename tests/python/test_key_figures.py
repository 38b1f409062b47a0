"""The published key figures of the hand-made fixture, computed by hand.

tests/landing/landing_small holds one county (01) with a handful of rows per
entity; every number below was worked out on paper from the files and the
definitions in ../shared/spec/minimum-data.md ("Published key figures"). The
fixture's client data run January–March 2024 (the latest client event
is the treatment of referral R1 on 2024-03-01 and ward episode EP1), so
open episodes and service periods run to 2024-03-31. Its coverage is derived
from the data (no delivery/coverage file): the ledger covers January and
February, social care January and February, patient data January–March, and
the population's year-ends 31.12.2023 and 31.12.2024 cover December 2023 to
December 2024, so the reporting periods are the months December 2023 –
December 2024 and every figure outside a measure's coverage is NULL,
`not_delivered` (tests/python/test_coverage.py).
"""

from __future__ import annotations

import pytest

from conftest import rel

JAN, FEB, MAR = "2024-01-01", "2024-02-01", "2024-03-01"


def kf(build, measure, grain, start, table="key_figures", **breakdown):
    where = " and ".join(
        f"{col} = ?" if breakdown.get(col) is not None else f"{col} is null"
        for col in ("service_code", "segment", "production_mode", "municipality_code")
    )
    params = [measure, grain, start] + [v for v in breakdown.values() if v is not None]
    rows = build.query(
        f"select value, is_suppressed, unit from {rel(table)} where county_code = '01' "
        f"and measure_code = ? and period_grain = ? and period_start = cast(? as date) and {where}",
        params,
    )
    assert len(rows) == 1, (measure, grain, start, breakdown, rows)
    return rows[0]


def value(build, measure, grain, start, **breakdown):
    return kf(build, measure, grain, start, **breakdown)[0]


@pytest.mark.parametrize(
    ("measure", "grain", "start", "expected"),
    [
        # ledger: Jan E1 10000 + E2 5100.50 (re-delivered) + E4 1200 + E5 3000; Feb E7 10500.25 + E8 2000 + E10 1000
        ("operating_cost_eur", "month", JAN, 19300.50),
        ("operating_cost_eur", "month", FEB, 13500.25),
        ("operating_cost_eur", "quarter", JAN, 32800.75),
        ("operating_cost_eur", "year", JAN, 32800.75),
        ("operating_income_eur", "month", JAN, 800.0),
        ("operating_income_eur", "month", FEB, 0.0),
        ("net_cost_eur", "month", JAN, 18500.50),
        ("net_cost_eur", "quarter", JAN, 32000.75),
        ("budget_cost_eur", "month", JAN, 9500.0),
        ("budget_cost_eur", "quarter", JAN, 19000.0),
        ("allocated_cost_eur", "month", JAN, 19300.50),
        ("allocated_cost_eur", "quarter", JAN, 32800.75),
        # clients: Jan P1 (V1), P3 (V2), P5 (SP2); Feb P4, P2, P5, P6; Mar P5 (EP2 open), P6; Q1 six persons
        ("clients", "month", JAN, 3),
        ("clients", "month", FEB, 4),
        ("clients", "month", MAR, 2),
        ("clients", "quarter", JAN, 6),
        ("clients", "year", JAN, 6),
        ("cost_per_client_eur", "month", JAN, 19300.50 / 3),
        # residents: 31.12.2023 = 300 for the months and Q1; 31.12.2024 = 297 for the year (sex 3 row quarantined)
        ("residents", "month", JAN, 300),
        ("residents", "quarter", JAN, 300),
        ("residents", "year", JAN, 297),
        ("dependency_ratio", "year", JAN, 178 / 119),
        ("dependency_ratio", "month", JAN, 180 / 120),
        ("cost_per_resident_eur", "month", JAN, 19300.50 / 300),
        ("clients_per_1000", "month", JAN, 10.0),
        # R10 V1 (Jan), R10 V4 + R52 V5 (Feb); V2 is R50 (phone)
        ("outpatient_visits", "month", JAN, 1),
        ("outpatient_visits", "month", FEB, 2),
        ("outpatient_visits", "quarter", JAN, 3),
        # care days, a person's day once: Jan SP2 15.–31. = 17; Feb P5 (SP2 ∪ EP2) 29 + P6 SP1 29; Mar P5 31 + P6 31
        ("care_days", "month", JAN, 17),
        ("care_days", "month", FEB, 58),
        ("care_days", "month", MAR, 62),
        ("care_days", "quarter", JAN, 137),
        # C1 assessed after 1 business day (Jan); C2 after 4 (Mon 5.2. -> Fri 9.2.; Feb)
        ("pc_assessment_waits", "month", JAN, 1),
        ("pc_assessment_waits", "month", FEB, 1),
        ("pc_assessment_over_limit", "month", JAN, 0),
        ("pc_assessment_over_limit", "month", FEB, 1),
        ("pc_assessment_mean_bdays", "month", JAN, 1.0),
        ("pc_assessment_mean_bdays", "month", FEB, 4.0),
        ("pc_assessment_mean_bdays", "quarter", JAN, 2.5),
        ("pc_treatment_over_limit", "month", JAN, 0),
        ("pc_treatment_mean_days", "month", JAN, 7.0),
        ("sc_handling_over_limit", "month", JAN, 0),
        ("sc_treatment_over_limit", "month", MAR, 0),
        ("sc_open_over_6m", "month", MAR, 0),
        ("social_assessment_over_limit", "month", JAN, 0),
        ("social_implementation_over_limit", "month", FEB, 0),
        # HTV: Jan T1 31 d x 100 % + T2 31 d x 80 %; Feb T1 29 d + T4 14 d x 75.5 %;
        # Mar T1 31 d + T4 (31 - 5 unpaid) x 75.5 %
        ("htv_paid", "month", JAN, 55.8 / 366),
        ("htv_paid", "month", FEB, 39.57 / 366),
        ("htv_paid", "month", MAR, 50.63 / 366),
        ("htv_paid", "quarter", JAN, (55.8 + 39.57 + 50.63) / 366),
        # worked: Jan minus T1 sick 3 d and T2 annual leave 5 d x 80 %; training (A3) is work
        ("htv_worked", "month", JAN, 48.8 / 366),
        ("htv_worked", "month", FEB, 39.57 / 366),
        ("sick_days_per_htv", "month", JAN, 3 / (55.8 / 366)),
        ("readmissions_30d_pct", "month", MAR, 0.0),
        ("clients_health_and_social", "month", JAN, 0),
        ("clients_health_and_social", "month", FEB, 1),
        ("clients_health_and_social", "quarter", JAN, 2),
    ],
)
def test_whole_county_key_figure(small_build, measure, grain, start, expected):
    # values are published to 12 significant digits
    assert value(small_build, measure, grain, start) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("measure", "breakdown", "start", "expected"),
    [
        ("operating_cost_eur", {"production_mode": "own"}, JAN, 14200.0),
        ("operating_cost_eur", {"production_mode": "purchased"}, JAN, 5100.50),
        ("operating_cost_eur", {"production_mode": "voucher"}, FEB, 2000.0),
        # support (ICT 1200) and administration (3000) by paid HTV in January: CC_PTH 31, CC_TEH 24.8 HTV-days
        ("allocated_cost_eur", {"service_code": "PTH_VASTAANOTTO"}, JAN, 10000 + 4200 * 31 / 55.8),
        ("allocated_cost_eur", {"service_code": "IAK_TEHOSTETTU"}, JAN, 5100.50 + 4200 * 24.8 / 55.8),
        ("allocated_cost_eur", {"service_code": "ESH_SOMAATTINEN_OSASTO"}, FEB, 1000.0),
        ("residents", {"municipality_code": "638"}, JAN, 220),
        ("outpatient_visits", {"service_code": "SUUN_TH"}, FEB, 1),
        ("care_days", {"service_code": "IAK_TEHOSTETTU"}, FEB, 48),
        ("care_days", {"service_code": "ESH_SOMAATTINEN_OSASTO"}, MAR, 35),
    ],
)
def test_key_figure_breakdown(small_build, measure, breakdown, start, expected):
    assert value(small_build, measure, "month", start, **breakdown) == pytest.approx(expected, rel=1e-9)


def test_means_with_nothing_to_average_are_null(small_build):
    assert value(small_build, "pc_treatment_mean_days", "month", MAR) is None
    assert value(small_build, "feedback_nps", "month", JAN) is None
    assert value(small_build, "readmissions_30d_pct", "month", JAN) is None


def test_not_delivered_in_march(small_build):
    # The ledger's derived coverage ends in February and social care's too: March's operating cost,
    # cost per client and per resident (0 € before coverage: no postings) and the clients with both a
    # health and a social service (1 before: P5's service period ran on) are now NULL, not_delivered.
    for measure in ("operating_cost_eur", "cost_per_client_eur", "cost_per_resident_eur", "clients_health_and_social"):
        rows = small_build.query(
            "select value, value_status from marts.key_figures where county_code = '01' and measure_code = ? "
            "and period_grain = 'month' and period_start = ? and breakdown = 'total'",
            [measure, MAR],
        )
        assert rows == [(None, "not_delivered")], measure


def test_every_measure_for_every_period(small_build):
    # the population's year-ends (31.12.2023, 31.12.2024) cover 12/2023-12/2024: the union of the coverage
    periods = small_build.query(
        "select period_grain, count(*) from intermediate.int_reporting_periods where county_code = '01' group by 1"
    )
    assert dict(periods) == {"month": 13, "quarter": 5, "year": 2}
    measures = small_build.query("select measure_code from marts.key_figure_measures")
    for (measure,) in measures:
        rows = small_build.query(
            "select count(*) from marts.key_figures where measure_code = ? and service_code is null "
            "and segment is null and production_mode is null and municipality_code is null",
            [measure],
        )
        assert rows[0][0] == 20, measure


def test_public_key_figures_suppress_small_counts(small_build):
    # 3 clients in January: hidden, and so is the cost per client built on them
    assert kf(small_build, "clients", "month", JAN, table="key_figures_public")[:2] == (None, True)
    assert kf(small_build, "cost_per_client_eur", "month", JAN, table="key_figures_public")[:2] == (None, True)
    # euros of the ledger are not counts of persons
    assert kf(small_build, "operating_cost_eur", "month", JAN, table="key_figures_public")[:2] == (19300.50, False)
    # a count of 0 is shown
    assert kf(small_build, "clients_health_and_social", "month", JAN, table="key_figures_public")[:2] == (0, False)
