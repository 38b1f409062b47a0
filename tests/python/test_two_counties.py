"""Two counties in one landing folder: themed marts and publishable marts
(tests/landing/two_counties). Its bad-input cases live in
test_landing_errors.py (one broken build for all of them).

Every expected number was worked out by hand from the files and
../shared/spec/minimum-data.md / landing-contract.md before reading models.

County 08 (Pirkanmaa: 837 Tampere, 536 Nokia) and county 07 (Kanta-Häme: 109
Hämeenlinna) arrive in ONE folder; cost centres carry the county
(CC_A_* = 08, CC_B_* = 07); an event's county is its unit's cost centre's.

Persons (hetu in the files): PA1 F 1985-04-10 (837), PA2 M 1950-03-03 (837),
PA3 F 2010-05-05 (536), PA4 M 1940-01-15 (536), PA5 F 1970-07-07 (837),
PA6 M 1999-09-09 (837); PB1 F 1960-02-02 (109), PB2 M 1930-12-12 (109).

Residents: 31.12.2023 837 600, 536 200 (08: 800), 109 400;
31.12.2024 837 500, 536 200 (08: 700), 109 400.
Jan 2024 uses 31.12.2023; Jan 2025 and the years 2024/2025 use 31.12.2024.

Ledger (all 4000-4995 except G15 income):
Jan 2024: A_PTH 10000, A_TEH 6000 (4300 purchased), A_ICT (support) 2000; B_PTH 8000, B_HALL (admin) 1000.
Jan 2025: A_PTH 12000, A_TEH 6000, A_ICT 2000, A_OS 3000, A_PTH income -500; B_PTH 9000, B_HALL 1000.
Feb 2025: A_PTH 11000.
Paid HTV-days (allocation key) in January: A_PTH E1 31, A_TEH E2 31 x 0.5 = 15.5, A_OS none;
B_PTH E3 31 + E5 31. Support/admin costs stay inside their county:
A_ICT 2000 -> PTH 2000 x 31/46.5 = 1333.33, TEH 666.67; B_HALL 1000 -> B_PTH.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, build_folder, close, rel, row

FOLDER = FIXTURES / "two_counties"
J24, D24, J25, F25 = "2024-01-01", "2024-12-01", "2025-01-01", "2025-02-01"
# A hetu-shaped token: not glued to a letter or digit on either side, so that a
# piece of a longer identifier (a dbt invocation id such as ...ab345678-1234-...)
# is not taken for one. The folder's own codes (HETUS) are searched as plain
# substrings, glued or not.
HETU = re.compile(r"(?<![0-9A-Za-z])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![0-9A-Za-z])")
HETUS = [
    "100485-902P",
    "030350-903C",
    "050510A9040",
    "150140-9050",
    "070770-906E",
    "090999-907V",
    "020260-908N",
    "121230-909F",
]

# allocated cost by county, month and service
PTH_A_J24 = 10000 + 2000 * 31 / 46.5  # 11333.33
TEH_A = 6000 + 2000 * 15.5 / 46.5  # 6666.67 (both Januaries)
PTH_A_J25 = 12000 + 2000 * 31 / 46.5  # 13333.33
OS_A_J25 = 3000.0
PTH_B_J24, PTH_B_J25 = 8000 + 1000.0, 9000 + 1000.0

# outputs: 08 Jan 2024 PTH visits V1 (PA1), V2+V3 (PA2), V4 (PA3) = 4 visits, 3 clients;
#          TEH SP1 PA4 1.1.-31.1. (end 1.2. not present) = 31 service days.
# 08 Jan 2025 PTH visits V11+V12 (PA1), V13 (PA2), V14 (PA3), V15 (PA5), V16 (PA6), V17 (PA4)
#          = 7 visits, 6 clients; TEH SP2 PA4 31 days; ward EP1 PA2 2.-4.1. 3 + EP2 PA2 20.-21.1. 2
#          + EP3 PA6 10.-11.1. 2 = 7 care days, 2 clients.
# 08 Feb 2025: V21 (PA5) = 1 visit.
# 07 Jan 2024 W1 (PB1); Jan 2025 W11 (PB1), W12 + W13 (PB2) = 3 visits, 2 clients.


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    return build_folder(tmp_path_factory, FOLDER, "two_counties")


def unit_costs(b, county, grain, start, service, segment=None, table="service_unit_costs", cols="*"):
    return row(
        b,
        f"select {cols} from {rel(table)} where county_code = ? and period_grain = ? "
        "and period_start = cast(? as date) and service_code is not distinct from ? "
        "and segment is not distinct from ?",
        [county, grain, start, service, segment],
    )


# ---------------------------------------------------------------- costs


UNIT_COSTS = [
    # (county, month, service, segment, column, expected)
    ("08", J24, "PTH_VASTAANOTTO", None, "allocated_cost_eur", PTH_A_J24),
    ("08", J24, "IAK_TEHOSTETTU", None, "allocated_cost_eur", TEH_A),
    ("08", J25, "PTH_VASTAANOTTO", None, "allocated_cost_eur", PTH_A_J25),
    ("08", J25, "PTH_VUODEOSASTO", None, "allocated_cost_eur", OS_A_J25),
    ("08", J25, None, None, "allocated_cost_eur", 23000.0),
    # county 07's administration stays in 07 (its only service centre): not mixed with 08's
    ("07", J24, "PTH_VASTAANOTTO", None, "allocated_cost_eur", PTH_B_J24),
    ("07", J25, "PTH_VASTAANOTTO", None, "allocated_cost_eur", PTH_B_J25),
    # unit costs = allocated cost / outputs (minimum-data "Costs": €/client, €/output)
    ("08", J24, "PTH_VASTAANOTTO", None, "cost_per_visit_eur", PTH_A_J24 / 4),
    ("08", J24, "PTH_VASTAANOTTO", None, "cost_per_client_eur", PTH_A_J24 / 3),
    ("08", J25, "PTH_VASTAANOTTO", None, "cost_per_visit_eur", PTH_A_J25 / 7),
    ("08", J25, "PTH_VASTAANOTTO", None, "cost_per_client_eur", PTH_A_J25 / 6),
    ("08", J25, "PTH_VASTAANOTTO", None, "cost_per_resident_eur", PTH_A_J25 / 700),
    ("08", J24, "PTH_VASTAANOTTO", None, "cost_per_resident_eur", PTH_A_J24 / 800),
    ("08", J25, "IAK_TEHOSTETTU", None, "cost_per_service_day_eur", TEH_A / 31),
    ("08", J25, "PTH_VUODEOSASTO", None, "cost_per_care_day_eur", OS_A_J25 / 7),
    ("07", J25, "PTH_VASTAANOTTO", None, "cost_per_visit_eur", PTH_B_J25 / 3),
    ("07", J25, "PTH_VASTAANOTTO", None, "cost_per_client_eur", PTH_B_J25 / 2),
    # by_age euros split by visits per segment: 08 Jan 2025 PTH working_age PA1 x2, PA5, PA6 = 4,
    # elderly PA2, PA4 = 2, children PA3 = 1 (of 7)
    ("08", J25, "PTH_VASTAANOTTO", "working_age", "allocated_cost_eur", PTH_A_J25 * 4 / 7),
    ("08", J25, "PTH_VASTAANOTTO", "elderly", "allocated_cost_eur", PTH_A_J25 * 2 / 7),
    ("08", J25, "PTH_VASTAANOTTO", "elderly", "cost_per_client_eur", PTH_A_J25 * 2 / 7 / 2),
    # 07 Jan 2025: PB1 (64) 1 visit working_age, PB2 (94) 2 visits elderly
    ("07", J25, "PTH_VASTAANOTTO", "elderly", "allocated_cost_eur", PTH_B_J25 * 2 / 3),
    # period changes: Feb 2025 minus Jan 2025
    ("08", F25, "PTH_VASTAANOTTO", None, "allocated_cost_eur_change", 11000 - PTH_A_J25),
    ("08", F25, None, None, "allocated_cost_eur_change", 11000 - 23000.0),
    ("08", F25, None, None, "clients_change", 1 - 6),
    # year-over-year: Jan 2025 vs Jan 2024
    ("08", J25, "PTH_VASTAANOTTO", None, "allocated_cost_eur_change_yoy", PTH_A_J25 - PTH_A_J24),
    ("08", J25, "PTH_VASTAANOTTO", None, "allocated_cost_eur_growth_yoy_pct", (PTH_A_J25 / PTH_A_J24 - 1) * 100),
    ("08", J25, "PTH_VASTAANOTTO", None, "clients_change_yoy", 6 - 3),
    ("08", J25, "PTH_VASTAANOTTO", None, "clients_growth_yoy_pct", 100.0),
    (
        "08",
        J25,
        "PTH_VASTAANOTTO",
        None,
        "cost_per_client_eur_growth_yoy_pct",
        (PTH_A_J25 / 6 / (PTH_A_J24 / 3) - 1) * 100,
    ),
    ("07", J25, "PTH_VASTAANOTTO", None, "cost_per_client_eur_change_yoy", PTH_B_J25 / 2 - PTH_B_J24 / 1),
]


@pytest.mark.parametrize(("county", "start", "service", "segment", "column", "expected"), UNIT_COSTS)
def test_service_unit_costs(two, county, start, service, segment, column, expected):
    (actual,) = unit_costs(two, county, "month", start, service, segment, cols=column)
    assert close(actual, expected), (column, actual, expected)


def test_year_unit_costs(two):
    # 08 year 2025 = Jan + Feb: 23000 + 11000; clients of the year PA1..PA6 = 6; YoY vs 2024 (18000)
    alloc, clients, change = unit_costs(
        two, "08", "year", "2025-01-01", None, cols="allocated_cost_eur, clients, allocated_cost_eur_change"
    )
    assert (alloc, clients) == (34000.0, 6)
    assert close(change, 34000 - 18000.0)


def test_change_from_a_previous_period_with_zero_cost(two):
    # Jan 2025 23000 - Dec 2024 0 = 23000; clients 6 - 0 = 6
    change, clients_change = unit_costs(two, "08", "month", J25, None, cols="allocated_cost_eur_change, clients_change")
    assert close(change, 23000.0) and clients_change == 6


def test_all_services_cost_per_visit_uses_visit_services_only(two):
    # the euros of the services whose outputs are visits (PTH 13333.33) over their 7 visits
    (actual,) = unit_costs(two, "08", "month", J25, None, cols="cost_per_visit_eur")
    assert close(actual, PTH_A_J25 / 7), actual


# ---------------------------------------------------------------- productivity

PRODUCTIVITY = [
    # outputs per worked HTV of the producing cost centre (CC_A_PTH: E1 100 %)
    # Jan 2025: 7 / ((31 - 2 sick days) / 365). The HR data cover January 2025 only (derived
    # coverage: E1's employment reaching back does not stretch it), so Jan 2024 has no HTV and no
    # ratio (not delivered), and no year-on-year change of it
    ("08", J24, "PTH_VASTAANOTTO", "outputs_per_htv_worked", None),
    ("08", J25, "PTH_VASTAANOTTO", "outputs_per_htv_worked", 7 / (29 / 365)),
    ("08", J25, "PTH_VASTAANOTTO", "cost_per_output_eur", PTH_A_J25 / 7),
    ("08", J25, "PTH_VASTAANOTTO", "outputs_change_yoy", 7 - 4),
    ("08", J25, "PTH_VASTAANOTTO", "outputs_growth_yoy_pct", 75.0),
    ("08", J25, "PTH_VASTAANOTTO", "cost_per_output_eur_change_yoy", PTH_A_J25 / 7 - PTH_A_J24 / 4),
    ("08", J25, "PTH_VASTAANOTTO", "outputs_per_htv_worked_growth_yoy_pct", None),
    ("08", F25, "PTH_VASTAANOTTO", "outputs_change", 1 - 7),
    ("08", J25, "IAK_TEHOSTETTU", "cost_per_output_eur", TEH_A / 31),
    # E2 50 %: 31 x 0.5 / 365 worked HTV -> 31 service days / 0.042466
    ("08", J25, "IAK_TEHOSTETTU", "outputs_per_htv_worked", 31 / (15.5 / 365)),
    # the ward cost centre has no staff: no worked HTV -> NULL
    ("08", J25, "PTH_VUODEOSASTO", "outputs_per_htv_worked", None),
    # 07: E3 + E5 = 62 days / 365
    ("07", J25, "PTH_VASTAANOTTO", "outputs_per_htv_worked", 3 / (62 / 365)),
]


@pytest.mark.parametrize(("county", "start", "service", "column", "expected"), PRODUCTIVITY)
def test_service_productivity(two, county, start, service, column, expected):
    (actual,) = row(
        two,
        f"select {column} from marts.service_productivity where county_code = ? and period_grain = 'month' "
        "and period_start = cast(? as date) and service_code = ?",
        [county, start, service],
    )
    assert close(actual, expected), (column, actual, expected)


# ---------------------------------------------------------------- availability

AVAILABILITY = [
    # 08 Jan 2025 pc assessment: C1 Mon 13.1. -> Fri 17.1. = 4 business days (over 3), C2 14.1. -> 15.1. = 1
    ("08", J25, "pc_assessment", "PTH_VASTAANOTTO", "waits", 2),
    ("08", J25, "pc_assessment", "PTH_VASTAANOTTO", "mean_wait", 2.5),
    ("08", J25, "pc_assessment", "PTH_VASTAANOTTO", "median_wait", 2.5),
    ("08", J25, "pc_assessment", "PTH_VASTAANOTTO", "waits_over_limit", 1),
    ("08", J25, "pc_assessment", "PTH_VASTAANOTTO", "share_over_limit_pct", 50.0),
    # over the limit per 1,000 clients of the service: 1 / 6 PTH clients x 1000
    ("08", J25, "pc_assessment", "PTH_VASTAANOTTO", "over_limit_per_1000_clients", 1000 / 6),
    # YoY: Jan 2024 had no waits (0) -> +2
    ("08", J25, "pc_assessment", "PTH_VASTAANOTTO", "waits_change_yoy", 2),
    # C1 treatment 17.1. -> 10.2. = 24 days (PA1 39: 3 months from 2025)
    ("08", F25, "pc_treatment", "PTH_VASTAANOTTO", "mean_wait", 24.0),
    ("08", F25, "pc_treatment", "PTH_VASTAANOTTO", "waits_over_limit", 0),
    # S1 PA4 (84): Mon 2.12. -> Thu 12.12. = 7 business days (6.12. holiday): not over
    ("08", D24, "social_assessment_start", "IAK_TEHOSTETTU", "mean_wait", 7.0),
    ("08", D24, "social_assessment_start", "IAK_TEHOSTETTU", "waits_over_limit", 0),
    # pending 2.12.2024 -> service 1.1.2025 = 30 days; decision 20.12. -> 1.1. = 12 days
    ("08", J25, "social_implementation", "IAK_TEHOSTETTU", "mean_wait", 30.0),
    ("08", J25, "elderly_service_after_decision", "IAK_TEHOSTETTU", "mean_wait", 12.0),
    # 07: C3 1 business day; R1 2.1. -> 27.1. = 25 days (> 21, over); 2.1. -> 28.1. = 26; 28.1. -> 30.1. = 2
    ("07", J25, "pc_assessment", "PTH_VASTAANOTTO", "mean_wait", 1.0),
    ("07", J25, "pc_treatment", "PTH_VASTAANOTTO", "mean_wait", 16.0),
    ("07", J25, "sc_handling", "PTH_VASTAANOTTO", "waits_over_limit", 1),
    ("07", J25, "sc_handling", "PTH_VASTAANOTTO", "mean_wait", 25.0),
    ("07", J25, "sc_assessment", "PTH_VASTAANOTTO", "mean_wait", 26.0),
    ("07", J25, "sc_treatment", "PTH_VASTAANOTTO", "mean_wait", 2.0),
]


@pytest.mark.parametrize(("county", "start", "rule", "service", "column", "expected"), AVAILABILITY)
def test_availability_by_service(two, county, start, rule, service, column, expected):
    (actual,) = row(
        two,
        f"select {column} from marts.availability_waits_by_service where county_code = ? "
        "and period_grain = 'month' and period_start = cast(? as date) and rule = ? and service_code = ?",
        [county, start, rule, service],
    )
    assert close(actual, expected), (column, actual, expected)


CLIENT_GROUP = [
    # pc assessment 08 Jan 2025 (PA1 39, PA5 54: both 23-64, female, home 837)
    ("age_group", "23-64", "waits", 2),
    ("age_group", "23-64", "service_clients", 3),  # PTH clients aged 23-64: PA1, PA5, PA6
    ("age_group", "23-64", "over_limit_per_1000_clients", 1000 / 3),
    ("home_municipality", "837", "service_clients", 4),  # PA1, PA2, PA5, PA6
    ("home_municipality", "837", "over_limit_per_1000_clients", 1000 / 4),
    ("sex", "2", "service_clients", 3),  # PA1, PA3, PA5
]


@pytest.mark.parametrize(("breakdown", "value", "column", "expected"), CLIENT_GROUP)
def test_availability_by_client_group(two, breakdown, value, column, expected):
    (actual,) = row(
        two,
        f"select {column} from marts.availability_waits_by_client_group where county_code = '08' "
        "and period_grain = 'month' and period_start = cast(? as date) and rule = 'pc_assessment' "
        "and service_code = 'PTH_VASTAANOTTO' and breakdown = ? and breakdown_value = ?",
        [J25, breakdown, value],
    )
    assert close(actual, expected), (column, actual, expected)


# ---------------------------------------------------------------- quality, coordination, equity, need


def test_readmissions(two):
    # Jan 2025 discharges EP1 (5.1.; PA2 back 20.1.), EP3 (12.1.), EP2 (22.1.) -> 1 of 3
    discharges, readmissions, pct = row(
        two,
        "select discharges, readmissions, readmission_pct from marts.readmissions_30d where county_code = '08' "
        "and period_grain = 'month' and period_start = cast(? as date) and service_code is null",
        [J25],
    )
    assert (discharges, readmissions) == (3, 1)
    assert close(pct, 100 / 3)


HEAVY = [
    # 08 Jan 2025: 6 clients -> ceil(0.6) = 1; costliest PA4: TEH 6666.67 + 1 PTH visit 13333.33 / 7
    ("08", J25, 6, 1, (TEH_A + PTH_A_J25 / 7) / 23000 * 100),
    # 08 Jan 2024: 4 clients -> 1; PA4 TEH 6666.67 of 18000
    ("08", J24, 4, 1, TEH_A / 18000 * 100),
    # 07 Jan 2025: PB2 2 visits of 3 -> 6666.67 / 10000
    ("07", J25, 2, 1, 200 / 3),
]


@pytest.mark.parametrize(("county", "start", "clients", "top", "share"), HEAVY)
def test_heavy_users(two, county, start, clients, top, share):
    c, t, s = row(
        two,
        "select clients, top_clients, top10_cost_share_pct from marts.heavy_users where county_code = ? "
        "and period_grain = 'month' and period_start = cast(? as date)",
        [county, start],
    )
    assert (c, t) == (clients, top)
    assert close(s, share)


def test_coordination(two):
    # Jan 2025: PA4 has TEH (social) days and a PTH visit (health) -> 1 of 6 clients; nobody has 3 services
    c, hs, pct, three = row(
        two,
        "select clients, clients_health_and_social, health_and_social_pct, clients_3plus_services "
        "from marts.client_service_coordination where county_code = '08' and period_grain = 'month' "
        "and period_start = cast(? as date)",
        [J25],
    )
    assert (c, hs, three) == (6, 1, 0)
    assert close(pct, 100 / 6)


def test_coordination_change_from_zero(two):
    (change,) = row(
        two,
        "select clients_health_and_social_change from marts.client_service_coordination where county_code = '08' "
        "and period_grain = 'month' and period_start = cast(? as date)",
        [J25],
    )
    assert change == 1


EQUITY = [
    # clients per 1,000 residents by home municipality, all services
    # Jan 2025: 837 PA1 PA2 PA5 PA6 = 4 / 500; 536 PA3 PA4 = 2 / 200 -> 10 / 8
    (J25, "clients_per_1000", "536", 10.0, "837", 8.0, 1.25),
    # Jan 2024: 837 PA1 PA2 = 2 / 600; 536 PA3 (visit) PA4 (service days) = 2 / 200
    (J24, "clients_per_1000", "536", 10.0, "837", 2 / 600 * 1000, 3.0),
    # outputs: 536 1 visit + 31 service days = 32 / 200; 837 3 visits / 600
    (J24, "outputs_per_1000", "536", 160.0, "837", 5.0, 32.0),
]


@pytest.mark.parametrize(("start", "measure", "hi", "hi_v", "lo", "lo_v", "ratio"), EQUITY)
def test_municipality_disparity(two, start, measure, hi, hi_v, lo, lo_v, ratio):
    a = row(
        two,
        "select highest_municipality_code, highest_value, lowest_municipality_code, lowest_value, "
        "ratio_highest_to_lowest from marts.municipality_use_disparity where county_code = '08' "
        "and period_grain = 'month' and period_start = cast(? as date) and measure = ?",
        [start, measure],
    )
    assert (a[0], a[2]) == (hi, lo)
    assert close(a[1], hi_v) and close(a[3], lo_v) and close(a[4], ratio)


def test_personnel_per_county(two):
    # 07 Jan 2025: E3 + E5 (resigns, last day 31.1.) = 62 / 365 paid HTV; turnover 1 / ((2 + 2) / 2) x 100
    htv, leavers, turnover = row(
        two,
        "select htv_paid, permanent_leavers, turnover_permanent_pct from marts.personnel_by_organisation "
        "where county_code = '07' and period_grain = 'month' and period_start = cast(? as date) "
        "and cost_center = 'CC_B_PTH'",
        [J25],
    )
    assert close(htv, 62 / 365) and leavers == 1 and close(turnover, 50.0)
    # 08 CC_A_PTH Jan 2025 YoY of paid HTV: none, Jan 2024 is outside the HR data's coverage
    # (January 2025 only); Jan 2025 itself 31 / 365
    (yoy,) = row(
        two,
        "select htv_paid_change_yoy from marts.personnel_by_organisation where county_code = '08' "
        "and period_grain = 'month' and period_start = cast(? as date) and cost_center = 'CC_A_PTH'",
        [J25],
    )
    assert yoy is None
    (htv_2024, status_2024) = row(
        two,
        "select htv_paid, value_status from marts.personnel_by_organisation where county_code = '08' "
        "and period_grain = 'month' and period_start = cast(? as date) and cost_center = 'CC_A_PTH'",
        [J24],
    )
    assert (htv_2024, status_2024) == (None, "not_delivered")


# ---------------------------------------------------------------- county comparison

COMPARISON = [
    # per year: value, rank (1 = highest), counties compared, median, difference to median
    # dependency ratio 2024 (31.12.2024): 07 (100 + 40) / 260; 08 (80 + 100 + 40) / (320 + 160)
    ("dependency_ratio", 2024, "07", 140 / 260, 1, 2, (140 / 260 + 220 / 480) / 2),
    ("dependency_ratio", 2024, "08", 220 / 480, 2, 2, (140 / 260 + 220 / 480) / 2),
    # cost per resident 2025: 08 34000 / 700, 07 10000 / 400
    ("cost_per_resident_eur", 2025, "08", 34000 / 700, 1, 2, (34000 / 700 + 25) / 2),
    ("cost_per_resident_eur", 2025, "07", 25.0, 2, 2, (34000 / 700 + 25) / 2),
    # a year uses its own 31.12.: 2024 08 18000 / 700
    ("cost_per_resident_eur", 2024, "08", 18000 / 700, 1, 2, (18000 / 700 + 9000 / 400) / 2),
    ("operating_cost_eur", 2025, "08", 34000.0, 1, 2, 22000.0),
    ("net_cost_eur", 2025, "08", 33500.0, 1, 2, (33500 + 10000) / 2),
    # paid HTV 2025: coverage — the HR data (derived) cover January 2025 only, so 2025 is partial and
    # sums its covered month (was every day of the year, the ongoing employments to 31.12.: 912.5 and
    # 396 HTV-days): 08 E1 31 + E2 31 x 50 % + E4 31 = 77.5; 07 E3 31 + E5 31 = 62
    ("htv_paid", 2025, "08", 77.5 / 365, 1, 2, (77.5 + 62) / 365 / 2),
    ("htv_paid", 2025, "07", 62 / 365, 2, 2, (77.5 + 62) / 365 / 2),
]


@pytest.mark.parametrize(("measure", "year", "county", "value", "rank", "n", "median"), COMPARISON)
def test_county_comparison(two, measure, year, county, value, rank, n, median):
    v, r, cnt, med, diff = row(
        two,
        "select value, value_rank, counties_compared, median_value, difference_to_median "
        "from public.key_figures_county_comparison where measure_code = ? and stat_year = ? and county_code = ?",
        [measure, year, county],
    )
    assert close(v, value) and (r, cnt) == (rank, n) and close(med, median) and close(diff, value - median)


def test_reporting_months_per_county(two):
    # 08: Jan 2024 .. Feb 2025 (14 months); 07: Jan 2024 .. Jan 2025 (13); coverage: the population's
    # year-end 31.12.2023 covers December 2023, one month more each
    got = dict(
        two.query(
            "select county_code, count(distinct period_start) from marts.key_figures "
            "where period_grain = 'month' group by 1"
        )
    )
    assert got == {"07": 14, "08": 15}


# ---------------------------------------------------------------- publishable marts

PUBLIC = [
    # (county, measure, month, value shown or None, is_suppressed)
    ("08", "clients", J25, 6.0, False),  # >= 5 shown
    ("08", "cost_per_client_eur", J25, 23000 / 6, False),
    ("07", "clients", J25, None, True),  # 2 persons
    ("07", "cost_per_client_eur", J25, None, True),  # computed from them
    ("07", "clients_per_1000", J25, None, True),
    ("07", "clients", "2024-06-01", 0.0, False),  # 0 shown
    ("08", "clients", F25, None, True),  # 1 person
    ("08", "clients_health_and_social", J25, None, True),  # 1
    ("08", "readmissions_30d_pct", J25, None, True),  # 1 readmitted person
    ("08", "pc_assessment_waits", J25, None, True),  # 2 waits
    ("08", "pc_assessment_mean_bdays", J25, None, True),
    ("08", "allocated_cost_eur", J25, 23000.0, False),  # not a count of persons
]


@pytest.mark.parametrize(("county", "measure", "start", "value", "suppressed"), PUBLIC)
def test_key_figures_public(two, county, measure, start, value, suppressed):
    v, s = row(
        two,
        "select value, is_suppressed from public.key_figures_public where county_code = ? and measure_code = ? "
        "and period_grain = 'month' and period_start = cast(? as date) and service_code is null "
        "and segment is null and production_mode is null and municipality_code is null",
        [county, measure, start],
    )
    assert close(v, value) and s == suppressed


def test_service_unit_costs_public_small_counts(two):
    # 07 Jan 2025 PTH: 2 clients -> clients and cost per client hidden, flag set; euros (not persons) shown
    clients, cpc, alloc, flag = unit_costs(
        two,
        "07",
        "month",
        J25,
        "PTH_VASTAANOTTO",
        table="service_unit_costs_public",
        cols="clients, cost_per_client_eur, allocated_cost_eur, is_suppressed",
    )
    assert (clients, cpc, flag) == (None, None, True) and close(alloc, PTH_B_J25)
    # 08 Jan 2025 PTH: 6 clients shown
    clients, cpc = unit_costs(
        two,
        "08",
        "month",
        J25,
        "PTH_VASTAANOTTO",
        table="service_unit_costs_public",
        cols="clients, cost_per_client_eur",
    )
    assert clients == 6 and close(cpc, PTH_A_J25 / 6)


def test_service_unit_costs_public_total_row_days(two):
    care_days, service_days = unit_costs(
        two, "08", "month", J25, None, table="service_unit_costs_public", cols="care_days, service_days"
    )
    assert (care_days, service_days) == (None, None)


def test_no_hetu_or_free_text_in_marts(two):
    tables = [
        t
        for (t,) in two.query(
            "select table_name from information_schema.tables where table_schema in ('marts', 'public')"
        )
    ]
    free_text = ["Palkat", "Ostopalvelu", "Asiakasmaksut", "Tarvikkeet", "sairaanhoitaja", "lääkäri"]
    for table in tables:
        for r in two.query(f"select * from {rel(table)}"):
            text = " ".join(str(v) for v in r)
            assert not HETU.search(text), (table, text)
            assert not any(h in text for h in HETUS), (table, text)
            assert not any(f in text for f in free_text), (table, text)
