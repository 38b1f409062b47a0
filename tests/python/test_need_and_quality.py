"""Need, quality, finance-report and personnel marts on one hand-made county
(tests/landing/need_and_quality).

AURA income statement, cost ledger, reconciliation and mapping reports,
landing quarantine and row accounting, need/equity marts (population,
dependency ratio, service use per 1,000, morbidity, service use by resident
group), quality marts (emergency revisits, client feedback, readmissions by
service), personnel by occupation and by service, the 24-hour staffing ratio,
and the public twins. Every expected number was worked out by hand from the
files and ../shared/spec/minimum-data.md / landing-contract.md before the
models were read; models were read only to explain a disagreement.

County 08 (837 Tampere, 536 Nokia). Persons (hetu in the files), age in Jan 2025:
P1 F 1985-04-10 (837) 39, P2 M 1950-03-03 (837) 74, P3 F 2010-05-05 (536) 14,
P4 M 1939-05-15 (536) 85, P5 F 1970-07-07 (837) 54, P6 M 1999-09-09 (837) 25,
P7 F 2005-02-20 (837) 19, P8 M 1930-06-06 (837) 94, P9 F 1935-11-11 (536) 89.

Residents 31.12.2024 (used by every period of 2024-12 .. 2025-02):
837: M10 100, F20 200, M40 400, F70 150, M90 50 (= 900); 536: F5 50, M50 100, M80 50 (= 200);
county 1100. 31.12.2023: 837: M9 100, F19 200, M39 300, F69 100, M89 50 (750);
536: F4 40, M49 100, M79 60 (200); county 950.

Outputs, January 2025 (V30 at a unit not in org/units is `unknown` service; the project gives
it the county of the client's home municipality, int_client_events_mapped header):
U_TA PTH: V1 P1 R10 E11.9, V2 P1 R50 F32.1, V3 P2 R10 I21.0, V4 P3 R10 J06.9,
          V5 P7 (re-delivered in the Feb file as R52) F10.2  -> 5 visits, 4 clients
U_PAIV PAIVYSTYS: V11 P6 5.1. 10:00, V12 P6 11.1., V13 P6 25.1., V14 P2 30.1. -> 4 visits
U_OS ward: EP1 P2 2.-5.1. (3 days) I50.0, EP2 P2 20.-22.1. (2) I21.9, EP3 P8 10.-12.1. (2) G30.1
U_TEH 24h: SP1 P4 1.12.2024- open (31 days), SP2 P9 8.-22.1. (14 days)
February: V6 P5 R10 E10.1, V15 P2 PAIVYSTYS 3.2., V16 P4 PAIVYSTYS 20.2. I25.1,
EP4 P8 25.2.- open F03 (to the end of the data, 28.2.), SP1 P4 28 days.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, build_folder, close, row

FOLDER = FIXTURES / "need_and_quality"
D24, J25, F25 = "2024-12-01", "2025-01-01", "2025-02-01"

# Paid HTV-days of the receiving service centres in January 2025 (administration key):
# PTH E1 31, PAIV E2 31, OS E5 31, TEH E3 31 - 3 unpaid (29.-31.1.) = 28 + E4 31 x 50 % = 15.5
KEY_TEH = 28 + 15.5  # 43.5
KEY_ALL = 31 + 31 + 31 + KEY_TEH  # 136.5


@pytest.fixture(scope="module")
def b(tmp_path_factory):
    return build_folder(tmp_path_factory, FOLDER, "need_and_quality")


# ------------------------------------------------- landing accounting, quarantine


def test_row_accounting_visits(b):
    # visits_2025-01.csv 12 data lines (V1, V2, V3, V4, V4 again, V5, V11, V12, V13, V14, V90, V30)
    # + visits_2025-02.csv 4 (V5 again, V6, V15, V16) = 16 read;
    # quarantined: V4 repeat (duplicate in file), V90 (bad check character) = 2;
    # superseded: the Jan V5 (re-delivered in the Feb file) = 1; staged 16 - 2 - 1 = 13
    assert row(
        b,
        "select files_read, rows_read, rows_staged, rows_quarantined, rows_superseded "
        "from marts.landing_row_accounting where entity = 'patient/visits'",
    ) == (2, 16, 13, 2, 1)


def test_row_accounting_feedback_and_invariant(b):
    # feedback.csv: F1..F9 good, F90 score 11 (0-10), F91 date 2025-13-01 -> 11 read, 9 + 2
    assert row(
        b,
        "select rows_read, rows_staged, rows_quarantined, rows_superseded "
        "from marts.landing_row_accounting where entity = 'patient/feedback'",
    ) == (11, 9, 2, 0)
    bad = b.query(
        "select entity from marts.landing_row_accounting "
        "where rows_read <> rows_staged + rows_quarantined + rows_superseded"
    )
    assert bad == []


def test_quarantine_rows(b):
    rows = b.query(
        "select entity, source_file, source_line, status, reason_code from marts.landing_quarantine order by 1, 2, 3"
    )
    # line numbers: 1 = header
    assert rows == [
        ("patient/feedback", "patient/feedback.csv", 11, "quarantined", "out_of_range"),
        ("patient/feedback", "patient/feedback.csv", 12, "quarantined", "invalid_date"),
        ("patient/visits", "patient/visits_2025-01.csv", 6, "quarantined", "duplicate_key_in_file"),
        ("patient/visits", "patient/visits_2025-01.csv", 7, "superseded", "superseded"),
        ("patient/visits", "patient/visits_2025-01.csv", 12, "quarantined", "invalid_hetu"),
    ]
    raw = " ".join(r[0] for r in b.query("select raw_values from marts.landing_quarantine"))
    assert "100485-902X" not in raw  # the (invalid) identity code is redacted


def test_superseding_row_wins(b):
    # V5 re-delivered as R52 (still an outpatient type): one visit, not two
    (n,) = row(b, "select count(*) from staging.stg_patient__visits where visit_id = 'V5'")
    assert n == 1


# ------------------------------------------------- mapping and reconciliation


def test_mapping_completeness(b):
    rows = b.query(
        "select object_type, object_code, issue_code, affected_rows from marts.mapping_completeness order by 1, 2"
    )
    assert rows == [
        ("account", "4777", "account_not_in_chart_of_accounts", 1),  # G12
        ("cost_center", "CC_GHOST", "ledger_cost_center_not_in_cost_centers", 1),  # G11
        ("unit", "U_GHOST", "unit_not_in_org_units", 1),  # V30
    ]


def test_reconciliation_cost_centers(b):
    got = {
        r[0]: r[1:]
        for r in b.query(
            "select cost_center, is_in_cost_centers, ledger_rows, ledger_amount_eur, employments, units, findings "
            "from marts.reconciliation_cost_centers"
        )
    }
    assert got["CC_GHOST"][:3] == (False, 1, 100)
    assert "in_ledger_not_in_cost_centers" in got["CC_GHOST"][5]
    # CC_HALL: 900 - 300 = 600, E7
    assert got["CC_HALL"][1:5] == (2, 600, 1, 0)
    # CC_PTH: G00 500 + G0 1000 + G1 10000 + G2 2000 + G3 -600 + G12 50 + G21 11000 = 23950
    assert got["CC_PTH"][1:5] == (7, 23950, 1, 1)
    # CC_KOTI: a service centre with no postings and no units
    assert set(got["CC_KOTI"][5].split("; ")) == {"service_centre_without_postings", "service_centre_without_units"}


def test_reconciliation_units(b):
    got = {
        r[0]: r[1:]
        for r in b.query(
            "select unit_id, is_in_org_units, visit_rows, inpatient_episode_rows, service_period_rows, "
            "work_hours_rows from marts.reconciliation_units"
        )
    }
    assert got["U_GHOST"] == (False, 1, 0, 0, 0)
    # U_PAIV V11-V16 = 6; U_TEH 2 periods, 19 work-hour rows
    assert got["U_PAIV"][1] == 6
    assert got["U_TEH"] == (True, 0, 0, 2, 19)


# ------------------------------------------------- AURA income statement, cost ledger

# January 2025, support (CC_ICT 1800) allocated by drivers PTH 2 : TEH 1 -> 1200 / 600
# (keeps the sender's group "Aineet, tarvikkeet ja tavarat"); administration kept as 1101.
AURA_J25 = [
    # (aura_class, account_group, operating_income_eur, operating_cost_eur)
    ("1101", "Muut toimintatuotot", 300.0, 0.0),  # G10 -300
    ("1101", "Palvelujen ostot", 0.0, 900.0),  # G9 4342
    ("2211", "Aineet, tarvikkeet ja tavarat", 0.0, 600.0),  # ICT 1800 x 1/3
    ("2211", "Maksutuotot", 1000.0, 0.0),  # G7
    ("2211", "Palvelujen ostot", 0.0, 8000.0),  # G6 4300
    ("2536", "Aineet, tarvikkeet ja tavarat", 0.0, 1200.0),  # ICT 1800 x 2/3
    ("2536", "Henkilöstökulut", 0.0, 10000.0),  # G1
    ("2536", "Maksutuotot", 600.0, 0.0),  # G3
    ("2536", "Palvelujen ostot", 0.0, 2000.0),  # G2 4315
    ("2536", "unknown", 0.0, 50.0),  # G12 4777 not in the chart of accounts
    ("2561", "Henkilöstökulut", 0.0, 3000.0),  # G5
    ("2607", "Henkilöstökulut", 0.0, 5000.0),  # G4
]


def test_aura_income_statement_january(b):
    rows = b.query(
        "select aura_class, account_group, operating_income_eur, operating_cost_eur, net_cost_eur "
        "from marts.aura_income_statement where county_code = '08' and period_grain = 'month' "
        "and period_start = cast(? as date) order by 1, 2",
        [J25],
    )
    assert [r[:4] for r in rows] == AURA_J25
    for r in rows:
        assert close(r[4], r[3] - r[2])
    # sums to the county's ledger: costs 10000+2000+50+5000+3000+8000+1800+900 = 30750
    # (G11 on the unknown CC_GHOST has no county), income 600+1000+300 = 1900
    assert close(sum(r[3] for r in rows), 30750.0)
    assert close(sum(r[2] for r in rows), 1900.0)


def test_aura_income_statement_year_change(b):
    # 2536 Henkilöstökulut: 2025 = 10000 + 11000 = 21000; 2024 = 1000 -> change 20000
    assert row(
        b,
        "select operating_cost_eur, operating_cost_eur_change, operating_cost_eur_change_yoy "
        "from marts.aura_income_statement where period_grain = 'year' and period_start = '2025-01-01' "
        "and aura_class = '2536' and account_group = 'Henkilöstökulut'",
    ) == (21000.0, 20000.0, 20000.0)


def test_aura_change_from_a_period_with_nothing(b):
    # Dec 2024 the county posted (G0) but nothing on administration: 1101 costs 0 -> Jan change 900
    (change,) = row(
        b,
        "select operating_cost_eur_change from marts.aura_income_statement where period_grain = 'month' "
        "and period_start = cast(? as date) and aura_class = '1101' and account_group = 'Palvelujen ostot'",
        [J25],
    )
    assert close(change, 900.0)


def test_cost_ledger_january(b):
    rows = b.query(
        "select cost_center, account_group, production_mode, is_internal, "
        "sum(actual_eur), sum(budget_eur), sum(forecast_eur) from marts.cost_ledger "
        "where period_grain = 'month' and period_start = cast(? as date) group by all order by all",
        [J25],
    )
    got = {r[:4]: tuple(float(x) for x in r[4:]) for r in rows}
    assert got[("CC_PTH", "Henkilöstökulut", "own", True)] == (10000.0, 0.0, 0.0)
    # plan rows are not split by counterparty (model header): budget 9000, latest forecast
    # forecast_2025-02 = 9800 (not forecast_2025-01 9500)
    assert got[("CC_PTH", "Henkilöstökulut", "own", False)] == (0.0, 9000.0, 9800.0)
    assert got[("CC_PTH", "Palvelujen ostot", "voucher", False)] == (2000.0, 0.0, 0.0)  # 4315
    assert got[("CC_TEH", "Palvelujen ostot", "purchased", False)] == (8000.0, 0.0, 0.0)  # 4300
    assert got[("CC_PTH", "Maksutuotot", "own", False)] == (-600.0, 0.0, 0.0)
    assert got[("CC_PTH", "unknown", "own", False)] == (50.0, 0.0, 0.0)
    assert not any(k[0] == "CC_GHOST" for k in got)  # documented: no county, in the mapping report
    # hierarchy of the centre
    assert row(
        b,
        "select distinct division, department, section from marts.cost_ledger where cost_center = 'CC_TEH'",
    ) == ("Ikäihmisten palvelut", "Asumispalvelut", "Nokia")


def test_cost_ledger_changes(b):
    # CC_PTH Henkilöstökulut own internal: Dec 2024 1000 -> Jan 10000 (+9000) -> Feb 11000 (+1000);
    # Q1 2025 21000 vs Q4 2024 1000; year 2024 1000 vs 2023 500
    def ledger(grain, start):
        return row(
            b,
            "select actual_eur, actual_eur_change from marts.cost_ledger where cost_center = 'CC_PTH' "
            "and account_group = 'Henkilöstökulut' and is_internal and period_grain = ? "
            "and period_start = cast(? as date)",
            [grain, start],
        )

    assert ledger("month", J25) == (10000, 9000)
    assert ledger("month", F25) == (11000, 1000)
    assert ledger("quarter", J25) == (21000, 20000)
    assert ledger("year", "2024-01-01") == (1000, 500)


def test_service_costs_administration_income_allocated(b):
    # CC_HALL income -300 allocated by paid HTV to TEH: -300 x 43.5 / 136.5 = -95.60
    (eur,) = row(
        b,
        "select sum(allocated_administration_eur) from marts.service_costs where period_grain = 'month' "
        "and period_start = cast(? as date) and service_code = 'IAK_TEHOSTETTU' "
        "and account_class = 'operating_income'",
        [J25],
    )
    assert close(eur, -300 * KEY_TEH / KEY_ALL)


# ------------------------------------------------- need: population, dependency ratio


def test_dependency_ratio(b):
    rows = b.query(
        "select period_start, municipality_code, residents_young, residents_working_age, residents_old, "
        "dependency_ratio, dependency_ratio_change_yoy from marts.dependency_ratio "
        "where period_grain = 'year' order by 1, 2 nulls first"
    )
    got = {(str(r[0]), r[1]): r[2:] for r in rows}
    # 2024 county: 0-14 100 + 50 = 150; 15-64 200 + 400 + 100 = 700; 65+ 150 + 50 + 50 = 250
    y, w, o, ratio, yoy = got[("2024-01-01", None)]
    assert (y, w, o) == (150, 700, 250)
    assert close(ratio, 400 / 700)
    assert close(yoy, 400 / 700 - 350 / 600)  # 2023: (140 + 210) / 600
    assert close(got[("2024-01-01", "837")][3], 300 / 600)
    assert close(got[("2024-01-01", "536")][3], 100 / 100)
    assert close(got[("2023-01-01", None)][3], 350 / 600)


def test_population_structure(b):
    def pop(muni, sex, age):
        return row(
            b,
            "select residents, residents_change_yoy from marts.population_structure where period_grain = 'year' "
            "and period_start = '2024-01-01' and municipality_code is not distinct from ? "
            "and sex is not distinct from ? and age_group is not distinct from ?",
            [muni, sex, age],
        )

    assert pop(None, None, None) == (1100, 1100 - 950)
    assert pop("536", 1, "75-84") == (50, 50 - 60)  # M80 50 vs M79 60
    assert pop(None, 2, "65-74") == (150, 150 - 100)  # F70 150 vs F69 100
    assert pop(None, 1, "25-64") == (500, 500 - 400)  # M40 400 + M50 100 vs M39 300 + M49 100


# ------------------------------------------------- need: service use per 1,000


def use(b, service=None, segment=None, age=None, muni=None, start=J25, grain="month"):
    return row(
        b,
        "select clients, visits, care_days, service_days, outputs, residents, clients_per_1000, outputs_per_1000 "
        "from marts.service_use_per_1000 where county_code = '08' and period_grain = ? "
        "and period_start = cast(? as date) and service_code is not distinct from ? "
        "and segment is not distinct from ? and age_group is not distinct from ? "
        "and municipality_code is not distinct from ?",
        [grain, start, service, segment, age, muni],
    )


def test_service_use_county_january(b):
    # clients P1 P2 P3 P4 P6 P7 P8 P9 = 8; visits 5 + 4 + V30 = 10; care days 3+2+2 = 7;
    # service days 31 + 14 = 45; outputs 62; residents 1100
    c, v, cd, sd, out, res, cpk, opk = use(b)
    assert (c, v, cd, sd, out, res) == (8, 10, 7, 45, 62, 1100)
    assert close(cpk, 8 / 1100 * 1000)
    assert close(opk, 62 / 1100 * 1000)


@pytest.mark.parametrize(
    ("kwargs", "clients", "residents"),
    [
        ({"muni": "837"}, 5, 900),  # P1 P2 P6 P7 P8
        ({"muni": "536"}, 3, 200),  # P3 P4 P9
        ({"age": "85+"}, 3, 50),  # P4 85, P8 94, P9 89; M90 50
        ({"age": "65-74"}, 1, 150),  # P2 74
        ({"age": "25-64"}, 2, 500),  # P1 39, P6 25
        ({"age": "18-24"}, 1, 200),  # P7 19
        ({"segment": "elderly"}, 4, 1100),  # P2 P8 (by age), P4 P9 (IAK_TEHOSTETTU)
        ({"segment": "working_age"}, 3, 1100),  # P1 P7 P6
        ({"service": "PAIVYSTYS", "segment": "working_age"}, 1, 1100),  # P6
        ({"service": "PTH_VUODEOSASTO", "age": "85+"}, 1, 50),  # P8
        ({"service": "IAK_TEHOSTETTU", "muni": "536"}, 2, 200),
    ],
)
def test_service_use_breakdowns(b, kwargs, clients, residents):
    # per 1,000 of all residents for segments (model header: segment does not restrict residents)
    got = use(b, **kwargs)
    assert (got[0], got[5]) == (clients, residents)
    assert close(got[6], clients / residents * 1000)


def test_service_use_changes(b):
    # Dec 2024: P4 only (SP1 31 days) -> 1 client; Jan 8 -> change (8 - 1) / 1100 x 1000
    (chg,) = row(
        b,
        "select clients_per_1000_change from marts.service_use_per_1000 where period_grain = 'month' "
        "and period_start = cast(? as date) and service_code is null and segment is null "
        "and age_group is null and municipality_code is null",
        [J25],
    )
    assert close(chg, 7 / 1100 * 1000)


# ------------------------------------------------- need: morbidity


@pytest.mark.parametrize(
    ("grain", "start", "group_code", "muni", "clients", "residents"),
    [
        ("month", J25, "IV", None, 1, 1100),  # P1 E11.9
        ("month", J25, "V", None, 2, 1100),  # P1 F32.1, P7 F10.2
        ("month", J25, "IX", None, 1, 1100),  # P2 I21.0 visit + I50.0, I21.9 episodes
        ("month", J25, "VI", None, 1, 1100),  # P8 G30.1 episode
        ("month", J25, "dementia", None, 1, 1100),
        ("month", J25, "substance_use", None, 1, 1100),
        ("month", F25, "dementia", None, 1, 1100),  # EP4 P8 F03, open episode
        ("quarter", J25, "diabetes", None, 2, 1100),  # P1 E11.9, P5 E10.1
        ("quarter", J25, "coronary_heart_disease", "536", 1, 200),  # P4 I25.1
        ("quarter", J25, "coronary_heart_disease", "837", 1, 900),  # P2 I21.0 / I21.9
        ("quarter", J25, "V", None, 3, 1100),  # P1, P7, P8 (F03)
    ],
)
def test_morbidity(b, grain, start, group_code, muni, clients, residents):
    got = row(
        b,
        "select clients, residents, clients_per_1000 from marts.morbidity_per_1000 where period_grain = ? "
        "and period_start = cast(? as date) and group_code = ? and municipality_code is not distinct from ?",
        [grain, start, group_code, muni],
    )
    assert got[:2] == (clients, residents)
    assert close(got[2], clients / residents * 1000)


# ------------------------------------------------- equity: service use by resident group


def group(b, muni, sex, age, cols="residents, clients, visit_clients, outputs, clients_per_1000"):
    return b.query(
        f"select {cols} from marts.service_use_by_resident_group where period_grain = 'month' "
        "and period_start = cast(? as date) and municipality_code is not distinct from ? "
        "and sex is not distinct from ? and age_group is not distinct from ?",
        [J25, muni, sex, age],
    )


def test_service_use_by_resident_group(b):
    # whole county: 8 clients, visit clients P1 P2 P3 P6 P7 = 5, outputs 62
    assert group(b, None, None, None)[0][:4] == (1100, 8, 5, 62)
    # men: P2 P4 P6 P8 = 4 of 700 residents (M10 100, M40 400, M90 50, M50 100, M80 50)
    r = group(b, None, 1, None)[0]
    assert r[:2] == (700, 4)
    assert close(r[4], 4 / 700 * 1000)
    # 536 women: P3, P9 = 2 of F5 50; visit clients P3 = 1; outputs V4 1 + SP2 14 = 15
    assert group(b, "536", 2, None)[0][:4] == (50, 2, 1, 15)
    # 0-6 with residents and no clients: 0, rate 0 (not NULL)
    assert group(b, None, None, "0-6")[0] == (50, 0, 0, 0, 0.0)


def test_service_use_by_resident_group_keeps_clients_without_residents(b):
    rows = group(b, None, 1, "65-74")
    assert len(rows) == 1
    assert rows[0][1] == 1
    assert rows[0][4] is None


# ------------------------------------------------- quality


def test_emergency_revisits(b):
    got = {
        (r[0], str(r[1])): r[2:]
        for r in b.query(
            "select period_grain, period_start, emergency_visits, revisits_7d, persons, revisit_pct "
            "from marts.emergency_revisits_7d"
        )
    }
    # Jan: V11 (-> V12 6 days later), V12 (-> V13 14 days: no), V13, V14 30.1. (-> V15 3.2.) = 4, 2
    assert got[("month", J25)] == (4, 2, 2, 50.0)
    # Feb: V15, V16 (no later visit) = 2, 0, persons P2 P4
    assert got[("month", F25)] == (2, 0, 2, 0.0)
    v, r, p, pct = got[("quarter", J25)]
    assert (v, r, p) == (6, 2, 3)
    assert close(pct, 2 / 6 * 100)
    # Dec 2024 is a reporting month (other data start in December) but outside the patient data's
    # coverage: a row without numbers, never 0
    assert got[("month", D24)] == (None, None, None, None)
    assert b.query(
        "select value_status from marts.emergency_revisits_7d where period_grain = 'month' "
        "and period_start = date '2024-12-01'"
    ) == [("not_delivered",)]


def test_client_feedback(b):
    got = {
        (str(r[0]), r[1], r[2]): r[3:]
        for r in b.query(
            "select period_start, service_code, unit_id, responses, promoters, detractors, mean_score, nps "
            "from marts.client_feedback where period_grain = 'month'"
        )
    }

    def fb(start, service, unit):
        return got[(start, service, unit)]

    # U_TA Jan: 10, 9, 8, 6, 3 -> 2 promoters, 2 detractors, NPS 0, mean 36 / 5
    assert fb(J25, "PTH_VASTAANOTTO", "U_TA") == (5, 2, 2, 7.2, 0.0)
    # U_PAIV Jan: 10, 10, 7 -> (2/3 - 0) x 100, mean 9
    r = fb(J25, "PAIVYSTYS", "U_PAIV")
    assert r[:4] == (3, 2, 0, 9.0)
    assert close(r[4], 200 / 3)
    # county Jan: 8 answers, 4 promoters, 2 detractors -> (4 - 2) / 8 x 100 = 25, mean 63 / 8
    assert fb(J25, None, None) == (8, 4, 2, 63 / 8, 25.0)
    # Feb: one 0 -> NPS -100 (F90 score 11 and F91 bad date are quarantined)
    assert fb(F25, None, None) == (1, 0, 1, 0.0, -100.0)
    (chg,) = row(
        b,
        "select nps_change from marts.client_feedback where period_grain = 'month' "
        "and period_start = cast(? as date) and service_code is null and unit_id is null",
        [F25],
    )
    assert chg == -125.0


def test_readmissions_by_service(b):
    # Jan discharges EP1 5.1., EP3 12.1., EP2 22.1. = 3; EP1 followed by EP2 (20.1., 15 days);
    # EP3 by EP4 25.2. = 44 days: no. Persons P2, P8.
    rows = b.query(
        "select service_code, discharges, readmissions, persons_discharged, readmission_pct "
        "from marts.readmissions_30d where period_grain = 'month' and period_start = cast(? as date) "
        "order by 1 nulls first",
        [J25],
    )
    assert [r[:4] for r in rows] == [(None, 3, 1, 2), ("PTH_VUODEOSASTO", 3, 1, 2)]
    assert all(close(r[4], 100 / 3) for r in rows)


# ------------------------------------------------- personnel


def occupation(b, grain, start, code, cols):
    return row(
        b,
        f"select {cols} from marts.personnel_by_occupation where county_code = '08' and period_grain = ? "
        "and period_start = cast(? as date) and occupation_code = ?",
        [grain, start, code],
    )


def test_personnel_by_occupation_nurses_january(b):
    # 2221: E1 (PTH, permanent) 31 paid days, sick 13.-14.1. (2), training 20.-22.1. (3, is work);
    # E5 (OS, permanent) 31 days, ended 31.1. for resignation
    hp, hw, hs, he, pl, sick, train, turn, sph, tph = occupation(
        b,
        "month",
        J25,
        "2221",
        "htv_paid, htv_worked, headcount_start, headcount_end, permanent_leavers, sick_days, training_days, "
        "turnover_permanent_pct, sick_days_per_htv, training_days_per_headcount",
    )
    assert close(hp, 62 / 365)
    assert close(hw, (29 + 31) / 365)
    assert (hs, he, pl, sick, train) == (2, 2, 1, 2, 3)
    assert close(turn, 1 / ((2 + 2) / 2) * 100)  # 50
    assert close(sph, 2 / (62 / 365))
    assert close(tph, 3 / ((2 + 2) / 2))  # training days per headcount 1.5


def test_personnel_permanent_fixed_term_split(b):
    # 5321 Jan: E3 permanent 31 - 3 unpaid = 28; E4 fixed-term 31 x 50 % = 15.5
    p, pp, pf, w = occupation(b, "month", J25, "5321", "htv_paid, htv_paid_permanent, htv_paid_fixed_term, htv_worked")
    assert close(p, 43.5 / 365) and close(pp, 28 / 365) and close(pf, 15.5 / 365)
    assert close(w, 43.5 / 365)  # unpaid leave already out of paid days
    # Feb: E4 training 3.-4.2. = 2 days over headcount (2 + 2) / 2
    train, tph = occupation(b, "month", F25, "5321", "training_days, training_days_per_headcount")
    assert (train, tph) == (2, 1.0)
    # 2211 E2 fixed-term: permanent headcount 0 -> turnover NULL; annual leave 2.-3.1. -> worked 29
    turn, hw = occupation(b, "month", J25, "2211", "turnover_permanent_pct, htv_worked")
    assert turn is None
    assert close(hw, 29 / 365)


def test_personnel_by_service(b):
    rows = b.query(
        "select service_code, structure_level, segment, htv_paid, htv_paid_fixed_term, sick_days_per_htv "
        "from marts.personnel_by_service where period_grain = 'month' and period_start = cast(? as date) "
        "order by 1 nulls first",
        [J25],
    )
    got = {r[0]: r[1:] for r in rows}
    assert close(got["IAK_TEHOSTETTU"][2], 43.5 / 365) and got["IAK_TEHOSTETTU"][:2] == ("housing", "elderly")
    assert close(got["PAIVYSTYS"][3], 31 / 365)  # all fixed-term
    assert got["PTH_VUODEOSASTO"][0] == "institutional"
    assert close(got["PTH_VASTAANOTTO"][4], 2 / (31 / 365))
    # support + administration (E6, E7) without a service
    assert close(got[None][2], 62 / 365)


# ------------------------------------------------- 24-hour staffing ratio

# U_TEH (IAK_TEHOSTETTU, elderly 24h). Clients present: P4 every day, P9 8.-21.1.
# (end 22.1. not present). ISO weeks and their Thursdays:
STAFFING = [
    # (monday, thursday, direct hours, client-days, below)
    # wk 1 30.12.-5.1.: 8 + 8 (Dec) + 8; P4 7 days; 24 / 38.25 / 1 = 0.627: the minimum on Thursday
    # 2.1.2025 is 0.60 (0.65 until 31.12.2024, in force on the Monday) -> not below; month Jan
    ("2024-12-30", "2025-01-02", 24.0, 7, False),
    # wk 2: 4 x 7.65 = 30.6 (indirect 10 excluded); P4 7 + P9 8.-12.1. 5 = 12 -> 0.8 / (12/7) = 0.467
    ("2025-01-06", "2025-01-09", 30.6, 12, True),
    # wk 3: 7 x 7.65 = 53.55 -> 1.4; 14 client-days -> 1.4 / 2 = 0.7
    ("2025-01-13", "2025-01-16", 53.55, 14, False),
    # wk 4: no direct hours (inside the delivered span) -> ratio 0; 7 + 2 (20., 21.1.) = 9
    ("2025-01-20", "2025-01-23", 0.0, 9, True),
    # wk 5 27.1.-2.2.: 7.65 + 7.65 + 3.825 (Sat 1.2.) = 19.125 -> 0.5; P4 7 -> 0.5 < 0.60; month Jan
    ("2025-01-27", "2025-01-30", 19.125, 7, True),
]


def test_staffing_ratio_weekly(b):
    rows = b.query(
        "select iso_week_start, iso_week_thursday, month_start, direct_hours, client_days, "
        "average_clients_present, staffing_ratio, minimum_ratio, is_below_minimum "
        "from marts.staffing_ratio_weekly where unit_id = 'U_TEH' order by 1"
    )
    assert [(str(r[0]), str(r[1])) for r in rows] == [(m, t) for m, t, *_ in STAFFING]
    for r, (_, _, hours, client_days, below) in zip(rows, STAFFING, strict=True):
        assert str(r[2]) == J25
        assert close(r[3], hours)
        assert r[4] == client_days
        assert close(r[5], client_days / 7)
        assert close(r[6], hours / 38.25 / (client_days / 7))
        assert r[7] == 0.60
        assert r[8] is below


def test_staffing_weeks_below_minimum(b):
    rows = b.query("select iso_week_start, ratio_shortfall from marts.staffing_weeks_below_minimum order by 1")
    assert [str(r[0]) for r in rows] == ["2025-01-06", "2025-01-20", "2025-01-27"]
    assert close(rows[0][1], 0.60 - 0.8 / (12 / 7))
    # key figure by the month of the Thursday: Jan 3, Dec 2024 0 (week 1's Monday is in December)
    kf = dict(
        b.query(
            "select cast(period_start as varchar), value from marts.key_figures where measure_code = "
            "'staffing_weeks_below_minimum' and period_grain = 'month' and period_start >= '2024-12-01'"
        )
    )
    assert kf == {D24: 0.0, J25: 3.0, F25: 0.0}


# ------------------------------------------------- public twins


def test_public_service_use(b):
    def pub(muni):
        return row(
            b,
            "select clients, outputs, clients_per_1000, is_suppressed from public.service_use_per_1000_public "
            "where period_grain = 'month' and period_start = cast(? as date) and service_code is null "
            "and segment is null and age_group is null and municipality_code is not distinct from ?",
            [J25, muni],
        )

    # 837: 5 clients (>= 5) shown
    c, o, cpk, s = pub("837")
    assert (c, o, s) == (5, 16, False)
    assert close(cpk, 5 / 900 * 1000)
    # 536: 3 clients hidden, and their outputs and rate
    assert pub("536") == (None, None, None, True)
    # county: 8 shown; the change from Dec 2024 (1 client, hidden) is hidden too -> flagged
    c, o, _, s = pub(None)
    assert (c, o, s) == (8, 62, True)


def test_public_resident_group_zero_shown(b):
    assert row(
        b,
        "select residents, clients, clients_per_1000, is_suppressed from public.service_use_by_resident_group_public "
        "where period_grain = 'month' and period_start = cast(? as date) and municipality_code is null "
        "and sex is null and age_group = '0-6'",
        [J25],
    ) == (50, 0, 0.0, False)


def test_public_quality(b):
    # emergency Jan: 2 persons -> everything hidden; Feb revisits 0 shown
    assert row(
        b,
        "select emergency_visits, revisits_7d, persons, revisit_pct, is_suppressed "
        "from public.emergency_revisits_7d_public where period_grain = 'month' and period_start = cast(? as date)",
        [F25],
    ) == (None, 0, None, None, True)
    # readmissions Jan: 2 persons discharged -> hidden
    assert row(
        b,
        "select discharges, readmission_pct, is_suppressed from public.readmissions_30d_public "
        "where period_grain = 'month' and period_start = cast(? as date) and service_code is null",
        [J25],
    ) == (None, None, True)
    # feedback county Jan: 8 answers shown, 4 promoters (1-4) hidden and the NPS computed from them
    assert row(
        b,
        "select responses, promoters, detractors, nps, is_suppressed from public.client_feedback_public "
        "where period_grain = 'month' and period_start = cast(? as date) and service_code is null "
        "and unit_id is null",
        [J25],
    ) == (8, None, None, None, True)
    # U_PAIV: 0 detractors shown, 3 answers hidden
    assert row(
        b,
        "select responses, detractors, is_suppressed from public.client_feedback_public "
        "where period_grain = 'month' and period_start = cast(? as date) and unit_id = 'U_PAIV'",
        [J25],
    ) == (None, 0, True)


def test_public_morbidity_and_personnel(b):
    # every non-zero morbidity count here is 1-3 persons: all hidden, flagged; periods without such
    # clients are 0 (shown, a rate of 0); outside the client data's coverage no number at all
    assert b.query(
        "select count(*) from public.morbidity_per_1000_public where clients <> 0 "
        "or (clients is not null and clients_per_1000 <> 0) "
        "or (clients is null and not is_suppressed and value_status <> 'not_delivered')"
    ) == [(0,)]
    assert b.query(
        "select count(*) from public.morbidity_per_1000_public where value_status = 'not_delivered' "
        "and (clients is not null or clients_per_1000 is not null or is_suppressed)"
    ) == [(0,)]
    assert b.query("select count(*) from public.morbidity_per_1000_public where clients is null") != [(0,)]
    # 2221 Jan: 2 employees -> headcounts, turnover, sick days hidden; HTV published
    hp, hs, turn, sick, s = row(
        b,
        "select htv_paid, headcount_start, turnover_permanent_pct, sick_days_per_htv, is_suppressed "
        "from public.personnel_by_occupation_public where period_grain = 'month' "
        "and period_start = cast(? as date) and occupation_code = '2221'",
        [J25],
    )
    assert close(hp, 62 / 365)
    assert (hs, turn, sick, s) == (None, None, None, True)
