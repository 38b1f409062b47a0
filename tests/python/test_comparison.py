"""The county comparison on the two-county sample: ranks, median and differences."""

from __future__ import annotations

import pytest


def test_two_counties_side_by_side(sample_build):
    rows = sample_build.query(
        "select measure_code, stat_year, county_code, value, value_rank, counties_compared, median_value, "
        "difference_to_median from public.key_figures_county_comparison where stat_year = 2025 order by 1, 3"
    )
    by_measure: dict[str, list[tuple]] = {}
    for row in rows:
        by_measure.setdefault(row[0], []).append(row)
    assert by_measure["operating_cost_eur"][0][2] == "01" and by_measure["operating_cost_eur"][1][2] == "17"
    for measure, pair in by_measure.items():
        values = [r[3] for r in pair if r[3] is not None]
        if len(values) != 2:
            continue
        a, b = pair
        # the median of two counties is their mean; each differs from it by half the gap
        assert a[6] == pytest.approx((a[3] + b[3]) / 2), measure
        assert a[7] == pytest.approx(a[3] - a[6]) and b[7] == pytest.approx(b[3] - b[6]), measure
        assert a[5] == b[5] == 2, measure
        if a[3] != b[3]:
            assert {a[4], b[4]} == {1, 2}, measure
            assert (a[4] == 1) == (a[3] > b[3]), measure


def test_comparison_reads_the_published_yearly_values(sample_build):
    mismatches = sample_build.scalar(
        "select count(*) from public.key_figures_county_comparison as c "
        "join public.key_figures_public as k on k.county_code = c.county_code and k.measure_code = c.measure_code "
        "and k.period_grain = 'year' and year(k.period_start) = c.stat_year and k.service_code is null "
        "and k.segment is null and k.production_mode is null and k.municipality_code is null "
        "where k.value is distinct from c.value"
    )
    assert mismatches == 0
    counties = sample_build.query("select distinct county_code from public.key_figures_county_comparison order by 1")
    assert counties == [("01",), ("17",)]
