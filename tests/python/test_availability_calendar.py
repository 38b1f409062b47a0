"""Availability rules, business days and holidays, ISO-week staffing, leap-year
person-years and care days (tests/landing/availability_calendar, one county, hand-made).

Every expected number was worked out by hand from ../shared/spec/minimum-data.md and
landing-contract.md before the models were read. Models were read only to explain a
disagreement.

County 08 (837 Tampere, 536 Nokia, 604 Pirkkala). GL postings in 2024-01 and 2025-07; the
earliest client event is the service period SP3 of 27.3.2023, so the periods run
2023-03 .. 2025-07. Persons (hetu in the files):
A F 10.4.1985, B M 3.3.1950 (75 on 3.3.2025), C F 15.1.2002 (23 on 15.1.2025), D M 5.5.2010,
E F 6.6.1940, F M 9.9.1999, G F 20.2.2005, H M 11.11.1935, I F 12.12.1960, J M 6.6.1930,
K F 1.12.2012.

Holidays that matter: Good Friday 29.3. / Easter Monday 1.4.2024, May Day Wed 1.5.2024,
Ascension 9.5.2024, Midsummer Eve 21.6.2024, Independence Day Fri 6.12.2024, 24.-26.12.2024,
1.1.2025, Epiphany Mon 6.1.2025, 18.4. / 21.4.2025, May Day Thu 1.5.2025, Ascension 29.5.2025,
Midsummer Eve 20.6.2025.

patient/contacts: PA*, PB*, PC*, PD*, PE*, PF*, PG* test business days (day of contact = day
0); T* (PTH_VASTAANOTTO) and O* (SUUN_TH) test the care-guarantee limits in force on the
assessment day (contact and assessment the same day: 0 business days each).
patient/referrals: R1..R12 (R8, R9 child psychiatry 75, R12 specialty 74 but 23 years old;
R6, R7, R11 cancelled). social/cases: S1..S9 (S2 B still 74 on the pending day, S8 urgent,
S9 denied). social/service_periods at the 24-hour unit U_TEH: SP1 H 16.12.2024-13.1.2025,
SP2 J 27.12.2024-3.1.2025, SP3 E 27.3.-10.4.2023. Ward U_OS: EP1 A 30.1.-3.2.2025,
EP4 A 2.2.-5.2.2025 (overlaps EP1 on 2.2.), EP3 F 10.3.2025 same-day, EP2 J 28.7.2025 open.
HR: E1 CC_PTH permanent 100 % from 1.1.2024 (unpaid 28.2.-1.3.2024, sick 30.12.2024-2.1.2025),
E2 CC_OS fixed-term 80 % 15.11.2024-10.2.2025, ET1 CC_TEH permanent 100 % (all work hours).
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import FIXTURES, build_folder, close, rel, row

FOLDER = FIXTURES / "availability_calendar"


@pytest.fixture(scope="module")
def b(tmp_path_factory):
    return build_folder(tmp_path_factory, FOLDER, "availability_calendar")


@pytest.fixture(scope="module")
def figures(b):
    """Every whole-county key-figure row (segment, mode, municipality NULL) of both tables, read once."""
    out = {}
    for table in ("key_figures", "key_figures_public"):
        for measure, grain, period, service, value, suppressed in b.query(
            "select measure_code, period_grain, cast(period_start as varchar), service_code, value, is_suppressed "
            f"from {rel(table)} where county_code = '08' and segment is null and production_mode is null "
            "and municipality_code is null"
        ):
            key = (table, measure, grain, period, service)
            assert key not in out, key
            out[key] = (value, suppressed)
    return out


@pytest.fixture(scope="module")
def waits(b):
    """availability_waits_by_service, read once: (rule, grain, period, service) -> (waits, left queue,
    mean, over limit, open, open over limit)."""
    return {
        tuple(r[:4]): tuple(r[4:])
        for r in b.query(
            "select rule, period_grain, cast(period_start as varchar), service_code, waits, waits_left_queue, "
            "mean_wait, waits_over_limit, open_waits, open_over_limit from marts.availability_waits_by_service "
            "where county_code = '08'"
        )
    }


@pytest.fixture(scope="module")
def calendar(b):
    """The generated calendar's business-day flag of 2023-2025, read once."""
    return dict(
        b.query(
            "select cast(calendar_date as varchar), is_business_day from intermediate.int_calendar_days_generated "
            "where calendar_date between '2023-01-01' and '2025-12-31'"
        )
    )


def kf(figures, measure, grain, period, service=None, table="key_figures"):
    """(value, is_suppressed) of one whole-county key-figure row."""
    return figures[(table, measure, grain, period, service)]


def mart(waits, rule, period, service=None, grain="month"):
    return waits[(rule, grain, period, service)]


# ------------------------------------------------- periods and calendar


def test_reporting_range(b):
    # coverage (derived): SP3 (a service period opened 27.3.2023, before the county's other data) no
    # longer widens the periods (was 2023-03 .. 2025-07, 29 months, with SP3's care days of March and
    # April 2023); the earliest patient activity is in August 2023; latest: GL 2025-07 and EP2 / PA3 /
    # R1 in July 2025
    assert row(
        b,
        "select min(period_start), max(period_start), count(distinct period_start) from marts.key_figures "
        "where period_grain = 'month'",
    ) == (date(2023, 8, 1), date(2025, 7, 1), 24)


@pytest.mark.parametrize(
    "day, business",
    [
        ("2024-03-29", False),  # Good Friday 2024
        ("2024-04-01", False),  # Easter Monday 2024
        ("2024-05-09", False),  # Ascension 2024
        ("2024-06-21", False),  # Midsummer Eve 2024
        ("2024-12-06", False),  # Independence Day
        ("2024-12-24", False),  # Christmas Eve
        ("2024-12-27", True),
        ("2024-12-31", True),  # New Year's Eve is a working day
        ("2025-01-06", False),  # Epiphany
        ("2025-04-18", False),
        ("2025-04-21", False),
        ("2025-04-30", True),  # May Day Eve is a working day
        ("2025-05-01", False),
        ("2025-05-29", False),  # Ascension 2025
        ("2025-06-20", False),  # Midsummer Eve 2025
        ("2025-06-19", True),
    ],
)
def test_business_days(calendar, day, business):
    assert calendar[day] is business


# ------------------------------------------------- primary care assessment (3 business days)

# (grain, period, service, waits, over, mean business days); None service = all services
PC_ASSESSMENT = [
    # PA1 Sat 5.10 -> Wed 9.10 = 3 (met), PA2 Sat 12.10 -> Thu 17.10 = 4 (over)
    ("month", "2024-10-01", "PTH_VASTAANOTTO", 2, 1, 3.5),
    # + O1 (SUUN_TH, 0): (3 + 4 + 0) / 3
    ("month", "2024-10-01", None, 3, 1, 7 / 3),
    ("month", "2024-11-01", None, 2, 0, 0.0),  # O2, O3 same day
    # PB1 2 (6.12.), PB2 3 (6.12.), PB3 3 (24.-26.12.), PB4 3, PB5 4 (over), T1 0
    ("month", "2024-12-01", None, 6, 1, 15 / 6),
    # PC1 4 (1.1., over), PC2 2, PC3 3 (6.1.), PC4 4 (over), T2..T6 0 -> 13 / 9
    ("month", "2025-01-01", "PTH_VASTAANOTTO", 9, 2, 13 / 9),
    ("month", "2025-01-01", None, 11, 2, 13 / 11),  # + O4, O5
    ("month", "2025-02-01", None, 2, 0, 0.0),  # T7, T8
    ("month", "2025-03-01", None, 0, 0, None),  # nothing to average: NULL
    ("month", "2025-04-01", None, 3, 1, 3.0),  # PD1 2, PD2 3, PD3 4 (Easter 2025)
    ("month", "2025-05-01", None, 3, 1, 3.0),  # PE1 2 (1.5.), PE2 3 (29.5.), PE3 4
    ("month", "2025-06-01", None, 2, 1, 3.5),  # PF1 3 (20.6.), PF2 4
    ("month", "2024-04-01", None, 2, 1, 3.5),  # PG1 3 (Easter 2024), PG2 4
    ("month", "2024-05-01", None, 2, 0, 3.0),  # PG3 3 (1.5.2024), PG4 3 (9.5.2024)
    ("month", "2024-06-01", None, 1, 0, 3.0),  # PG5 3 (21.6.2024)
    ("month", "2024-01-01", None, 0, 0, None),
    ("quarter", "2024-10-01", None, 11, 2, 22 / 11),
    ("quarter", "2025-01-01", None, 13, 2, 13 / 13),
    ("quarter", "2025-04-01", None, 8, 3, 25 / 8),
    ("quarter", "2024-04-01", None, 5, 1, 16 / 5),
    ("year", "2023-01-01", None, 5, 0, 0.0),  # T9, T10, O6, O7, O8
    ("year", "2024-01-01", None, 16, 3, 38 / 16),
    ("year", "2024-01-01", "PTH_VASTAANOTTO", 13, 3, 38 / 13),
]


@pytest.mark.parametrize("grain, period, service, n_waits, over, mean", PC_ASSESSMENT)
def test_pc_assessment(figures, grain, period, service, n_waits, over, mean):
    assert kf(figures, "pc_assessment_waits", grain, period, service)[0] == n_waits
    assert kf(figures, "pc_assessment_over_limit", grain, period, service)[0] == over
    assert close(kf(figures, "pc_assessment_mean_bdays", grain, period, service)[0], mean)


def test_pc_assessment_saturday_after_deadline(figures):
    # PA3 Tue 1.7.2025 -> Sat 5.7.2025: the 3rd business day is Fri 4.7., assessed after it -> over
    # (its business-day count is 3; the mean of such a wait is not asserted: the spec is silent)
    assert kf(figures, "pc_assessment_waits", "month", "2025-07-01")[0] == 1
    assert kf(figures, "pc_assessment_over_limit", "month", "2025-07-01")[0] == 1
    assert kf(figures, "pc_assessment_over_limit", "year", "2025-01-01")[0] == 6  # 2 + 3 + 1


def test_pc_assessment_open_at_month_end(b, waits):
    # 31.12.2024: PC1 (contact Fri 27.12.) waited Mon 30., Tue 31. = 2 business days, PC2 (31.12.) 0
    assert mart(waits, "pc_assessment", "2024-12-01")[4:] == (2, 0)
    (mean,) = row(
        b,
        "select open_mean_wait from marts.availability_waits_by_service where rule = 'pc_assessment' "
        "and period_grain = 'month' and period_start = '2024-12-01' and service_code is null",
    )
    assert close(mean, 1.0)


# ------------------------------------------------- care guarantee, limit in force on the start day

# (grain, period, service, over limit, mean calendar days), by the month the treatment happened
PC_TREATMENT = [
    # T1 31.12.2024 (14 d) 15 d over; T2 1.1.2025 adult (3 months) 15 d met;
    # T3 C 22 on 14.1. (14 d) 15 d over; T4 C 23 on 15.1. (3 months) 15 d met
    ("month", "2025-01-01", None, 2, 15.0),
    # T7 14 d exactly met, T8 15 d over
    ("month", "2025-02-01", "PTH_VASTAANOTTO", 1, 14.5),
    # O1 31.10.2024 (4 months -> 28.2.2025) 120 d met; O2 1.11.2024 (3 months -> 1.2.) 94 d over
    ("month", "2025-02-01", "SUUN_TH", 1, 107.0),
    ("month", "2025-02-01", None, 2, (14 + 15 + 120 + 94) / 4),
    ("month", "2025-03-01", None, 1, 91.0),  # O3 30.11.2024 + 3 months = 28.2.; 1.3. over
    # T5 31.1. + 3 months = 30.4. met (89 d); O5 D 14 (3 months -> 10.4.) 11.4. over (91 d)
    ("month", "2025-04-01", "PTH_VASTAANOTTO", 0, 89.0),
    ("month", "2025-04-01", None, 1, 90.0),
    ("month", "2025-05-01", None, 1, 90.0),  # T6 1.5. over (90 d)
    ("month", "2025-07-01", None, 0, 181.0),  # O4 A 39 (6 months -> 10.7.) met
    ("month", "2024-12-01", None, 0, None),
    # rule change 1.9.2023: T10 1.9.2023 (14 d) 15 d over; T9 31.8.2023 (3 months) 45 d met
    ("month", "2023-09-01", None, 1, 15.0),
    ("month", "2023-10-01", None, 0, 45.0),
    # O8 1.9.2023 (4 months -> 1.1.2024) 2.1. over; O6 31.8.2023 (6 months -> 29.2.2024) met; O7 1.3. over
    ("month", "2024-01-01", None, 1, 123.0),
    ("month", "2024-02-01", None, 0, 182.0),
    ("month", "2024-03-01", None, 1, 183.0),
    ("quarter", "2025-01-01", None, 5, (60 + 243 + 91) / 9),
    ("quarter", "2025-04-01", None, 2, (89 + 91 + 90) / 3),
    ("year", "2023-01-01", None, 1, (15 + 45) / 2),
    ("year", "2024-01-01", None, 2, (123 + 182 + 183) / 3),
    ("year", "2025-01-01", None, 7, (394 + 270 + 181) / 13),
]


@pytest.mark.parametrize("grain, period, service, over, mean", PC_TREATMENT)
def test_pc_treatment(figures, grain, period, service, over, mean):
    assert kf(figures, "pc_treatment_over_limit", grain, period, service)[0] == over
    assert close(kf(figures, "pc_treatment_mean_days", grain, period, service)[0], mean)


def test_pc_treatment_age_on_start_day(b):
    # T3 (C, 22 on 14.1.2025) is 18-22 and over; T4 (C, 23 on her birthday) is 23-64 and met
    got = dict(
        b.query(
            "select breakdown_value, waits_over_limit from marts.availability_waits_by_client_group "
            "where rule = 'pc_treatment' and period_grain = 'month' and period_start = '2025-01-01' "
            "and service_code is null and breakdown = 'age_group' and waits > 0"
        )
    )
    assert got == {"18-22": 1, "23-64": 1}  # 23-64: T1 over (2024 rule), T2, T4 met


def test_oral_open_waits(waits):
    # 28.2.2025: O3 (limit 28.2.) open exactly at its limit -> not over; O4, O5 open too
    assert mart(waits, "oral_treatment", "2025-02-01")[4:] == (3, 0)


# ------------------------------------------------- specialised care


@pytest.mark.parametrize(
    "measure, grain, period, value",
    [
        # R1 2.1. -> 23.1. = 21 d met; R2 -> 24.1. = 22 over; R10 20.12.2024 -> 15.1.2025 = 26 over
        ("sc_handling_over_limit", "month", "2025-01-01", 2),
        ("sc_handling_over_limit", "month", "2024-10-01", 0),  # R3..R7 9-14 d
        ("sc_handling_over_limit", "month", "2025-03-01", 0),  # R11 cancelled before handling
        ("sc_handling_over_limit", "year", "2025-01-01", 2),
        # R3 31.10.2024 + 6 months = 30.4.2025 (clamp) treated 30.4. met; R4 1.5. over
        ("sc_treatment_over_limit", "month", "2025-04-01", 0),
        ("sc_treatment_over_limit", "month", "2025-05-01", 1),
        # R8 (child psychiatry) 105 d: over its 3 months but not "more than 6 months" (key-figure text)
        ("sc_treatment_over_limit", "month", "2025-06-01", 0),
        ("sc_treatment_over_limit", "month", "2025-07-01", 0),  # R1 27.1. -> 27.7. exactly met
        ("sc_treatment_over_limit", "year", "2025-01-01", 1),
        # open > 6 months at the last day: R5, R7 (completed 20.10.2024, 6 months = 20.4.) at 30.4.;
        # R4 exactly 6 months at 30.4. is not more; R6 cancelled 15.3.
        ("sc_open_over_6m", "month", "2025-03-01", 0),
        ("sc_open_over_6m", "month", "2025-04-01", 2),
        ("sc_open_over_6m", "month", "2025-05-01", 1),  # R7 cancelled 15.5.
        ("sc_open_over_6m", "month", "2025-07-01", 1),  # R2 completed 31.1. exactly 6 months at 31.7.
        ("sc_open_over_6m", "quarter", "2025-04-01", 1),  # at 30.6.
        ("sc_open_over_6m", "quarter", "2025-01-01", 0),  # at 31.3.
        ("sc_open_over_6m", "year", "2024-01-01", 0),
    ],
)
def test_specialised_care(figures, measure, grain, period, value):
    assert kf(figures, measure, grain, period)[0] == value


def test_specialised_care_queue_and_cancellations(waits):
    # 30.4.2025: open R1, R2, R4, R5, R7 (R6 cancelled 15.3.), over R5 and R7
    assert mart(waits, "sc_treatment", "2025-04-01", "ESH_SOMAATTINEN_AVO")[4:] == (5, 2)
    # May: R4 182 d over; R7 left the queue (cancelled), counts neither way
    w = mart(waits, "sc_treatment", "2025-05-01", "ESH_SOMAATTINEN_AVO")
    assert (w[0], w[1], w[3]) == (1, 1, 1)
    assert mart(waits, "sc_treatment", "2025-03-01", "ESH_SOMAATTINEN_AVO")[1] == 1  # R6
    # R11 (received 1.2., never handled) open over 21 d at 28.2., cancelled 10.3.
    assert mart(waits, "sc_handling", "2025-02-01")[4:] == (1, 1)
    assert mart(waits, "sc_handling", "2025-03-01")[:2] == (0, 1)


def test_child_psychiatry(waits):
    # assessment done in 6 weeks (42 d): R8 41 d met, R9 43 d over
    w = mart(waits, "sc_assessment", "2025-02-01", "ESH_PSYK_NUORET")
    assert (w[0], w[3]) == (2, 1)
    assert close(w[2], 42.0)
    # R12 specialty 74 but 23 years old: general 3 months, 44 d met
    w = mart(waits, "sc_assessment", "2025-03-01", "ESH_PSYK_NUORET")
    assert (w[0], w[3]) == (1, 0)
    # treatment in 3 months: R9 19.2. -> 19.5. exactly met; R8 17.2. -> 2.6. over; R12 97 d (6 months) met
    w = mart(waits, "sc_treatment", "2025-05-01", "ESH_PSYK_NUORET")
    assert (w[0], w[3]) == (1, 0)
    w = mart(waits, "sc_treatment", "2025-06-01", "ESH_PSYK_NUORET")
    assert (w[0], w[3]) == (2, 1)


# ------------------------------------------------- social care


@pytest.mark.parametrize(
    "measure, grain, period, service, value",
    [
        # S5 K child welfare Thu 2.1. -> Wed 15.1.: 8 business days (6.1.) over
        ("social_assessment_over_limit", "month", "2025-01-01", "LS_AVOHUOLTO", 1),
        # S4 E 84 18.12.2024 -> 2.1.2025: 7 (24.-26.12., 1.1.) met; S9 H 1 met
        ("social_assessment_over_limit", "month", "2025-01-01", None, 1),
        # S1 B 75 on the pending day 3.3.: 8 over; S2 B 74 on 28.2.: rule does not apply
        ("social_assessment_over_limit", "month", "2025-03-01", "IAK_KOTIHOITO", 1),
        ("social_assessment_over_limit", "month", "2025-03-01", None, 1),
        ("social_assessment_over_limit", "month", "2025-02-01", None, 0),  # S6 F 25: no rule
        ("social_assessment_over_limit", "month", "2025-04-01", None, 0),  # S3 highest allowance 7 (Easter)
        ("social_assessment_over_limit", "year", "2025-01-01", None, 2),
        # S7 30.11.2024 + 3 months = 28.2. met; S8 urgent not counted
        ("social_implementation_over_limit", "month", "2025-02-01", None, 0),
        ("social_implementation_over_limit", "month", "2025-03-01", "IAK_TEHOSTETTU", 1),  # S4 19.3. > 18.3.
        # S5 7.4. > 2.4. (LS_AVOHUOLTO), S6 3.4. > 2.4. (TYOIKAISET_SOSTYO)
        ("social_implementation_over_limit", "month", "2025-04-01", None, 2),
        ("social_implementation_over_limit", "month", "2025-04-01", "TYOIKAISET_SOSTYO", 1),
        ("social_implementation_over_limit", "month", "2025-05-01", None, 0),  # S2 28.5. exactly
        ("social_implementation_over_limit", "month", "2025-06-01", None, 0),  # S1 3.6. exactly
        ("social_implementation_over_limit", "year", "2025-01-01", None, 3),
    ],
)
def test_social_care(figures, measure, grain, period, service, value):
    assert kf(figures, measure, grain, period, service)[0] == value


def test_social_marts(b, waits):
    # assessment start: only S1, S3, S4, S5, S7, S8, S9 are under the 7-business-day rule
    (n,) = row(
        b,
        "select sum(waits) from marts.availability_waits_by_service where rule = 'social_assessment_start' "
        "and period_grain = 'month' and service_code is null",
    )
    assert n == 7
    # 31.12.2024: S4 pending Wed 18.12. has waited 6 business days
    w = mart(waits, "social_assessment_start", "2024-12-01")
    assert w[4:] == (1, 0)
    # implementation: S9 denied leaves the queue in January; S3 (pending from its decision 5.5.)
    # is open at 30.6., not yet over 3 months. The social data's last date is 3.6.2025, so July is
    # outside the social coverage: no number there (S3 would be over 3 months only at 31.7.)
    assert mart(waits, "social_implementation", "2025-01-01")[1] == 1
    assert mart(waits, "social_implementation", "2025-06-01")[4:] == (1, 0)
    assert mart(waits, "social_implementation", "2025-07-01")[4:] == (None, None)
    (status,) = row(
        b,
        "select value_status from marts.availability_waits_by_service where rule = 'social_implementation' "
        "and period_grain = 'month' and period_start = date '2025-07-01' and service_code is null",
    )
    assert status == "not_delivered"
    # elderly care decision -> service 3 months: S8 3.10.2024 -> 3.2.2025 over, S7 10.12. -> 28.2. met
    w = mart(waits, "elderly_service_after_decision", "2025-02-01")
    assert (w[0], w[3]) == (2, 1)
    assert close(w[2], (123 + 80) / 2)
    # child welfare assessment done: S5 2.1. -> 2.4. exactly 3 months, met
    w = mart(waits, "child_welfare_assessment", "2025-04-01")
    assert (w[0], w[3]) == (1, 0)


# ------------------------------------------------- staffing, ISO weeks


@pytest.mark.parametrize(
    "week_start, thursday_month, ratio, minimum, below",
    [
        # W13 2023 27.3.-2.4. (Thu 30.3., 0.60): 23.7 h / 38.25 / 1 client
        ("2023-03-27", "2023-03-01", 23.7 / 38.25, 0.60, False),
        # W14 3.-9.4.2023 (0.65 from 1.4.2023): 24.48 / 38.25 = 0.64
        ("2023-04-03", "2023-04-01", 0.64, 0.65, True),
        # W51 2024: 24.48 h direct (5 h indirect ignored) / 38.25 / 1
        ("2024-12-16", "2024-12-01", 0.64, 0.65, True),
        # W52 23.-29.12.: presence 1,1,1,1,2,2,2 = 10 -> 34.8 / 38.25 / (10/7)
        ("2024-12-23", "2024-12-01", 34.8 / 38.25 / (10 / 7), 0.65, True),
        # W1 30.12.2024-5.1.2025 (Thu 2.1.2025, 0.60): presence 2,2,2,2,1,1,1 = 11
        ("2024-12-30", "2025-01-01", 37.4 / 38.25 / (11 / 7), 0.60, False),
        ("2025-01-06", "2025-01-01", 23.0 / 38.25, 0.60, False),
    ],
)
def test_staffing_weeks(b, week_start, thursday_month, ratio, minimum, below):
    got = row(
        b,
        "select cast(month_start as varchar), staffing_ratio, minimum_ratio, is_below_minimum "
        "from marts.staffing_ratio_weekly where unit_id = 'U_TEH' and iso_week_start = cast(? as date)",
        [week_start],
    )
    assert got[0] == thursday_month
    assert close(got[1], ratio)
    assert close(got[2], minimum)
    assert got[3] is below


@pytest.mark.parametrize(
    "grain, period, value",
    [
        # coverage: the work hours (derived) cover December 2024 - January 2025, so 2023 (was 1 week
        # below the minimum) is NULL, not_delivered; its March and April are no reporting months any more
        ("year", "2023-01-01", None),
        ("month", "2024-12-01", 2),  # W51, W52
        ("month", "2025-01-01", 0),  # W1 (Thu 2.1.) belongs to January and 0.60
        ("quarter", "2024-10-01", 2),
        ("year", "2024-01-01", 2),
        ("year", "2025-01-01", 0),
    ],
)
def test_staffing_weeks_below_minimum(figures, grain, period, value):
    assert kf(figures, "staffing_weeks_below_minimum", grain, period)[0] == value


# ------------------------------------------------- HTV (leap year), sickness


@pytest.mark.parametrize(
    "measure, grain, period, value",
    [
        # E1 366 - 3 unpaid = 363, E2 15.11.-31.12. 47 d x 0.8 = 37.6, ET1 366; / 366
        ("htv_paid", "year", "2024-01-01", (363 + 37.6 + 366) / 366),
        ("htv_worked", "year", "2024-01-01", (361 + 37.6 + 366) / 366),  # E1 - 2 sick days
        ("htv_paid", "month", "2024-02-01", (27 + 29) / 366),  # leap February, 28.-29.2. unpaid
        ("htv_paid", "month", "2024-03-01", (30 + 31) / 366),  # 1.3. unpaid
        ("htv_paid", "month", "2024-12-01", (31 + 24.8 + 31) / 366),
        ("htv_worked", "month", "2024-12-01", (29 + 24.8 + 31) / 366),
        ("htv_paid", "month", "2025-01-01", (31 + 24.8 + 31) / 365),
        ("htv_worked", "month", "2025-01-01", (29 + 24.8 + 31) / 365),
        ("htv_paid", "month", "2025-02-01", (28 + 8 + 28) / 365),  # E2 ends 10.2.: 10 x 0.8
        ("htv_paid", "quarter", "2024-10-01", (92 + 37.6 + 92) / 366),
        ("sick_days_per_htv", "month", "2024-12-01", 2 / ((31 + 24.8 + 31) / 366)),
        ("sick_days_per_htv", "month", "2025-01-01", 2 / ((31 + 24.8 + 31) / 365)),
        ("sick_days_per_htv", "year", "2024-01-01", 2 / ((363 + 37.6 + 366) / 366)),
        ("sick_days_per_htv", "quarter", "2024-10-01", 2 / ((92 + 37.6 + 92) / 366)),
    ],
)
def test_htv(figures, measure, grain, period, value):
    assert close(kf(figures, measure, grain, period)[0], value)


# ------------------------------------------------- care days


@pytest.mark.parametrize(
    "grain, period, service, value",
    [
        ("month", "2024-12-01", "IAK_TEHOSTETTU", 21),  # SP1 16.-31.12. 16 + SP2 27.-31.12. 5
        ("month", "2025-01-01", "IAK_TEHOSTETTU", 14),  # SP1 1.-12.1. 12 + SP2 1.-2.1. 2
        ("month", "2025-01-01", "PTH_VUODEOSASTO", 2),  # EP1 30., 31.1.
        ("month", "2025-01-01", None, 16),
        ("month", "2025-02-01", None, 4),  # A: EP1 1., 2.2. + EP4 2., 3., 4.2. -> 2.2. once
        ("month", "2025-03-01", None, 0),  # EP3 admitted and discharged 10.3.
        ("month", "2025-07-01", None, 4),  # EP2 open from 28.7.: 28.-31.7.
        ("quarter", "2025-01-01", None, 20),
        ("year", "2024-01-01", None, 21),
    ],
)
def test_care_days(figures, grain, period, service, value):
    assert kf(figures, "care_days", grain, period, service)[0] == value


# ------------------------------------------------- public twin


@pytest.mark.parametrize(
    "measure, grain, period, value, suppressed",
    [
        ("pc_assessment_waits", "month", "2024-12-01", 6, False),
        ("pc_assessment_mean_bdays", "month", "2024-12-01", 2.5, False),
        ("pc_assessment_over_limit", "month", "2024-12-01", None, True),  # 1
        ("pc_assessment_waits", "month", "2024-10-01", None, True),  # 3
        ("pc_assessment_mean_bdays", "month", "2024-10-01", None, True),  # from 3 waits
        ("pc_assessment_waits", "month", "2025-03-01", 0, False),  # 0 is not a small number
        ("pc_assessment_waits", "quarter", "2024-10-01", 11, False),
        ("pc_assessment_over_limit", "quarter", "2025-04-01", None, True),  # 3
        ("pc_assessment_waits", "month", "2025-01-01", 11, False),
        ("pc_assessment_mean_bdays", "month", "2025-01-01", 13 / 11, False),
        ("pc_treatment_mean_days", "month", "2025-01-01", None, True),  # from 4 treatments
    ],
)
def test_public(figures, measure, grain, period, value, suppressed):
    got = kf(figures, measure, grain, period, table="key_figures_public")
    assert close(got[0], value)
    assert got[1] is suppressed
