"""Service-need projection and its backtest on one hand-made county
(tests/landing/service_need_projection; minimum-data spec, "Service-need projection").

County 01, coverage declared 2023-01 .. 2024-12 for every system: 2023 and 2024 are complete,
the base year is 2024. Persons (sex from the hetu, age on the year's last day):
P1 F 1.3.1983 (40 / 41: band 40-44, home 638), P2 F 15.6.1982 (42 at end 2024, 638),
P3 M 2.2.1948 (75 / 76: band 75-79, 434), P4 M 7.7.1947 (76 / 77, 434).

Residents: 31.12.2023 638 F41 100, 434 M76 50; 31.12.2024 638 F42 90, 638 F10 20, 434 M77 60.

2023: PTH visits in May: P1 2, P3 1; ledger CC_PTH 2023-05 3000 € -> 1000 € per visit.
      IAK_TEHOSTETTU (24-hour care, service days) P4 1.-11.10. = 10 days; CC_TEH 2023-10 1500 € -> 150 €/day.
2024: PTH visits in March: P1 3, P2 1 (working_age), P3 1 (elderly); CC_PTH 2024-03 5000 € -> 1000 €/visit.
      IAK P4 1.11.-1.12. = 30 days; CC_TEH 2024-11 6000 € -> 200 €/day.
Base-year rates (2024): F 40-44: PTH clients 2/90, visits 4/90; M 75-79: PTH clients 1/60,
visits 1/60, IAK clients 1/60, service days 30/60.

Projection test_2024: 2023 638 F41 95 (before the base year: not projected); 2025 638 F43 100,
638 F12 25 (a band without use), 434 M78 80; 2026 638 F44 110, 434 M79 90.5; and 434 sex 3
(quarantined). Scenarios from seeds/rules/projection_scenarios.csv: baseline 0/0, prevention
-1.5 %/0, cost_pressure 0/+2.5 %, compounded from 2024 (n = 1 in 2025, 2 in 2026).
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, build_folder, close, row

FOLDER = FIXTURES / "service_need_projection"
MART = "marts.service_need_projection"
BACKTEST = "marts.service_need_projection_backtest"


@pytest.fixture(scope="module")
def b(tmp_path_factory):
    return build_folder(tmp_path_factory, FOLDER, "service_need_projection")


def _cell(b, scenario, year, municipality, service, segment):
    return row(
        b,
        f"select base_year, residents, clients, visits, care_days, service_days, allocated_cost_eur from {MART} "
        "where county_code = '01' and projection = 'test_2024' and scenario = ? and projected_year = ? "
        "and municipality_code = ? and service_code = ? and segment = ?",
        [scenario, year, municipality, service, segment],
    )


def _check(got, expected):
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert close(g, e), (got, expected)


def test_landing_projection_rows_staged_and_quarantined(b):
    # 7 rows read: the sex-3 row is out of range; the other 6 staged
    assert row(
        b,
        "select rows_read, rows_staged, rows_quarantined from marts.landing_row_accounting "
        "where entity = 'population/projections'",
    ) == (7, 6, 1)
    assert row(
        b,
        "select source_line, reasons from marts.landing_quarantine where entity = 'population/projections'",
    ) == (8, "out_of_range(sex)")


def test_grid_years_and_scenarios(b):
    # years from the base year on: 2025, 2026 (2023 left out); 2 municipalities; the base year's
    # service x segment cells: PTH working_age, PTH elderly, IAK elderly; 3 scenarios
    assert b.query(f"select distinct projected_year, base_year from {MART} order by 1") == [(2025, 2024), (2026, 2024)]
    assert b.scalar(f"select count(*) from {MART}") == 2 * 2 * 3 * 3
    assert b.query(f"select distinct scenario from {MART} order by 1") == [
        ("baseline",),
        ("cost_pressure",),
        ("prevention",),
    ]


def test_baseline_2025_outpatient_band_40_44(b):
    # 638 in 2025: residents 100 (F43) + 25 (F12) = 125; F 40-44: 100 x 2/90 clients,
    # 100 x 4/90 visits x 1000 EUR
    _check(
        _cell(b, "baseline", 2025, "638", "PTH_VASTAANOTTO", "working_age"),
        (2024, 125, 200 / 90, 400 / 90, 0, 0, 400 / 90 * 1000),
    )


def test_baseline_2025_band_75_79(b):
    # 434 in 2025: M78 80; PTH elderly 80/60 clients and visits; IAK 80/60 clients,
    # 80 x 30/60 = 40 service days x 200 EUR = 8000
    _check(
        _cell(b, "baseline", 2025, "434", "PTH_VASTAANOTTO", "elderly"),
        (2024, 80, 80 / 60, 80 / 60, 0, 0, 80 / 60 * 1000),
    )
    _check(_cell(b, "baseline", 2025, "434", "IAK_TEHOSTETTU", "elderly"), (2024, 80, 80 / 60, 0, 0, 40, 8000))


def test_no_use_in_a_municipality_is_zero(b):
    # 638 has no men aged 75-79: its IAK row is 0, not missing
    _check(_cell(b, "baseline", 2025, "638", "IAK_TEHOSTETTU", "elderly"), (2024, 125, 0, 0, 0, 0, 0))


def test_scenarios_compound_from_the_base_year(b):
    # 2026, 434 M79 90.5: baseline 90.5 x 0.5 = 45.25 service days, x 200 = 9050 EUR
    _check(_cell(b, "baseline", 2026, "434", "IAK_TEHOSTETTU", "elderly"), (2024, 90.5, 90.5 / 60, 0, 0, 45.25, 9050))
    # prevention: use rates x 0.985^2 (cost follows the outputs)
    f = 0.985**2
    _check(
        _cell(b, "prevention", 2026, "434", "IAK_TEHOSTETTU", "elderly"),
        (2024, 90.5, 90.5 / 60 * f, 0, 0, 45.25 * f, 9050 * f),
    )
    # cost pressure: use as in the baseline, cost per output x 1.025^2
    _check(
        _cell(b, "cost_pressure", 2026, "434", "IAK_TEHOSTETTU", "elderly"),
        (2024, 90.5, 90.5 / 60, 0, 0, 45.25, 9050 * 1.025**2),
    )
    # one year out: 638 F44 110 in 2026 under prevention x 0.985^2; in 2025 x 0.985
    _check(
        _cell(b, "prevention", 2026, "638", "PTH_VASTAANOTTO", "working_age"),
        (2024, 110, 220 / 90 * f, 440 / 90 * f, 0, 0, 440 / 90 * 1000 * f),
    )
    _check(
        _cell(b, "prevention", 2025, "638", "PTH_VASTAANOTTO", "working_age"),
        (2024, 125, 200 / 90 * 0.985, 400 / 90 * 0.985, 0, 0, 400 / 90 * 1000 * 0.985),
    )


def test_backtest_error_per_service(b):
    # 2024 projected from 2023's rates (F 40-44: PTH 1/100 clients, 2/100 visits; M 75-79: PTH 1/50
    # clients and visits, IAK 1/50 clients, 10/50 service days) and 2024's residents (F 40-44 90,
    # M 75-79 60): PTH clients 0.9 + 1.2 = 2.1 vs 3 actual; visits 1.8 + 1.2 = 3 vs 5;
    # cost 3 x 1000 = 3000 vs 5000; IAK clients 1.2 vs 1; service days 12 vs 30; cost 12 x 150 = 1800 vs 6000
    rows = b.query(
        f"select service_code, measure, rate_year, backtest_year, projected_value, actual_value, error, error_pct "
        f"from {BACKTEST} order by service_code, measure"
    )
    expected = [
        ("IAK_TEHOSTETTU", "allocated_cost_eur", 2023, 2024, 1800, 6000, -4200, -70),
        ("IAK_TEHOSTETTU", "clients", 2023, 2024, 1.2, 1, 0.2, 20),
        ("IAK_TEHOSTETTU", "service_days", 2023, 2024, 12, 30, -18, -60),
        ("PTH_VASTAANOTTO", "allocated_cost_eur", 2023, 2024, 3000, 5000, -2000, -40),
        ("PTH_VASTAANOTTO", "clients", 2023, 2024, 2.1, 3, -0.9, -30),
        ("PTH_VASTAANOTTO", "visits", 2023, 2024, 3, 5, -2, -40),
    ]
    assert len(rows) == len(expected)
    for got, exp in zip(rows, expected, strict=True):
        assert got[:4] == exp[:4]
        for g, e in zip(got[4:], exp[4:], strict=True):
            assert close(g, e), (got, exp)


def test_absent_projections_entity_gives_empty_marts(small_build):
    # landing_small delivers no population/projections (and only two months): the build passed
    # (small_build asserts it) and the marts are empty
    assert small_build.scalar("select count(*) from staging.stg_population__projections") == 0
    assert small_build.scalar(f"select count(*) from {MART}") == 0
    assert small_build.scalar(f"select count(*) from {BACKTEST}") == 0
