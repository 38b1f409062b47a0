"""Costs theme on a hand-made fixture (tests/landing/costs_small).

Expected figures are computed by hand from the fixture files:

Ledger 2024-01 (county 01): CC_PTH 4000 10 000 (internal), 4315 500
(voucher), income 3295 −800; CC_TEH 4300 6 000 (purchased); support CC_ICT
4500 1 200 (no drivers → paid HTV), support CC_RAV 4420 900 (drivers 1:2
to PTH:TEH), administration CC_HALL 4000 3 000 (paid HTV). 2024-02: CC_PTH
4000 1 000.

Paid HTV in January: T1 100 % at CC_PTH, T3 50 % at CC_TEH → PTH 2/3, TEH 1/3.

January allocated cost: PTH 10 000 + 500 + 2/3·1 200 + 1/3·900 + 2/3·3 000
= 13 600; TEH 6 000 + 1/3·1 200 + 2/3·900 + 1/3·3 000 = 8 000; total 21 600.

Outputs in January: PTH visits A (74 y) ×2, B (4 y), C (38 y) → elderly
2/4, children 1/4, working age 1/4; TEH service days D 15–24 Jan (10),
A 31 Jan (1). Clients: PTH 3 (A, B, C), TEH 2 (D, A), county 4.
Residents on 2023-12-31: 300; on 2024-12-31: 297 (the sex-3 row is
quarantined).
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, build_folder


@pytest.fixture(scope="module")
def costs_build(tmp_path_factory):
    return build_folder(tmp_path_factory, FIXTURES / "costs_small", "costs_small")


def kf(b, measure, grain, start, **breakdown):
    where = " and ".join(
        f"{col} = '{breakdown[col]}'" if col in breakdown else f"{col} is null"
        for col in ("service_code", "segment", "production_mode", "municipality_code")
    )
    rows = b.query(
        "select value, person_count from intermediate.int_key_figures__costs "
        f"where county_code = '01' and measure_code = ? and period_grain = ? and period_start = ? and {where}",
        [measure, grain, start],
    )
    assert len(rows) == 1, (measure, grain, start, breakdown, rows)
    return rows[0]


def test_operating_cost_income_net(costs_build):
    assert kf(costs_build, "operating_cost_eur", "month", "2024-01-01")[0] == pytest.approx(21600.00, abs=0.005)
    assert kf(costs_build, "operating_cost_eur", "month", "2024-01-01", production_mode="voucher")[0] == 500.00
    assert kf(costs_build, "operating_cost_eur", "month", "2024-01-01", production_mode="purchased")[0] == 6000.00
    assert kf(costs_build, "operating_cost_eur", "month", "2024-01-01", production_mode="own")[0] == 15100.00
    assert kf(costs_build, "operating_income_eur", "month", "2024-01-01")[0] == 800.00
    assert kf(costs_build, "net_cost_eur", "month", "2024-01-01")[0] == 20800.00
    assert kf(costs_build, "operating_cost_eur", "year", "2024-01-01")[0] == 22600.00
    assert kf(costs_build, "operating_cost_eur", "quarter", "2024-01-01")[0] == 22600.00
    # plan: version budget only; the latest forecast (forecast_2024-01: 9 800) is in the ledger view
    assert kf(costs_build, "budget_cost_eur", "month", "2024-01-01")[0] == 9000.00
    forecast = costs_build.scalar(
        "select sum(forecast_eur) from marts.cost_ledger where period_grain = 'month' and period_start = '2024-01-01'"
    )
    assert float(forecast) == 9800.00


def test_allocated_cost_by_service_and_segment(costs_build):
    pth, teh = "PTH_VASTAANOTTO", "IAK_TEHOSTETTU"
    jan, year = ("month", "2024-01-01"), ("year", "2024-01-01")
    cents = {"abs": 0.005}
    assert kf(costs_build, "allocated_cost_eur", *jan, service_code=pth)[0] == pytest.approx(13600.00, **cents)
    assert kf(costs_build, "allocated_cost_eur", *jan, service_code=teh)[0] == pytest.approx(8000.00, **cents)
    assert kf(costs_build, "allocated_cost_eur", *year, service_code=pth)[0] == pytest.approx(14600.00, **cents)
    assert kf(costs_build, "allocated_cost_eur", *jan, segment="elderly")[0] == pytest.approx(8000 + 6800, **cents)
    assert kf(costs_build, "allocated_cost_eur", *jan, segment="children_youth")[0] == pytest.approx(3400.00, **cents)
    assert kf(costs_build, "allocated_cost_eur", *jan, segment="working_age")[0] == pytest.approx(3400.00, **cents)
    # the receiving service centre with no HTV and no drivers (CC_ESH) gets nothing
    esh = costs_build.scalar("select count(*) from intermediate.int_costs_allocated where cost_center = 'CC_ESH'")
    assert esh == 0


def test_clients_and_cost_per_client(costs_build):
    jan = ("month", "2024-01-01")
    assert kf(costs_build, "clients", *jan) == (4.0, 4)
    assert kf(costs_build, "clients", *jan, service_code="PTH_VASTAANOTTO") == (3.0, 3)
    assert kf(costs_build, "clients", *jan, municipality_code="434") == (2.0, 2)
    assert kf(costs_build, "clients", "year", "2024-01-01") == (4.0, 4)  # distinct over the year, not a sum
    assert kf(costs_build, "cost_per_client_eur", *jan)[0] == pytest.approx(5400.00, abs=0.005)
    assert kf(costs_build, "cost_per_client_eur", *jan, service_code="PTH_VASTAANOTTO")[0] == pytest.approx(13600 / 3)
    teh = kf(costs_build, "cost_per_client_eur", *jan, service_code="IAK_TEHOSTETTU")
    assert teh == (pytest.approx(4000.0), 2)
    assert kf(costs_build, "cost_per_client_eur", "year", "2024-01-01")[0] == pytest.approx(22600 / 4)


def test_cost_per_resident_and_outputs(costs_build):
    assert kf(costs_build, "cost_per_resident_eur", "month", "2024-01-01")[0] == pytest.approx(21600 / 300)
    assert kf(costs_build, "cost_per_resident_eur", "year", "2024-01-01")[0] == pytest.approx(22600 / 297)
    row = costs_build.query(
        "select visits, service_days, cost_per_visit_eur, cost_per_service_day_eur from marts.service_unit_costs "
        "where period_grain = 'month' and period_start = '2024-01-01' and segment is null "
        "and service_code in ('PTH_VASTAANOTTO', 'IAK_TEHOSTETTU') order by service_code"
    )
    (teh_visits, teh_days, _, teh_per_day), (pth_visits, pth_days, pth_per_visit, _) = row
    assert (teh_visits, teh_days) == (0, 11)
    assert teh_per_day == pytest.approx(8000 / 11)
    assert (pth_visits, pth_days) == (4, 0)
    assert pth_per_visit == pytest.approx(13600 / 4)


def test_aura_view_keeps_administration_as_1101(costs_build):
    rows = dict(
        costs_build.query(
            "select aura_class, sum(operating_cost_eur) from marts.aura_income_statement "
            "where period_grain = 'month' and period_start = '2024-01-01' and aura_class in ('1101', '2536', '2211') "
            "group by aura_class"
        )
    )
    assert rows["1101"] == pytest.approx(3000.00)
    # PTH (2536): 10 500 direct + 2/3 of ICT 1 200 + 1/3 of meals 900 (support only)
    assert rows["2536"] == pytest.approx(10500 + 800 + 300)
    assert rows["2211"] == pytest.approx(6000 + 400 + 600)


def test_aura_reconciliation_analysis_by_hand(costs_build, tmp_path):
    """analyses/aura_income_statement_vs_ledger: 2024 costs 21 600 (January) + 1 000
    (February), income 800; 2023 (the population's year-end only) 0; the statement
    holds every euro (differences 0)."""
    from test_analyses import compile_analyses, run_analysis

    sql = compile_analyses(costs_build, tmp_path)["aura_income_statement_vs_ledger"]
    rows = run_analysis(costs_build, sql)
    assert [(r["county_code"], str(r["year_start"])) for r in rows] == [("01", "2023-01-01"), ("01", "2024-01-01")]
    assert (rows[0]["ledger_cost_eur"], rows[0]["statement_cost_eur"]) == (0, 0)
    row = rows[1]
    assert row["ledger_cost_eur"] == pytest.approx(22600.00) and row["statement_cost_eur"] == pytest.approx(22600.00)
    assert row["ledger_income_eur"] == pytest.approx(800.00) and row["statement_income_eur"] == pytest.approx(800.00)
    assert (row["cost_difference_eur"], row["income_difference_eur"]) == (0, 0)


def test_account_rules_are_data():
    """The account ranges live in seeds/rules/account_rules.csv (none in SQL), and the
    unit test test_gl_entries_account_rules is given exactly the seed's rows."""
    import csv

    import yaml

    from tietopohja.paths import PROJECT_DIR

    with (PROJECT_DIR / "seeds" / "rules" / "account_rules.csv").open(encoding="utf-8") as f:
        seed = [
            {k: int(v) if k in ("account_from", "account_to", "precedence") else v for k, v in r.items()}
            for r in csv.DictReader(f)
        ]
    assert {(r["rule_set"], r["value"], r["account_from"], r["account_to"]) for r in seed} == {
        ("account_class", "operating_cost", 4000, 4995),
        ("account_class", "operating_income", 3000, 3799),
        ("production_mode", "voucher", 4315, 4315),
        ("production_mode", "purchased", 4300, 4339),
    }
    doc = yaml.safe_load((PROJECT_DIR / "models/intermediate/costs/_costs__models.yml").read_text(encoding="utf-8"))
    (unit,) = [u for u in doc["unit_tests"] if u["name"] == "test_gl_entries_account_rules"]
    (given,) = [g["rows"] for g in unit["given"] if g["input"] == "ref('account_rules')"]
    assert given == seed
    macro = (PROJECT_DIR / "macros/costs/account_rules.sql").read_text(encoding="utf-8")
    code = "\n".join(line for line in macro.split("-#}", 1)[1].splitlines())
    assert not any(n in code for n in ("4000", "4995", "3000", "3799", "4315", "4300", "4339"))
