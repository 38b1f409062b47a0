"""The county comparison: ranks, median and differences on the two-county sample, and the same
comparison from the two counties built separately and compared through their exports."""

from __future__ import annotations

import argparse
import json
import math
import shutil

import duckdb
import pytest

from conftest import plain
from tietopohja.bench import bench
from tietopohja.dbt_runner import run_dbt
from tietopohja.paths import SAMPLE_LANDING_DIR


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


# --------------------------------------------------------------------------
# the national comparison from counties built separately (bench --separately)
# --------------------------------------------------------------------------

#: every column of the comparison but `source` (which says where a row comes from, and so differs)
COMPARED = (
    "county_code, measure_code, stat_year, value, unit, value_rank, counties_compared, median_value, "
    "difference_to_median, value_status"
)


@pytest.fixture(scope="module")
def separately(tmp_path_factory):
    """The sample's two counties built apart (models only), exported, and compared through the exports:
    ``bench --separately --landing-dir sample_data/landing --models-only``. Returns (figures, lines, work)."""
    work = tmp_path_factory.mktemp("separately")
    args = argparse.Namespace(
        separately=True,
        landing_dir=SAMPLE_LANDING_DIR,
        national=False,
        threads=2,
        memory_limit="4GB",
        models_only=True,
        work_dir=work,
    )
    lines: list[str] = []
    figures = bench(args, out=lines.append)
    return figures, lines, work


def _by_key(rows: list[tuple]) -> dict[tuple, tuple]:
    return {(r[0], r[1], r[2]): r[3:] for r in rows}


def test_counties_built_separately_compare_as_counties_built_together(sample_build, separately):
    """The invariant of the national route: each county built in its own database and compared
    through the others' exports gives the comparison of one build of them all."""
    _, _, work = separately
    together = _by_key(sample_build.query(f"select {COMPARED} from public.key_figures_county_comparison"))
    con = duckdb.connect(str(work / "17" / "bench.duckdb"), read_only=True)
    try:
        apart = _by_key(con.execute(f"select {COMPARED} from public.key_figures_county_comparison").fetchall())
        sources = dict(
            con.execute("select distinct county_code, source from public.key_figures_county_comparison").fetchall()
        )
    finally:
        con.close()
    assert len(together) > 100
    assert together.keys() == apart.keys()
    for key, (value, unit, rank, compared, median, difference, status) in together.items():
        other = apart[key]
        assert (unit, rank, compared, status) == (other[1], other[2], other[3], other[6]), key
        for a, b in ((value, other[0]), (median, other[4]), (difference, other[5])):
            assert (a is None) == (b is None) and (a is None or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)), key
    # county 17 is the build the comparison ran in: its own rows win over its export in the folder
    assert sources == {"17": "build", "01": "01/key_figures_public.parquet"}
    assert set(sample_build.query("select distinct source from public.key_figures_county_comparison")) == {("build",)}


def test_bench_separately_prints_one_figure_per_line(sample_build, separately):
    figures, lines, work = separately
    assert figures["counties_built"] == 2
    assert figures["comparison_counties"] == 2
    compared = sample_build.scalar("select count(*) from public.key_figures_county_comparison")
    assert figures["comparison_rows"] == compared
    # the counties' landed rows add up to those of the build of both
    landed = sample_build.scalar("select sum(rows_read) from marts.landing_row_accounting")
    assert figures["landed_rows_total"] == landed
    assert figures["county_landed_rows[01]"] + figures["county_landed_rows[17]"] == figures["landed_rows_total"]
    assert figures["county_landed_rows[01]"] > 0 and figures["county_landed_rows[17]"] > 0
    seconds = figures["county_build_wall_seconds[01]"] + figures["county_build_wall_seconds[17]"]
    assert figures["build_wall_seconds"] == pytest.approx(seconds, abs=0.11)
    for name in ("build_wall_seconds", "build_peak_rss_mib", "comparison_wall_seconds", "export_wall_seconds"):
        assert figures[name] > 0, name
    for name in figures:
        assert any(line.startswith(f"{name}: ") for line in lines), name
    # each county's folder holds only its own files (hard links to the sample's)
    for county in ("01", "17"):
        names = [p.name for p in (work / "landing" / county).rglob("*") if p.is_file()]
        assert names and all(f"_{county}" in n for n in names), county
    assert (work / "exports" / "01" / "key_figures_public.parquet").exists()


def test_a_file_that_is_no_key_figures_export_stops_the_comparison_with_one_message(separately, tmp_path):
    """Not Parquet, missing columns, a county in two files: one message naming each file and what to do."""
    _, _, work = separately
    folder = tmp_path / "comparison"
    exports = work / "exports" / "01"
    for rel, source in (
        ("06/key_figures_public.parquet", exports / "services.parquet"),
        ("a/key_figures_public.parquet", exports / "key_figures_public.parquet"),
        ("b/key_figures_public_01.parquet", exports / "key_figures_public.parquet"),
    ):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / rel)
    (folder / "07").mkdir()
    (folder / "07" / "key_figures_public.parquet").write_text("county_code,value\n07,1\n", encoding="utf-8")
    (folder / "07" / "services.csv").write_text("not read\n", encoding="utf-8")
    result = run_dbt(
        ["run", "--select", "key_figures_county_comparison"],
        db_path=work / "17" / "bench.duckdb",
        landing_dir=work / "landing" / "17",
        work_dir=tmp_path / "work",
        env={"TIETOPOHJA_COMPARISON_DIR": str(folder)},
    )
    output = plain(result.output)
    assert not result.ok
    assert "Traceback" not in output
    message = " ".join(output.split())
    assert f"{folder}/06/key_figures_public.parquet is not a key_figures_public export: it lacks column(s) " in message
    assert "county_code, measure_code, period_grain, period_start" in message
    assert f"{folder}/07/key_figures_public.parquet is not a Parquet file" in message
    assert (
        f"county 01 is in two exports, {folder}/a/key_figures_public.parquet and "
        f"{folder}/b/key_figures_public_01.parquet" in message
    )
    assert "Keep there only the key_figures_public.parquet files that `tietopohja export --format parquet`" in message
    assert "services.csv" not in message


def test_the_comparison_folder_is_listed_by_the_plugin(tmp_path):
    """An empty folder gives no file (the mart is this build's counties only); a missing one an error."""
    from tietopohja_duckdb import comparison_exports

    assert json.loads(comparison_exports(str(tmp_path))) == {"files": []}
    assert json.loads(comparison_exports(str(tmp_path / "missing"))) == {"error": f"{tmp_path}/missing is not a folder"}
