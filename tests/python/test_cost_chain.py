"""The cost chain (ledger, allocation, segments, production modes, per-client and
per-resident costs) and the coordination and quality measures
(tests/landing/cost_chain, one county, hand-made).

Every expected number was worked out by hand from ../shared/spec/minimum-data.md,
landing-contract.md and service-catalogue.md before the models were read. Models were read only afterwards.

County 08 (837 Tampere, 536 Nokia, 604 Pirkkala); periods 2024-12 .. 2025-02 (quarters
2024-10 = December only and 2025-01 = January + February). Residents 31.12.2024: 837 600,
536 300, 604 100 = 1000 (31.12.2023: 920, must not be used for December 2024).

Cost centres: CC_PTH PTH_VASTAANOTTO (by_age, unit U_TA), CC_OS PTH_VUODEOSASTO (by_age ward
U_OS), CC_SUU SUUN_TH (by_age, U_HAM; outputs only in January), CC_TEH IAK_TEHOSTETTU (elderly,
24 h, U_TEH), CC_KOTI IAK_KOTIHOITO (elderly, not 24 h, U_KOTI); support CC_ICT (drivers in
January: PTH 3, SUU 1, OS 0; paid HTV otherwise), CC_TILA (January only, by HTV, one purchased
posting 4310); administration CC_HALL (HTV). Paid HTV: E1 PTH 100 %, E2 OS 100 % (unpaid leave
10.-23.2.2025), E3 TEH 50 %, E4 KOTI 50 %, E5 HALL and E6 ICT (not receivers) -> weights 2:2:1:1
(December, January) and 2:1:1:1 (February; E1's paid sick leave changes nothing).
Ledger: gl_entries_2024-12_v2 re-delivers G1 (6000 -> 6500) and G7 (4000 -> 4200); 4996 and 3800
are outside both ranges; 3000, 4339, 4995 are range bounds; 4340 is own production.

Persons: P1 F 1984 (837), P2 M 1944 (837), P3 F 2014 (536), P4 M 1994 (604), P5 F 1954 (536),
P6 M 15.1.1960 (837; 64 at V5 10.1.2025, 65 at V6 20.1.2025), P7 M 1974 (837), P8 F 2009 (837),
P9 M 1999 (536), P10 F 1934 (604), P11 (only a contact, a referral and a case: no output),
P12 (only an episode discharged on its admission day: no care day, no client).
Visits (U_TA unless said): Dec V1 P1 R10, V2 P3 R20, V3 P7 R50, V4 P2 R10; Jan V5 P6 R10, V6 P6
R41, V7 P1 R52, V8 P8 R56, V9 P4 R30, V14 P3 / V15 P8 / V16 P9 R10 at U_HAM; Feb V10 P9 R40,
V11 P7 R60, V12 P1 R10, V13 P5 R10.
Ward U_OS: EP1 P2 2.-10.12., EP3 P5 20.-27.12., EP2 P2 9.-14.1. (30 days after EP1), EP4 P5
27.1.-3.2. (31 days after EP3), EP9 P10 25.-30.1., EP10 P7 20.-25.1., EP6 P12 10.2. same day,
EP7 P10 from 20.2. open (21 days after EP9).
Service periods: SP1 P10 U_TEH 1.12.2024-25.1.2025, SP2 P5 U_TEH from 3.2.2025 open,
SP3 P2 U_KOTI 15.12.2024-5.1.2025, SP4 P6 U_KOTI 10.-20.2.2025.
Feedback: Dec U_TEH 10; Jan U_TA 10,10,9,9,9,8,7,6,3,0 and U_OS 10,2; Feb U_TA 9,7,8,8.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import FIXTURES, build_folder, close, rel, row

FOLDER = FIXTURES / "cost_chain"

DEC, JAN, FEB = "2024-12-01", "2025-01-01", "2025-02-01"
Q4, Q1 = "2024-10-01", "2025-01-01"
PTH, OS, SUU, TEH, KOTI = "PTH_VASTAANOTTO", "PTH_VUODEOSASTO", "SUUN_TH", "IAK_TEHOSTETTU", "IAK_KOTIHOITO"


@pytest.fixture(scope="module")
def b(tmp_path_factory):
    return build_folder(tmp_path_factory, FOLDER, "cost_chain")


@pytest.fixture(scope="module")
def figures(b):
    """Every key-figure row of county 08 in both tables, read once:
    (table, measure, grain, period, service, segment, mode, municipality) -> (value, is_suppressed)."""
    out = {}
    for table in ("key_figures", "key_figures_public"):
        for key in b.query(
            "select measure_code, period_grain, cast(period_start as varchar), service_code, segment, "
            f"production_mode, municipality_code, value, is_suppressed from {rel(table)} where county_code = '08'"
        ):
            k = (table, *key[:7])
            assert k not in out, k
            out[k] = tuple(key[7:])
    return out


def kf(figures, measure, grain, period, service=None, segment=None, mode=None, muni=None, table="key_figures"):
    """(value, is_suppressed) of one key-figure row."""
    return figures[(table, measure, grain, period, service, segment, mode, muni)]


def value(figures, measure, grain, period, **kw):
    return kf(figures, measure, grain, period, **kw)[0]


# ------------------------------------------------- periods, landing


def test_reporting_range(b):
    # first event SP1 1.12.2024 and GL 2024-12, last GL 2025-02; employments from 2020 do not widen it.
    # Coverage: the reporting periods span the union of the source groups' coverage, and the
    # population's year-end 31.12.2023 covers December 2023 (was 2024-12 .. 2025-02, 3 months); the
    # months before December 2024 are NULL, not_delivered, for every measure but the population's
    assert row(
        b,
        "select min(period_start), max(period_start), count(distinct period_start) from marts.key_figures "
        "where period_grain = 'month' and county_code = '08'",
    ) == (date(2023, 12, 1), date(2025, 2, 1), 15)


def test_gl_redelivery_accounting(b):
    # 14 + 2 + 11 + 9 rows read; G1 and G7 of gl_entries_2024-12.csv superseded by the _v2 file
    assert row(
        b,
        "select files_read, rows_read, rows_staged, rows_quarantined, rows_superseded "
        "from marts.landing_row_accounting where entity = 'finance/gl_entries'",
    ) == (4, 36, 34, 0, 2)


# ------------------------------------------------- ledger view

# (grain, period, operating cost, operating income, net, budget)
LEDGER = [
    # G1 6500 + G2 3000 + G3 600 + G5 1200 + G6 600 + G7 4200 + G9 1000 + G10 200 + G11 400 + G13 900;
    # G8 4996 and G12 3800 are neither; income G4 800 + G14 (account 3000) 1000
    ("month", DEC, 18600.0, 1800.0, 16800.0, None),
    # 7000+5000+3000+1500+1200+600+600+900+100 (4995)+300 (4310); income H9 500; budget 7500 + 4500
    # (the 3295 income line and forecast_2025-01 9999 are not budgeted costs)
    ("month", JAN, 20200.0, 500.0, 19700.0, 12000.0),
    # 7000+5000+1000+2000+300+1200+600+900; income K9 700; budget 7500 (4996 line and forecast 8888 out)
    ("month", FEB, 18000.0, 700.0, 17300.0, 7500.0),
    ("quarter", Q4, 18600.0, 1800.0, 16800.0, None),
    ("quarter", Q1, 38200.0, 1200.0, 37000.0, 19500.0),
    ("year", "2024-01-01", 18600.0, 1800.0, 16800.0, None),
    ("year", "2025-01-01", 38200.0, 1200.0, 37000.0, 19500.0),
]


@pytest.mark.parametrize("grain, period, cost, income, net, budget", LEDGER)
def test_ledger(figures, grain, period, cost, income, net, budget):
    assert close(value(figures, "operating_cost_eur", grain, period), cost)
    assert close(value(figures, "operating_income_eur", grain, period), income)
    assert close(value(figures, "net_cost_eur", grain, period), net)
    if budget is not None:  # a period without any budget line: 0 or NULL, spec silent
        assert close(value(figures, "budget_cost_eur", grain, period), budget)


# (grain, period, mode, euros) — ledger and allocated view alike (support costs keep their mode)
MODES = [
    ("month", DEC, "voucher", 600.0),  # G3 4315
    ("month", DEC, "purchased", 4400.0),  # G2 4300 3000 + G9 4339 1000 + G11 4300 400
    ("month", DEC, "own", 13600.0),  # the rest, G10 4340 included
    ("month", JAN, "purchased", 3300.0),  # H3 3000 + H11 4310 300 at the support centre CC_TILA
    ("month", JAN, "own", 16900.0),
    ("month", FEB, "voucher", 1000.0),
    ("month", FEB, "own", 17000.0),
    ("quarter", Q1, "own", 33900.0),
    ("quarter", Q1, "purchased", 3300.0),
    ("quarter", Q1, "voucher", 1000.0),
]


@pytest.mark.parametrize("grain, period, mode, euros", MODES)
@pytest.mark.parametrize("measure", ["operating_cost_eur", "allocated_cost_eur"])
def test_production_mode(figures, measure, grain, period, mode, euros):
    assert close(value(figures, measure, grain, period, mode=mode), euros)


def test_internal_items_kept(b):
    # empty counterparty sector = internal: Dec G1 6500 + G6 600 + G7 4200 + G13 900; Jan H1, H2, H4, H7, H8
    got = dict(
        b.query(
            "select cast(period_start as varchar), sum(actual_eur) from marts.cost_ledger where period_grain = 'month' "
            "and account_class = 'operating_cost' and is_internal group by 1"
        )
    )
    assert close(float(got[DEC]), 12200.0)
    assert close(float(got[JAN]), 15000.0)


# ------------------------------------------------- allocation

# (grain, period, service, euros)
ALLOCATED = [
    # Dec: ICT 1200 + HALL 600 by paid HTV 2:2:1:1 -> 600 / 600 / 300 / 300
    ("month", DEC, PTH, 7100.0),  # 6500 + 600
    ("month", DEC, OS, 6000.0),  # 4200 + 1000 + 200 + 600
    ("month", DEC, TEH, 3900.0),  # 3000 + 600 + 300
    ("month", DEC, SUU, 400.0),  # no HTV: direct only
    ("month", DEC, KOTI, 1200.0),  # 900 + 300
    # Jan: ICT by drivers 3:1:0 (PTH 900, SUU 300), TILA 900 and HALL 600 by HTV 2:2:1:1
    ("month", JAN, PTH, 8400.0),  # 7000 + 900 + 300 + 200
    ("month", JAN, OS, 5600.0),  # 5100 + 300 + 200
    ("month", JAN, TEH, 3250.0),  # 3000 + 150 + 100
    ("month", JAN, SUU, 1800.0),  # 1500 + 300
    ("month", JAN, KOTI, 1150.0),  # 900 + 150 + 100
    # Feb: ICT + HALL 1800 by paid HTV 28:14:14:14 (E2's unpaid leave halves OS) -> 720 / 360 / 360 / 360
    ("month", FEB, PTH, 7720.0),
    ("month", FEB, OS, 5360.0),
    ("month", FEB, TEH, 3360.0),
    ("month", FEB, SUU, 300.0),
    ("month", FEB, KOTI, 1260.0),
    ("quarter", Q1, PTH, 16120.0),
    ("quarter", Q1, OS, 10960.0),
    ("quarter", Q1, TEH, 6610.0),
    ("quarter", Q1, SUU, 2100.0),
    ("quarter", Q1, KOTI, 2410.0),
]


@pytest.mark.parametrize("grain, period, service, euros", ALLOCATED)
def test_allocated_by_service(figures, grain, period, service, euros):
    assert close(value(figures, "allocated_cost_eur", grain, period, service=service), euros)


@pytest.mark.parametrize("grain", ["month", "quarter", "year"])
def test_allocation_invariant(figures, grain):
    # allocated total = by-service sum = ledger operating costs, every period
    periods = {k[3] for k in figures if k[0] == "key_figures" and k[1] == "allocated_cost_eur" and k[2] == grain}
    assert periods
    for period in periods:
        ledger = value(figures, "operating_cost_eur", grain, period)
        assert close(value(figures, "allocated_cost_eur", grain, period), ledger)
        if ledger is None:
            # coverage: a period outside the ledger's is NULL (not_delivered) in every breakdown
            key = ("key_figures", "allocated_cost_eur", grain, period)
            assert all(v[0] is None for k, v in figures.items() if k[:4] == key)
            continue
        by_service = sum(
            v[0]
            for k, v in figures.items()
            # the service breakdown (not service+segment, service+production_mode)
            if k[:4] == ("key_figures", "allocated_cost_eur", grain, period)
            and k[4] is not None
            and k[5:7] == (None, None)
        )
        assert abs(by_service - ledger) < 0.005


def test_jan_allocated_modes_by_service(b):
    # TILA's purchased 300 spread 2:2:1:1 keeps its mode: PTH 100, OS 100, TEH 50 (+ TEH's own 3000), KOTI 50
    got = dict(
        (r[0], float(r[1]))
        for r in b.query(
            "select service_code || '/' || production_mode, sum(total_eur) from marts.service_costs "
            "where period_grain = 'month' and period_start = '2025-01-01' and account_class = 'operating_cost' "
            "group by 1"
        )
    )
    assert close(got[f"{PTH}/purchased"], 100.0) and close(got[f"{PTH}/own"], 8300.0)
    assert close(got[f"{OS}/purchased"], 100.0) and close(got[f"{OS}/own"], 5500.0)
    assert close(got[f"{TEH}/purchased"], 3050.0) and close(got[f"{TEH}/own"], 200.0)
    assert close(got[f"{KOTI}/purchased"], 50.0) and close(got[f"{KOTI}/own"], 1100.0)


def test_jan_direct_support_administration_split(b):
    # PTH Jan: direct 7000, support ICT 900 + TILA 300, administration 200; SUU gets no administration (no HTV)
    got = {
        r[0]: tuple(float(x) for x in r[1:])
        for r in b.query(
            "select service_code, sum(direct_eur), sum(allocated_support_eur), sum(allocated_administration_eur) "
            "from marts.service_costs where period_grain = 'month' and period_start = '2025-01-01' "
            "and account_class = 'operating_cost' group by 1"
        )
    }
    assert got[PTH] == pytest.approx((7000.0, 1200.0, 200.0))
    assert got[SUU] == pytest.approx((1500.0, 300.0, 0.0))


def test_aura_view_keeps_administration_as_1101(b):
    # AURA report view: HALL 600 a month stays in 1101; services carry direct + support only.
    # Feb ICT 1200 by 2:1:1:1 -> PTH 7000 + 480, OS 5000 + 240, TEH 3000 + 240, KOTI 900 + 240, SUU 300
    got = {
        r[0]: float(r[1])
        for r in b.query(
            "select aura_class, sum(operating_cost_eur) from marts.aura_income_statement "
            "where period_grain = 'month' and period_start = '2025-02-01' group by 1"
        )
    }
    assert got == pytest.approx(
        {"1101": 600.0, "2536": 7480.0, "2561": 5240.0, "2211": 3240.0, "2235": 1140.0, "2545": 300.0}
    )


# ------------------------------------------------- segments

# (grain, period, segment, euros): by_age euros split by outputs (visits of every contact type for
# PTH / SUU, care days for the ward); a by_age service without outputs -> unknown
SEGMENTS = [
    # PTH 7100 / 4 visits: working V1 + V3 (R50) 3550, child V2 1775, elderly V4 1775;
    # ward 6000 elderly; TEH 3900 + KOTI 1200 elderly; SUU 400 no outputs -> unknown
    ("month", DEC, "working_age", 3550.0),
    ("month", DEC, "children_youth", 1775.0),
    ("month", DEC, "elderly", 12875.0),
    ("month", DEC, "unknown", 400.0),
    # PTH 8400 / 5: working V5 (P6 at 64), V7, V9 5040; elderly V6 (P6 at 65) 1680; child V8 (R56) 1680;
    # ward 5600 / 20 days: elderly 15 4200, working EP10 5 1400; SUU 1800 / 3: child 1200, working 600
    ("month", JAN, "working_age", 7040.0),
    ("month", JAN, "children_youth", 2880.0),
    ("month", JAN, "elderly", 10280.0),
    # PTH 7720 / 4: working 3 (V11 R60 counts) 5790, elderly 1930; ward 5360 elderly; SUU 300 unknown
    ("month", FEB, "working_age", 5790.0),
    ("month", FEB, "elderly", 11910.0),
    ("month", FEB, "unknown", 300.0),
    ("quarter", Q1, "working_age", 12830.0),
    ("quarter", Q1, "children_youth", 2880.0),
    ("quarter", Q1, "elderly", 22190.0),
    ("quarter", Q1, "unknown", 300.0),
]


@pytest.mark.parametrize("grain, period, segment, euros", SEGMENTS)
def test_allocated_by_segment(figures, grain, period, segment, euros):
    assert close(value(figures, "allocated_cost_eur", grain, period, segment=segment), euros)


# ------------------------------------------------- clients and outputs

# (grain, period, breakdown, clients)
CLIENTS = [
    ({}, "month", DEC, 6),  # P1, P2, P3, P5, P7, P10
    ({}, "month", JAN, 10),  # P1..P10 (P11 only waits)
    ({}, "month", FEB, 6),  # P1, P5, P6, P7, P9, P10 (P12 same-day episode: no care day)
    ({}, "quarter", Q1, 10),
    ({"service": PTH}, "month", DEC, 4),
    ({"service": PTH}, "quarter", Q1, 7),  # P6, P1, P8, P4, P9, P7, P5
    ({"service": OS}, "month", JAN, 4),  # P2, P5, P10, P7
    ({"service": OS}, "month", FEB, 2),  # P5, P10; not P12
    ({"service": SUU}, "month", DEC, 0),
    ({"service": SUU}, "month", JAN, 3),
    ({"service": TEH}, "quarter", Q1, 2),
    ({"service": KOTI}, "quarter", Q1, 2),
    ({"segment": "working_age"}, "month", JAN, 5),  # P6 (V5), P1, P4, P7, P9
    ({"segment": "elderly"}, "month", JAN, 4),  # P6 (V6) in both segments, P2, P5, P10
    ({"segment": "children_youth"}, "month", JAN, 2),
    ({"segment": "children_youth"}, "month", FEB, 0),
    ({"segment": "elderly"}, "month", DEC, 3),
    ({"muni": "837"}, "month", JAN, 5),  # P1, P2, P6, P7, P8
    ({"muni": "536"}, "month", JAN, 3),  # P3, P5, P9
    ({"muni": "604"}, "month", JAN, 2),  # P4, P10
    ({"muni": "837"}, "month", DEC, 3),
    ({"muni": "604"}, "quarter", Q1, 2),
]


@pytest.mark.parametrize("breakdown, grain, period, n", CLIENTS)
def test_clients(figures, breakdown, grain, period, n):
    assert value(figures, "clients", grain, period, **breakdown) == n


# (grain, period, service, euros per client)
COST_PER_CLIENT = [
    ("month", DEC, None, 3100.0),  # 18600 / 6
    ("month", JAN, None, 2020.0),  # 20200 / 10
    ("month", FEB, None, 3000.0),  # 18000 / 6
    ("quarter", Q1, None, 3820.0),  # 38200 / 10
    ("month", DEC, PTH, 1775.0),  # 7100 / 4
    ("month", JAN, PTH, 2100.0),  # 8400 / 4
    ("quarter", Q1, PTH, 16120.0 / 7),
    ("month", JAN, OS, 1400.0),  # 5600 / 4
    ("quarter", Q1, OS, 2740.0),  # 10960 / 4
    ("quarter", Q1, TEH, 3305.0),  # 6610 / 2
    ("month", JAN, SUU, 600.0),  # 1800 / 3
    ("month", DEC, SUU, None),  # 400 euros, no client: no mean
    ("quarter", Q1, SUU, 700.0),  # 2100 / 3
]


@pytest.mark.parametrize("grain, period, service, euros", COST_PER_CLIENT)
def test_cost_per_client(figures, grain, period, service, euros):
    assert close(value(figures, "cost_per_client_eur", grain, period, service=service), euros)


# (grain, period, service, euros per resident): 31.12.2024 = 1000 residents for every period here
COST_PER_RESIDENT = [
    ("month", DEC, None, 18.6),  # December 2024 ends on 31.12.2024: 1000, not 920 (31.12.2023)
    ("month", JAN, None, 20.2),
    ("month", FEB, None, 18.0),
    ("quarter", Q4, None, 18.6),
    ("quarter", Q1, None, 38.2),
    ("month", FEB, PTH, 7.72),
    ("quarter", Q1, PTH, 16.12),
    ("month", DEC, SUU, 0.4),
]


@pytest.mark.parametrize("grain, period, service, euros", COST_PER_RESIDENT)
def test_cost_per_resident(figures, grain, period, service, euros):
    assert close(value(figures, "cost_per_resident_eur", grain, period, service=service), euros)


@pytest.mark.parametrize("muni, n", [(None, 1000.0), ("837", 600.0), ("536", 300.0), ("604", 100.0)])
def test_residents_latest_year_end(figures, muni, n):
    assert close(value(figures, "residents", "month", DEC, muni=muni), n)
    assert close(value(figures, "residents", "quarter", Q1, muni=muni), n)


# (grain, period, service, visits): R10, R20, R30, R40, R41, R52 only
OUTPATIENT_VISITS = [
    ("month", DEC, None, 3),  # V1, V2, V4 (V3 R50 no)
    ("month", JAN, PTH, 4),  # V5, V6, V7, V9 (V8 R56 no)
    ("month", JAN, SUU, 3),
    ("month", JAN, None, 7),
    ("month", FEB, None, 3),  # V10, V12, V13 (V11 R60 no)
    ("quarter", Q1, None, 10),
]


@pytest.mark.parametrize("grain, period, service, n", OUTPATIENT_VISITS)
def test_outpatient_visits(figures, grain, period, service, n):
    assert value(figures, "outpatient_visits", grain, period, service=service) == n


# (grain, period, service, days): ward + 24-hour care; KOTI (not 24 h) is not care days
CARE_DAYS = [
    ("month", DEC, OS, 15),  # EP1 2.-9.12. 8 + EP3 20.-26.12. 7
    ("month", DEC, TEH, 31),
    ("month", DEC, None, 46),
    ("month", JAN, OS, 20),  # EP2 5 + EP4 5 + EP9 5 + EP10 5
    ("month", JAN, None, 44),  # + SP1 1.-24.1.
    ("month", FEB, OS, 11),  # EP4 1.-2.2. + EP7 20.-28.2. (open to the end of the data); EP6 0
    ("month", FEB, None, 37),  # + SP2 3.-28.2. 26
    ("quarter", Q1, None, 81),
]


@pytest.mark.parametrize("grain, period, service, n", CARE_DAYS)
def test_care_days(figures, grain, period, service, n):
    assert value(figures, "care_days", grain, period, service=service) == n


# ------------------------------------------------- coordination

HEALTH_AND_SOCIAL = [
    ("month", DEC, 1),  # P2 (PTH + ward, KOTI)
    ("month", JAN, 2),  # P2 (ward, KOTI 1.-4.1.), P10 (TEH, ward)
    ("month", FEB, 1),  # P5 (ward / PTH, TEH); P6 has social only in February
    ("quarter", Q4, 1),
    ("quarter", Q1, 4),  # P2, P10, P5 and P6 (health in January, social in February)
    ("year", "2025-01-01", 4),
]


@pytest.mark.parametrize("grain, period, n", HEALTH_AND_SOCIAL)
def test_clients_health_and_social(figures, grain, period, n):
    assert value(figures, "clients_health_and_social", grain, period) == n


# (grain, period, top clients, top client's allocated cost): cost per output = the service-month's
# allocated cost / its outputs; a client's cost = sum over their outputs of the months
HEAVY_USERS = [
    ("month", DEC, 1, 6175.0),  # 6 clients -> 1; P2 = V4 1775 + 8 x 400 + SP3 1200
    ("month", JAN, 1, 4650.0),  # 10 -> 1; P10 = TEH 3250 + 5 x 280
    ("month", FEB, 1, 1930.0 + 2 * 5360 / 11 + 3360.0),  # P5
    ("quarter", Q1, 1, 4650.0 + 9 * 5360 / 11),  # P10
]


@pytest.mark.parametrize("grain, period, top, top_cost", HEAVY_USERS)
def test_heavy_users(b, grain, period, top, top_cost):
    got = row(
        b,
        "select top_clients, top_allocated_cost_eur from marts.heavy_users where county_code = '08' "
        "and period_grain = ? and period_start = ?",
        [grain, period],
    )
    assert got[0] == top
    assert close(got[1], top_cost)


def test_top10_cost_share_january(figures):
    # the one period where every reading agrees: 10 clients (top group 1) and every euro has a client
    assert close(value(figures, "top10_cost_share_pct", "month", JAN), 4650.0 / 20200.0 * 100)


# ------------------------------------------------- quality

# (grain, period, pct): by month of discharge, new admission within 30 days
READMISSIONS = [
    ("month", DEC, 50.0),  # EP1 -> EP2 30 days (yes), EP3 -> EP4 31 days (no)
    ("month", JAN, 100 / 3),  # EP2 no, EP9 -> EP7 21 days yes, EP10 no
    ("month", FEB, 0.0),  # EP4 no, EP6 no; EP7 open is no discharge
    ("quarter", Q4, 50.0),
    ("quarter", Q1, 20.0),  # 1 / 5 (EP6 discharged on its admission day is a discharge)
]


@pytest.mark.parametrize("grain, period, pct", READMISSIONS)
def test_readmissions(figures, grain, period, pct):
    assert close(value(figures, "readmissions_30d_pct", grain, period), pct)


# (grain, period, service, nps)
NPS = [
    ("month", DEC, None, 100.0),  # one 10
    ("month", JAN, PTH, 20.0),  # (5 promoters - 3 detractors) / 10; 8 and 7 passive
    ("month", JAN, OS, 0.0),  # 10, 2
    ("month", JAN, None, 200 / 12),  # (6 - 4) / 12
    ("month", JAN, TEH, None),  # no answers
    ("month", FEB, PTH, 25.0),  # 9, 7, 8, 8
    ("quarter", Q1, PTH, 300 / 14),
    ("quarter", Q1, None, 18.75),  # (7 - 4) / 16
]


@pytest.mark.parametrize("grain, period, service, nps", NPS)
def test_feedback_nps(figures, grain, period, service, nps):
    assert close(value(figures, "feedback_nps", grain, period, service=service), nps)


# ------------------------------------------------- publishable twin

# (measure, grain, period, breakdown, value shown or None when suppressed, is_suppressed)
PUBLIC = [
    ("clients", "quarter", Q1, {"service": PTH}, 7.0, False),
    ("clients", "month", DEC, {}, 6.0, False),
    ("clients", "month", JAN, {"service": OS}, None, True),  # 4
    ("clients", "month", DEC, {"service": TEH}, None, True),  # 1
    ("clients", "month", DEC, {"service": SUU}, 0.0, False),  # 0 is shown
    ("clients", "month", FEB, {"segment": "children_youth"}, 0.0, False),
    ("clients", "month", JAN, {"muni": "837"}, 5.0, False),
    ("clients", "month", JAN, {"muni": "604"}, None, True),  # 2
    ("cost_per_client_eur", "month", DEC, {}, 3100.0, False),
    ("cost_per_client_eur", "month", JAN, {"service": OS}, None, True),  # computed from 4 clients
    ("cost_per_client_eur", "quarter", Q1, {"service": PTH}, 16120.0 / 7, False),
    ("clients_health_and_social", "quarter", Q1, {}, None, True),  # 4
    ("cost_per_resident_eur", "month", DEC, {"service": TEH}, 3.9, False),  # not a count of persons
    ("allocated_cost_eur", "month", DEC, {"service": TEH}, 3900.0, False),
]


@pytest.mark.parametrize("measure, grain, period, breakdown, shown, suppressed", PUBLIC)
def test_public(figures, measure, grain, period, breakdown, shown, suppressed):
    got_value, got_suppressed = kf(figures, measure, grain, period, table="key_figures_public", **breakdown)
    assert got_suppressed is suppressed
    assert close(got_value, shown)


# ------------------------------------------------- cost per output (productivity, service_unit_costs)

# (grain, period, service, column, euros): allocated cost / outputs of the service in the period
PER_OUTPUT = [
    ("month", JAN, PTH, "cost_per_visit_eur", 1680.0),  # 8400 / 5 visits (every contact type)
    ("month", JAN, OS, "cost_per_care_day_eur", 280.0),  # 5600 / 20 care days
    ("month", JAN, TEH, "cost_per_service_day_eur", 3250.0 / 24),  # SP1 1.-24.1.
    ("month", JAN, KOTI, "cost_per_service_day_eur", 287.5),  # 1150 / 4 (SP3 1.-4.1.)
    ("quarter", Q1, PTH, "cost_per_visit_eur", 16120.0 / 9),
    ("quarter", Q1, OS, "cost_per_care_day_eur", 10960.0 / 31),  # 20 + 11
]


@pytest.mark.parametrize("grain, period, service, column, euros", PER_OUTPUT)
def test_cost_per_output(b, grain, period, service, column, euros):
    (got,) = row(
        b,
        f"select {column} from marts.service_unit_costs where county_code = '08' and period_grain = ? "
        "and period_start = ? and service_code = ? and segment is null",
        [grain, period, service],
    )
    assert close(got, euros)
