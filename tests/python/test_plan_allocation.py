"""The v1.1 cost measures (tests/landing/plan_allocation, one county, hand-made): the plan and
the latest forecast allocated to services by the actual costs' rule, forecast_cost_eur, the
ledger cost per resident and per client, and allocated_cost_eur by service+segment and
service+production_mode (minimum-data.md, "Measures and breakdowns added in v1.1").

Every expected number below was worked out by hand from the landing files.

County 08 (837 Tampere 600, 536 Nokia 400 residents on 31.12.2024 = 1000). Coverage declared:
ledger, patient, social, personnel January-February 2025; plan (finance/budget) and population
January-April 2025. Reporting periods: months 2025-01..04, quarters Q1 (Jan-Mar) and Q2 (Apr),
year 2025.

Cost centres: CC_A service PTH_VASTAANOTTO (by_age, unit U_A in 837), CC_B service
IAK_TEHOSTETTU (elderly, U_B in 536), CC_S support, CC_H administration.
Paid HTV of the receivers: January E1 (CC_A) 31 days and E2 (CC_B) 31 days -> key 1:1;
February E1 28, E2 28 and the fixed-term E3 (CC_B, 1.-28.2. only) 28 -> key A 1/3, B 2/3.
E4 sits on the support centre and receives nothing. Drivers of CC_S: January A 3, B 1;
March A 1, B 3; none in February.

Ledger (operating costs): January A 1000 own, B 2000 purchased (4300), S 400, H 200 (income
3295 -100 is no cost) = 3600; S by the drivers -> A 300, B 100; H by HTV -> A 100, B 100:
A 1400 (own), B 2200 (2000 purchased + 200 own). February A 1000 own + 500 voucher (4315),
B 1500, S 300, H 600 = 3900; S and H by the February HTV -> A 100 + 200, B 200 + 400:
A 1800 (1300 own, 500 voucher), B 2100 (own).

Segments of A (by visits): January P1 (1984, working_age) 1 visit, P3 (2014, children_youth)
1 -> 700 / 700; February P1 3, P3 1, P10 (1934, elderly) 1 -> 1080 / 360 / 360. B is elderly.
Clients (distinct persons): January P1, P3 (A) and P10 (B, service period 1.1.-28.2.) = 3;
February P1, P3, P10 (A and B, one person) = 3; Q1 3.

Plan (version budget), operating costs: January A 1000, B 2000, S 400, H 200 (= 3600; income
-50 left out) -> by January's drivers and HTV as the actuals: A 1400, B 2200. February A 1000,
B 2000, S 300, H 600 (= 3900) -> February HTV: A 1300, B 2600. March (outside the personnel
coverage) A 1000, B 2000, S 400 by March's drivers 1:3 -> A 100, B 300; H 300 by the HTV key
of February, the latest covered month (A 1/3, B 2/3 - not March's own 1:1 nor January's) ->
A 100, B 200: A 1200, B 2500 (= 3700). April A 1000, H 900 by February's key -> A 1300, B 600
(= 1900).
Forecasts: forecast_2025-01 has February (A 5000) and March (A 7777); forecast_2025-02 has
March (A 1100, H 300). Latest per month: January none (0), February forecast_2025-01 5000
(A), March forecast_2025-02 1400 (A 1100 + 100, B 200), April none (0).
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, build_folder, close, rel, row

FOLDER = FIXTURES / "plan_allocation"

JAN, FEB, MAR, APR = "2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"
Q1, Q2, Y = "2025-01-01", "2025-04-01", "2025-01-01"
A, B = "PTH_VASTAANOTTO", "IAK_TEHOSTETTU"

#: the plan allocated to services, by hand (see the module docstring)
BUDGET = {JAN: {A: 1400, B: 2200}, FEB: {A: 1300, B: 2600}, MAR: {A: 1200, B: 2500}, APR: {A: 1300, B: 600}}
FORECAST = {JAN: {A: 0, B: 0}, FEB: {A: 5000, B: 0}, MAR: {A: 1200, B: 200}, APR: {A: 0, B: 0}}


@pytest.fixture(scope="module")
def b(tmp_path_factory):
    return build_folder(tmp_path_factory, FOLDER, "plan_allocation")


@pytest.fixture(scope="module")
def figures(b):
    """Every key-figure row of county 08 in both tables, read once:
    (table, measure, grain, period, breakdown, service, segment, mode) -> (value, status, is_suppressed)."""
    out = {}
    for table in ("key_figures", "key_figures_public"):
        for key in b.query(
            "select measure_code, period_grain, cast(period_start as varchar), breakdown, service_code, segment, "
            f"production_mode, value, value_status, is_suppressed from {rel(table)} "
            "where county_code = '08' and municipality_code is null"
        ):
            k = (table, *key[:7])
            assert k not in out, k
            out[k] = tuple(key[7:])
    return out


def fig(figures, measure, grain, period, breakdown="total", service=None, segment=None, mode=None, table="key_figures"):
    return figures[(table, measure, grain, period, breakdown, service, segment, mode)]


@pytest.mark.parametrize("month", [JAN, FEB, MAR, APR])
def test_allocated_budget_by_service(figures, month):
    """Drivers (January, March), the month's HTV (January, February) and, outside the
    personnel coverage (March, April), the HTV key of February."""
    for service, expected in BUDGET[month].items():
        value, status, _ = fig(figures, "allocated_budget_cost_eur", "month", month, "service", service)
        assert close(value, expected), (month, service, value)
        assert status == "complete"
    value, status, _ = fig(figures, "allocated_budget_cost_eur", "month", month)
    assert close(value, sum(BUDGET[month].values())) and status == "complete"


def test_allocated_budget_quarters_and_year(figures):
    assert close(fig(figures, "allocated_budget_cost_eur", "quarter", Q1, "service", A)[0], 1400 + 1300 + 1200)
    assert close(fig(figures, "allocated_budget_cost_eur", "quarter", Q1, "service", B)[0], 2200 + 2600 + 2500)
    # Q2 and the year are partly outside the plan's coverage (April is its last month)
    assert fig(figures, "allocated_budget_cost_eur", "quarter", Q2) == (1900.0, "partial", False)
    assert fig(figures, "allocated_budget_cost_eur", "year", Y) == (13100.0, "partial", False)


@pytest.mark.parametrize("month", [JAN, FEB, MAR, APR])
def test_allocated_forecast_by_service(figures, month):
    for service, expected in FORECAST[month].items():
        value, status, _ = fig(figures, "allocated_forecast_cost_eur", "month", month, "service", service)
        assert close(value, expected), (month, service, value)
        assert status == "complete"


def test_forecast_cost_is_the_latest_forecast_of_each_month(figures):
    """forecast_2025-02 replaces forecast_2025-01 for March (1400, not 7777 or 9177); a month
    without any forecast inside the plan's coverage is 0; quarters sum their months."""
    expected = {JAN: 0.0, FEB: 5000.0, MAR: 1400.0, APR: 0.0}
    for month, value in expected.items():
        assert fig(figures, "forecast_cost_eur", "month", month) == (value, "complete", False), month
    assert fig(figures, "forecast_cost_eur", "quarter", Q1) == (6400.0, "complete", False)
    assert fig(figures, "forecast_cost_eur", "year", Y) == (6400.0, "partial", False)


def test_allocation_invariant_plan_and_forecast(figures):
    """Allocated plan = the plan's operating costs, allocated forecast = the forecast's, to the
    cent, in every period; the services add up to the whole county."""
    for grain, period in [("month", m) for m in (JAN, FEB, MAR, APR)] + [("quarter", Q1), ("quarter", Q2), ("year", Y)]:
        for allocated, plan in [
            ("allocated_budget_cost_eur", "budget_cost_eur"),
            ("allocated_forecast_cost_eur", "forecast_cost_eur"),
        ]:
            total = fig(figures, allocated, grain, period)[0]
            assert abs(total - fig(figures, plan, grain, period)[0]) < 0.005, (allocated, grain, period)
            by_service = sum(fig(figures, allocated, grain, period, "service", s)[0] for s in (A, B))
            assert abs(total - by_service) < 0.005, (allocated, grain, period)
    assert fig(figures, "budget_cost_eur", "year", Y)[0] == 13100.0


def test_plan_keys_use_the_latest_covered_month_htv(b):
    """The keys of the plan outside the personnel coverage are February's HTV (1/3, 2/3)."""
    rows = b.query(
        "select basis, cast(month_start as varchar), sender_cost_center, receiving_cost_center, allocation_method, "
        "cast(htv_month_start as varchar), share from intermediate.int_cost_allocation_keys "
        "where county_code = '08' and sender_cost_center = 'CC_H' and basis = 'budget' order by 2, 4"
    )
    expected = [
        ("budget", JAN, "CC_H", "CC_A", "htv", JAN, 1 / 2),
        ("budget", JAN, "CC_H", "CC_B", "htv", JAN, 1 / 2),
        ("budget", FEB, "CC_H", "CC_A", "htv", FEB, 1 / 3),
        ("budget", FEB, "CC_H", "CC_B", "htv", FEB, 2 / 3),
        ("budget", MAR, "CC_H", "CC_A", "htv", FEB, 1 / 3),
        ("budget", MAR, "CC_H", "CC_B", "htv", FEB, 2 / 3),
        ("budget", APR, "CC_H", "CC_A", "htv", FEB, 1 / 3),
        ("budget", APR, "CC_H", "CC_B", "htv", FEB, 2 / 3),
    ]
    assert [r[:6] for r in rows] == [e[:6] for e in expected]
    assert all(close(r[6], e[6]) for r, e in zip(rows, expected, strict=True))
    # March's support costs go by March's drivers, not by HTV
    assert b.query(
        "select receiving_cost_center, allocation_method, share from intermediate.int_cost_allocation_keys "
        "where basis = 'budget' and month_start = date '2025-03-01' and sender_cost_center = 'CC_S' order by 1"
    ) == [("CC_A", "driver", 0.25), ("CC_B", "driver", 0.75)]


def test_service_costs_mart_has_the_plan_on_service_rows(b):
    """service_costs: the allocated plan and forecast on rows without segment and municipality;
    the plan invariant holds at every grain; actual euros are untouched."""
    got = dict(
        b.query(
            "select service_code, sum(allocated_budget_eur) from marts.service_costs "
            "where period_grain = 'month' and period_start = date '2025-03-01' and account_class = 'operating_cost' "
            "group by 1"
        )
    )
    assert close(got[A], 1200) and close(got[B], 2500)
    assert row(
        b,
        "select sum(allocated_forecast_eur), sum(allocated_budget_eur), max(plan_status), max(value_status) "
        "from marts.service_costs "
        "where period_grain = 'quarter' and period_start = date '2025-01-01' and account_class = 'operating_cost' "
        "and segment is null and municipality_code is null",
    ) == (6400.0, 11200.0, "complete", "partial")
    # the ledger's rows keep their euros (Q1 = January + February) and get no plan
    assert row(
        b,
        "select sum(total_eur), sum(allocated_budget_eur) from marts.service_costs "
        "where period_grain = 'quarter' and period_start = date '2025-01-01' and account_class = 'operating_cost'",
    ) == (7500.0, 11200.0)
    # April: no ledger (total_eur NULL, not_delivered), the plan delivered
    assert row(
        b,
        "select sum(allocated_budget_eur), count(total_eur), max(value_status) from marts.service_costs "
        "where period_grain = 'month' and period_start = date '2025-04-01' and account_class = 'operating_cost'",
    ) == (1900.0, 0, "not_delivered")


@pytest.mark.parametrize(
    ("grain", "period", "per_resident", "per_client", "status"),
    [
        ("month", JAN, 3.6, 1200.0, "complete"),
        ("month", FEB, 3.9, 1300.0, "complete"),
        ("quarter", Q1, 7.5, 2500.0, "partial"),
    ],
)
def test_ledger_cost_per_resident_and_per_client(figures, b, grain, period, per_resident, per_client, status):
    """Ledger operating costs (3600, 3900; Q1 7500) ÷ 1000 residents and ÷ 3 distinct clients
    (P10 is a client of both services and counts once)."""
    assert fig(figures, "ledger_cost_per_resident_eur", grain, period) == (per_resident, status, False)
    assert fig(figures, "ledger_cost_per_client_eur", grain, period) == (per_client, status, False)
    # 3 clients: the per-client figure is suppressed in the public table, the per-resident one is not
    public = fig(figures, "ledger_cost_per_client_eur", grain, period, table="key_figures_public")
    assert public == (None, "suppressed", True)
    assert fig(figures, "ledger_cost_per_resident_eur", grain, period, table="key_figures_public")[0] == per_resident
    # the cost mart's whole-county row carries the same figures
    assert row(
        b,
        "select ledger_cost_eur, ledger_cost_per_resident_eur, ledger_cost_per_client_eur "
        "from marts.service_unit_costs "
        "where county_code = '08' and period_grain = ? and period_start = cast(? as date) "
        "and service_code is null and segment is null",
        [grain, period],
    ) == (per_resident * 1000, per_resident, per_client)


def test_ledger_cost_per_client_change(b):
    """The cost mart's change of the ledger cost per client: February 1300 against January 1200;
    March is outside the ledger's coverage: no change."""
    got = dict(
        b.query(
            "select cast(period_start as varchar), ledger_cost_per_client_eur_change from marts.service_unit_costs "
            "where county_code = '08' and period_grain = 'month' and service_code is null and segment is null "
            "and period_start in (?, ?)",
            [FEB, MAR],
        )
    )
    assert set(got) == {FEB, MAR} and close(got[FEB], 100.0) and got[MAR] is None


def test_ledger_ratios_not_delivered_outside_the_ledger(figures):
    for measure in ("ledger_cost_per_resident_eur", "ledger_cost_per_client_eur"):
        assert fig(figures, measure, "month", MAR) == (None, "not_delivered", False)


def test_allocated_cost_by_service_and_segment(figures):
    jan = {(A, "working_age"): 700, (A, "children_youth"): 700, (B, "elderly"): 2200}
    feb = {(A, "working_age"): 1080, (A, "children_youth"): 360, (A, "elderly"): 360, (B, "elderly"): 2100}
    q1 = {k: jan.get(k, 0) + feb[k] for k in feb}
    for grain, period, cells in [("month", JAN, jan), ("month", FEB, feb), ("quarter", Q1, q1)]:
        for (service, segment), value in cells.items():
            got = fig(figures, "allocated_cost_eur", grain, period, "service+segment", service, segment)[0]
            assert close(got, value), (grain, period, service, segment, got)
    # a cell the county has in some period is 0 in a period without euros in it
    assert fig(figures, "allocated_cost_eur", "month", JAN, "service+segment", A, "elderly")[0] == 0.0


def test_allocated_cost_by_service_and_production_mode(figures):
    expected = {
        ("month", JAN): {(A, "own"): 1400, (B, "purchased"): 2000, (B, "own"): 200, (A, "voucher"): 0},
        ("month", FEB): {(A, "own"): 1300, (A, "voucher"): 500, (B, "own"): 2100, (B, "purchased"): 0},
        ("quarter", Q1): {(A, "own"): 2700, (A, "voucher"): 500, (B, "purchased"): 2000, (B, "own"): 2300},
    }
    for (grain, period), cells in expected.items():
        for (service, mode), value in cells.items():
            got = fig(figures, "allocated_cost_eur", grain, period, "service+production_mode", service, None, mode)[0]
            assert close(got, value), (grain, period, service, mode, got)
        total = sum(
            fig(figures, "allocated_cost_eur", grain, period, "service+production_mode", s, None, m)[0]
            for s, m in cells
        )
        assert close(total, fig(figures, "operating_cost_eur", grain, period)[0])


def test_register_rows_of_the_new_measures(b):
    rows = b.query(
        "select measure_code, unit, source_group from marts.key_figure_measures "
        "where measure_code in ('forecast_cost_eur', 'allocated_budget_cost_eur', 'allocated_forecast_cost_eur', "
        "'ledger_cost_per_resident_eur', 'ledger_cost_per_client_eur') order by 1"
    )
    assert rows == [
        ("allocated_budget_cost_eur", "eur", "plan"),
        ("allocated_forecast_cost_eur", "eur", "plan"),
        ("forecast_cost_eur", "eur", "plan"),
        ("ledger_cost_per_client_eur", "eur", "ledger/patient+social"),
        ("ledger_cost_per_resident_eur", "eur", "ledger/population"),
    ]
