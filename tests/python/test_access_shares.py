"""Treatment within 7 and 14 days (issue #18) on tests/landing/access_shares, by hand.

Every expected number was worked out from ../shared/spec/minimum-data.md ("Measures and
breakdowns added in v1.1": `pc_treatment_within_7d_pct`, `_14d_pct`; "Coverage"; the
publishable variant) and the files, before the build was read.

County 08 (837 Tampere). delivery/coverage: finance 2024-01..05, patient 2024-02..05,
population from 2023-12, so the reporting periods run 2023-12 .. 2024-05 and the patient
measures are `not_delivered` in December and January, `partial` in 2024Q1, 2024Q2 and 2024.

patient/contacts (assessment → treatment, calendar days; the care-guarantee limit of primary
care in 2024 is 14 days):
  PTH_VASTAANOTTO  T1 1.3.→8.3. 7 (P1)   T2 1.3.→9.3. 8 (P1)   T3 1.3.→15.3. 14 (P2)
                   T4 1.3.→16.3. 15 (P2)  T5 10.3.→10.3. 0 (P3)  T6 20.2.→5.3. 14 (P3, leap year)
                   T7 2.4.→5.4. 3 (P4)    T8 assessed 22.4., no treatment yet (open: not counted)
                   T9 assessed 22.4., no treatment needed (no treatment wait)
  PTH_AVOKUNTOUTUS N1 4.3.→11.3. 7 (P4)  N2 4.3.→25.3. 21 (P5)
  SUUN_TH          O1 1.3.→5.3. 4 (P6): oral care, left out of the shares

Treatments started in March: PTH 6 (≤7: T1, T5; ≤14: T1, T2, T3, T5, T6), AVOKUNTOUTUS 2
(≤7 and ≤14: N1) -> county 8: 3 within 7 days (37.5 %), 6 within 14 days (75 %).
April: T7 alone (100 %, 100 %). February and May: no treatment started (NULL, inside the
coverage). Year 2024 = the 9 treatments of March and April: 4 and 7 of 9.

Suppression (key_figures_public): a share is suppressed when the treatments it is built on
number 1-4: AVOKUNTOUTUS in March (2), every April share (1). PTH in March rests on 6
treatments of 3 persons: a wait is the counted unit, so it is shown.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, build_folder, close, rel

FOLDER = FIXTURES / "access_shares"
PTH, KUN, SUU = "PTH_VASTAANOTTO", "PTH_AVOKUNTOUTUS", "SUUN_TH"
DEC23, JAN, FEB, MAR, APR, MAY = "2023-12-01", "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"
Q1, Q2, Y24 = "2024-01-01", "2024-04-01", "2024-01-01"
W7, W14 = "pc_treatment_within_7d_pct", "pc_treatment_within_14d_pct"


@pytest.fixture(scope="module")
def b(tmp_path_factory):
    return build_folder(tmp_path_factory, FOLDER, "access_shares")


@pytest.fixture(scope="module")
def figures(b):
    """(table, measure, grain, period, service) -> (value, is_suppressed, value_status), read once."""
    out = {}
    for table in ("key_figures", "key_figures_public"):
        for key_row in b.query(
            "select measure_code, period_grain, cast(period_start as varchar), service_code, "
            f"value, is_suppressed, value_status from {rel(table)} "
            "where county_code = '08' and measure_code like 'pc_treatment%' "
            "and segment is null and production_mode is null and municipality_code is null"
        ):
            key = (table, *key_row[:4])
            assert key not in out, key
            out[key] = key_row[4:]
    return out


def kf(figures, measure, grain, period, service=None, table="key_figures"):
    return figures[(table, measure, grain, period, service)]


# (measure, grain, period, service) -> the share by hand, key_figures (value_status complete
# for months inside the coverage, partial for the partly covered quarters and the year)
SHARES = {
    (W7, "month", MAR, None): 3 / 8 * 100,
    (W14, "month", MAR, None): 6 / 8 * 100,
    (W7, "month", MAR, PTH): 2 / 6 * 100,
    (W14, "month", MAR, PTH): 5 / 6 * 100,
    (W7, "month", MAR, KUN): 50.0,
    (W14, "month", MAR, KUN): 50.0,
    (W7, "month", APR, None): 100.0,
    (W14, "month", APR, None): 100.0,
    (W7, "month", APR, PTH): 100.0,
    (W7, "quarter", Q1, None): 3 / 8 * 100,
    (W14, "quarter", Q1, None): 6 / 8 * 100,
    (W7, "quarter", Q2, None): 100.0,
    (W7, "year", Y24, None): 4 / 9 * 100,
    (W14, "year", Y24, None): 7 / 9 * 100,
    (W7, "year", Y24, PTH): 3 / 7 * 100,
    (W14, "year", Y24, PTH): 6 / 7 * 100,
    (W7, "year", Y24, KUN): 50.0,
}


@pytest.mark.parametrize("key", list(SHARES), ids=lambda k: "-".join(str(p) for p in k))
def test_shares_by_hand(figures, key):
    measure, grain, period, service = key
    value, suppressed, status = kf(figures, *key)
    assert close(value, SHARES[key]), (key, value)
    assert not suppressed
    assert status == ("complete" if grain == "month" else "partial")


def test_no_treatment_is_null_inside_and_not_delivered_outside_the_coverage(figures):
    for measure in (W7, W14):
        # inside the patient coverage, nothing to average: NULL, complete (not 0)
        for period in (FEB, MAY):
            assert kf(figures, measure, "month", period) == (None, False, "complete")
        assert kf(figures, measure, "month", MAY, PTH) == (None, False, "complete")
        # outside it: NULL, not_delivered
        for period in (DEC23, JAN):
            assert kf(figures, measure, "month", period) == (None, False, "not_delivered")
            assert kf(figures, measure, "month", period, table="key_figures_public")[2] == "not_delivered"


def test_oral_care_is_left_out(figures):
    """O1 (oral care, 4 days) would make March 4/9 within 7 days; it has no share row at all,
    while pc_treatment_mean_days keeps pooling it: (7+8+14+15+0+14+7+21+4) / 9 = 10 days."""
    assert not [k for k in figures if k[1] in (W7, W14) and k[4] == SUU]
    assert close(kf(figures, "pc_treatment_mean_days", "month", MAR)[0], 10.0)
    assert close(kf(figures, "pc_treatment_mean_days", "month", MAR, SUU)[0], 4.0)


def test_public_suppresses_shares_of_one_to_four_treatments(figures):
    public = "key_figures_public"
    for measure in (W7, W14):
        # 2 treatments (AVOKUNTOUTUS, March and the year), 1 (every April share, 2024Q2)
        for grain, period, service in [
            ("month", MAR, KUN),
            ("year", Y24, KUN),
            ("month", APR, None),
            ("month", APR, PTH),
            ("quarter", Q2, None),
        ]:
            assert kf(figures, measure, grain, period, service, table=public) == (None, True, "suppressed"), (
                measure,
                grain,
                period,
                service,
            )
        # 8 and 6 treatments (6 of them by 3 persons): shown as in key_figures
        for service, expected in [
            (None, SHARES[(measure, "month", MAR, None)]),
            (PTH, SHARES[(measure, "month", MAR, PTH)]),
        ]:
            value, suppressed, status = kf(figures, measure, "month", MAR, service, table=public)
            assert close(value, expected) and not suppressed and status == "complete"
        # nothing to average is not a small number
        assert kf(figures, measure, "month", MAY, table=public) == (None, False, "complete")


def test_register_rows(b):
    rows = b.query(
        "select measure_code, unit, theme, source_group from marts.key_figure_measures "
        "where measure_code like 'pc_treatment_within%' order by 1"
    )
    assert rows == [(W14, "pct", "availability", "patient"), (W7, "pct", "availability", "patient")]


def test_marts_carry_the_shares(b):
    """availability_waits_by_service: the same counts and shares, every rule (oral care its own)."""
    got = {
        (r[0], r[1]): r[2:]
        for r in b.query(
            "select rule, service_code, waits, waits_within_7d, share_within_7d_pct, waits_within_14d, "
            "share_within_14d_pct from marts.availability_waits_by_service "
            "where period_grain = 'month' and period_start = ? and rule in ('pc_treatment', 'oral_treatment')",
            [MAR],
        )
    }
    expected = {
        ("pc_treatment", None): (8, 3, 37.5, 6, 75.0),
        ("pc_treatment", PTH): (6, 2, 2 / 6 * 100, 5, 5 / 6 * 100),
        ("pc_treatment", KUN): (2, 1, 50.0, 1, 50.0),
        ("oral_treatment", None): (1, 1, 100.0, 1, 100.0),
        ("oral_treatment", SUU): (1, 1, 100.0, 1, 100.0),
    }
    assert set(got) == set(expected)
    for key, (waits, n7, s7, n14, s14) in expected.items():
        g = got[key]
        assert (g[0], g[1], g[3]) == (waits, n7, n14), key
        assert close(g[2], s7) and close(g[4], s14), key
    # the year: 9 primary-care treatments of March and April
    year = b.query(
        "select waits, share_within_7d_pct, share_within_14d_pct from marts.availability_waits_by_service "
        "where period_grain = 'year' and period_start = ? and rule = 'pc_treatment' and service_code is null",
        [Y24],
    )
    assert year[0][0] == 9 and close(year[0][1], 4 / 9 * 100) and close(year[0][2], 7 / 9 * 100)
    # the public mart hides a share built on 1-4 waits, as it hides share_over_limit_pct: of
    # AVOKUNTOUTUS in March (2 waits) both; of the county the 7-day share (3 waits within 7
    # days), not the 14-day share (6 of 8)
    public = dict(
        ((r[0],), r[1:])
        for r in b.query(
            "select service_code, share_within_7d_pct, share_within_14d_pct, is_suppressed "
            f"from {rel('availability_waits_by_service_public')} "
            "where period_grain = 'month' and period_start = ? and rule = 'pc_treatment'",
            [MAR],
        )
    )
    assert public[(KUN,)] == (None, None, True)
    assert public[(None,)][0] is None and close(public[(None,)][1], 75.0)


def test_mart_changes_of_the_shares(b):
    """The shares' period changes: April (100 %, 100 %) against March (37.5 %, 75 %); March
    against February, which had no treatment (share NULL): no change."""
    got = {
        r[0]: r[1:]
        for r in b.query(
            "select cast(period_start as varchar), share_within_7d_pct_change, share_within_14d_pct_change "
            "from marts.availability_waits_by_service "
            "where period_grain = 'month' and rule = 'pc_treatment' and service_code is null "
            "and period_start in (?, ?)",
            [MAR, APR],
        )
    }
    assert close(got[APR][0], 62.5) and close(got[APR][1], 25.0)
    assert got[MAR] == (None, None)
