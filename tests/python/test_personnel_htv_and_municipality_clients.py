"""v1.1 personnel measures and clients by service+municipality (issue #18).

One build of tests/landing/personnel_htv_clients (see its README.md); every expected value is
computed by hand from its files. 2024 is a leap year: an HTV day weighs
work_time_pct / 100 / 366. Residents 31.12.2023 (used by every month and
quarter of 2024): 638 = 500, 434 = 300, county 800.

Paid days: January 31, Q1 91 (31 + 29 + 31).
- T1 PTH permanent 100 %: Jan 31, Q1 91.
- T2 PTH fixed-term 50 % until 15.2.: Jan 31 x 0.5 = 15.5; Q1 (31 + 15) x 0.5 = 23.
- T3 TEH permanent 80 %: Jan 24.8; Q1 72.8.
- T4 ICT (support) fixed-term 60 %: Jan 18.6; Q1 54.6.
- T5 HALL (administration) permanent 100 %, unpaid leave 10.-19.1. (10 days) and
  an unpaid training 4.-5.3. (2 days): Jan 21; Q1 91 - 12 = 79.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, Build, build_folder, close

YEAR_DAYS = 366
PER_1000 = 1000 / 800  # the county's residents
PTH, TEH = "PTH_VASTAANOTTO", "IAK_TEHOSTETTU"
JAN, FEB, MAR = "2024-01-01", "2024-02-01", "2024-03-01"


@pytest.fixture(scope="module")
def hr_build(tmp_path_factory) -> Build:
    return build_folder(tmp_path_factory, FIXTURES / "personnel_htv_clients", "personnel_htv_clients")


def kf(b: Build, measure: str, grain: str, start: str, table: str = "marts.key_figures", **breakdown) -> tuple:
    """(value, breakdown, value_status, is_suppressed) of one key-figure row of county 01."""
    where = " and ".join(
        f"{col} = '{breakdown[col]}'" if col in breakdown else f"{col} is null"
        for col in ("service_code", "segment", "production_mode", "municipality_code")
    )
    rows = b.query(
        f"select value, breakdown, value_status, is_suppressed from {table} "
        f"where county_code = '01' and measure_code = ? and period_grain = ? and period_start = ? and {where}",
        [measure, grain, start],
    )
    assert len(rows) == 1, (measure, grain, start, breakdown, rows)
    return rows[0]


def test_htv_paid_per_1000_total_and_by_service(hr_build):
    # the county: every employment, support and administration included
    total_jan = (31 + 15.5 + 24.8 + 18.6 + 21) / YEAR_DAYS * PER_1000
    total_q1 = (91 + 23 + 72.8 + 54.6 + 79) / YEAR_DAYS * PER_1000
    value, breakdown, status, _ = kf(hr_build, "htv_paid_per_1000", "month", JAN)
    assert close(value, total_jan) and (breakdown, status) == ("total", "complete")
    assert close(kf(hr_build, "htv_paid_per_1000", "quarter", JAN)[0], total_q1)
    # by service: the HTV of the service's cost centres per 1,000 residents of the county
    value, breakdown, status, _ = kf(hr_build, "htv_paid_per_1000", "month", JAN, service_code=PTH)
    assert close(value, (31 + 15.5) / YEAR_DAYS * PER_1000) and (breakdown, status) == ("service", "complete")
    assert close(
        kf(hr_build, "htv_paid_per_1000", "quarter", JAN, service_code=PTH)[0], (91 + 23) / YEAR_DAYS * PER_1000
    )
    assert close(kf(hr_build, "htv_paid_per_1000", "quarter", JAN, service_code=TEH)[0], 72.8 / YEAR_DAYS * PER_1000)
    # support (T4) and administration (T5) staff count in the total only: no service row holds them
    services = hr_build.query(
        "select distinct service_code from marts.key_figures "
        "where measure_code = 'htv_paid_per_1000' and breakdown = 'service' order by service_code"
    )
    assert services == [(TEH,), (PTH,)]
    # the year 2024 is covered January-March only
    assert kf(hr_build, "htv_paid_per_1000", "year", JAN)[2] == "partial"
    # HTV is no count of persons: published as is
    assert close(kf(hr_build, "htv_paid_per_1000", "month", JAN, "public.key_figures_public")[0], total_jan)


def test_fixed_term_htv_share(hr_build):
    # fixed-term: T2 and T4
    value, breakdown, status, _ = kf(hr_build, "fixed_term_htv_share_pct", "month", JAN)
    assert close(value, (15.5 + 18.6) / (31 + 15.5 + 24.8 + 18.6 + 21) * 100)
    assert (breakdown, status) == ("total", "complete")
    assert close(kf(hr_build, "fixed_term_htv_share_pct", "quarter", JAN)[0], (23 + 54.6) / 320.4 * 100)
    # March: T2 has ended, T4 remains: 31 x 0.6 of 31 + 24.8 + 18.6 + (31 - 2)
    assert close(kf(hr_build, "fixed_term_htv_share_pct", "month", MAR)[0], 18.6 / (31 + 24.8 + 18.6 + 29) * 100)


def test_training_days_per_headcount(hr_build):
    # January: T3's training 30.1.-2.2. has 2 days in January; 5 employments on 31.1.
    assert close(kf(hr_build, "training_days_per_headcount", "month", JAN)[0], 2 / 5)
    # February: T3 1.-2.2. (2) + T2 12.-14.2. (3, its employment ended 15.2.) = 5;
    # 4 employments on 29.2. (T2 has ended)
    assert close(kf(hr_build, "training_days_per_headcount", "month", FEB)[0], 5 / 4)
    # March: T5 4.-5.3. (unpaid: counts) + T1 30.-31.3. (of 30.3.-2.4.) = 4; 4 employments on 31.3.
    assert close(kf(hr_build, "training_days_per_headcount", "month", MAR)[0], 4 / 4)
    # Q1: 2 + 5 + 4 = 11 training days (not T1's 1.-2.4.) ÷ 4 employments on the quarter's last day
    value, breakdown, status, _ = kf(hr_build, "training_days_per_headcount", "quarter", JAN)
    assert close(value, 11 / 4) and (breakdown, status) == ("total", "complete")
    # one definition (minimum-data v1.1): the personnel marts divide by the last day's headcount too,
    # not by the average of the first (5) and last day's (4) headcount (11 / 4.5)
    assert hr_build.query(
        "select training_days_per_headcount from intermediate.int_personnel_periods_aggregated "
        "where breakdown = 'county' and period_grain = 'quarter' and period_start = '2024-01-01'"
    ) == [(pytest.approx(11 / 4),)]
    # PTH in Q1: T2's 12.-14.2. (3; ended 15.2.) + T1's 30.-31.3. (2) = 5 days; T1 and T2 on 1.1.,
    # T1 alone on 31.3.: 5 / 1 (the average headcount would give 5 / 1.5)
    assert hr_build.query(
        "select training_days, headcount_start, headcount_end, training_days_per_headcount "
        "from marts.personnel_by_service where county_code = '01' and period_grain = 'quarter' "
        "and period_start = '2024-01-01' and service_code = ?",
        [PTH],
    ) == [(5, 2, 1, 5.0)]
    # key_figures_public: a rate of 1-4 employees is suppressed (February: 4 on 29.2.), 5 are shown
    assert kf(hr_build, "training_days_per_headcount", "month", FEB, "public.key_figures_public")[3] is True
    value, _, status, suppressed = kf(
        hr_build, "training_days_per_headcount", "month", JAN, "public.key_figures_public"
    )
    assert close(value, 2 / 5) and suppressed is False


def test_clients_by_service_and_municipality(hr_build):
    def clients(start, service, municipality, grain="month", table="marts.key_figures"):
        return kf(hr_build, "clients", grain, start, table, service_code=service, municipality_code=municipality)

    def per_1000(start, service, municipality, grain="month", table="marts.key_figures"):
        return kf(
            hr_build, "clients_per_1000", grain, start, table, service_code=service, municipality_code=municipality
        )

    # January: PTH A (twice) and B live in 638, C in 434; TEH D in 434, A in 638
    value, breakdown, status, _ = clients(JAN, PTH, "638")
    assert (value, breakdown, status) == (2.0, "service+municipality", "complete")
    assert clients(JAN, PTH, "434")[0] == 1.0
    assert clients(JAN, TEH, "434")[0] == 1.0
    assert clients(JAN, TEH, "638")[0] == 1.0
    # per 1,000 residents of the municipality: 2 / 500, 1 / 300
    value, breakdown, status, _ = per_1000(JAN, PTH, "638")
    assert close(value, 4.0) and (breakdown, status) == ("service+municipality", "complete")
    assert close(per_1000(JAN, PTH, "434")[0], 1000 / 300)
    # February: C's second visit; nobody from 638: 0 clients, 0 per 1,000 (residents, no client)
    assert close(per_1000(FEB, PTH, "434")[0], 1000 / 300)
    assert clients(FEB, PTH, "638")[0] == 0.0
    assert per_1000(FEB, PTH, "638")[0] == 0.0
    # the quarter counts each person once: C is one client of PTH in 434
    assert clients(JAN, PTH, "434", "quarter")[0] == 1.0
    assert close(per_1000(JAN, PTH, "638", "quarter")[0], 4.0)
    # publishable: 1-4 clients are hidden, and the rate computed from them; 0 is shown
    value, _, status, suppressed = clients(JAN, PTH, "638", table="public.key_figures_public")
    assert (value, status, suppressed) == (None, "suppressed", True)
    value, _, status, suppressed = per_1000(JAN, PTH, "638", table="public.key_figures_public")
    assert (value, status, suppressed) == (None, "suppressed", True)
    value, _, status, suppressed = per_1000(FEB, PTH, "638", table="public.key_figures_public")
    assert (value, status, suppressed) == (0.0, "complete", False)


def test_personnel_by_service_mart(hr_build):
    rows = hr_build.query(
        "select service_code, htv_paid_per_1000, fixed_term_htv_share_pct from marts.personnel_by_service "
        "where period_grain = 'quarter' and period_start = '2024-01-01' order by service_code nulls last"
    )
    by_service = {service: (per_1000, share) for service, per_1000, share in rows}
    assert set(by_service) == {PTH, TEH, None}
    assert close(by_service[PTH][0], (91 + 23) / YEAR_DAYS * PER_1000)
    assert close(by_service[PTH][1], 23 / (91 + 23) * 100)
    assert close(by_service[TEH][0], 72.8 / YEAR_DAYS * PER_1000)
    assert close(by_service[TEH][1], 0.0)
    # support and administration staff on the service-NULL row
    assert close(by_service[None][0], (54.6 + 79) / YEAR_DAYS * PER_1000)
    assert close(by_service[None][1], 54.6 / (54.6 + 79) * 100)


def test_personnel_by_service_changes_of_the_rates(hr_build):
    """February against January for PTH: T1 29 days at 100 %, T2 15 days at 50 % (until 15.2.)
    = 36.5 paid days, 7.5 of them fixed-term; January 46.5, 15.5 fixed-term."""
    (per_1000_change, share_change) = hr_build.query(
        "select htv_paid_per_1000_change, fixed_term_htv_share_pct_change from marts.personnel_by_service "
        "where period_grain = 'month' and period_start = ? and service_code = ?",
        [FEB, PTH],
    )[0]
    assert close(per_1000_change, (36.5 - 46.5) / YEAR_DAYS * PER_1000)
    assert close(share_change, 7.5 / 36.5 * 100 - 15.5 / 46.5 * 100)
