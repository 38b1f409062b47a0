"""The benchmark command keeps working (a small run; the figures are printed, not asserted on speed).

The run is ``bench --incremental``: the generated folder without its last
month is built in full, the month added and built again on the same
database, and that incremental build compared table by table with the
full build of the whole folder (which gives the plain benchmark's figures).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from tietopohja.bench import BASELINE_SQL, _build_options, bench, landing_for
from tietopohja.paths import REFERENCE_SEEDS_DIR


def test_small_incremental_bench_prints_every_figure(tmp_path):
    args = argparse.Namespace(
        residents=300,
        years=1,
        county="01",
        seed=7,
        data_dir=tmp_path / "landing",
        threads=2,
        memory_limit="4GB",
        skip_baseline=False,
        incremental=True,
        # the models and seeds only: the data tests read the same tables (equal to the full build's,
        # asserted below); the default, the production build, is test_the_default_build_is_production's
        models_only=True,
        work_dir=tmp_path / "work",
    )
    lines: list[str] = []
    figures = bench(args, out=lines.append)
    for name in (
        "residents",
        "landed_rows_total",
        "parse_wall_seconds",
        "build_wall_seconds",
        "build_peak_rss_mib",
        "build_cpu_seconds",
        "landed_rows_per_second",
        "baseline_wall_seconds",
        "build_to_baseline_ratio",
        "incremental_build_wall_seconds",
        "incremental_to_full_ratio",
    ):
        assert figures[name] > 0, name
        assert any(line.startswith(f"{name}: ") for line in lines), name
    # adding the last month on top of the earlier build gives the full build's tables
    assert figures["incremental_equals_full"] is True, [line for line in lines if line.startswith("differs")]
    assert "incremental_equals_full: true" in lines
    # the month was split off the whole-year files and delivered as files of its own
    delivered = {p.name for p in (tmp_path / "work" / "landing_incremental").rglob("*_2024-12.*")}
    assert {"gl_entries_01_2024-12.csv", "visits_01_2024_2024-12.csv"} <= delivered, delivered
    assert figures["build_seconds[model]"] > 0
    assert "build_seconds[seed]" in figures
    # --models-only: no data or unit tests
    assert "build_seconds[test]" not in figures and "build_seconds[unit_test]" not in figures
    # where the incremental build's time went: by kind and its slowest models
    assert figures["incremental_build_seconds[model]"] > 0
    slowest = [k for k in figures if k.startswith("incremental_model_seconds[")]
    assert len(slowest) == 5 and all(figures[k] >= 0 for k in slowest), slowest
    # steal time: what a shared machine's other guests took while the build ran (0 on its own)
    assert figures["build_cpu_steal_seconds"] >= 0 and figures["baseline_cpu_steal_seconds"] >= 0
    # node times and the time outside them account for the build
    assert 0 < figures["build_outside_nodes_seconds"] < figures["build_wall_seconds"]
    manifest_rows = sum(v for k, v in figures.items() if k.startswith("landed_rows["))
    assert manifest_rows == figures["landed_rows_total"]
    # a second run reuses the generated folder (its manifest), generating nothing
    lines.clear()
    landing, manifest = landing_for(args, progress=lines.append)
    assert lines == [f"reusing {args.data_dir}"]
    assert landing == args.data_dir
    assert sum(e["rows_written"] for e in manifest["entities"].values()) == figures["landed_rows_total"]
    # a folder another version of the generator wrote is generated again, not measured
    path = args.data_dir / "_manifest.json"
    path.write_text(path.read_text(encoding="utf-8").replace(manifest["generator_digest"], "0" * 64), "utf-8")
    lines.clear()
    landing, again = landing_for(args, progress=lines.append)
    assert lines[0] == f"generating {args.data_dir} again: another version of the generator wrote it"
    assert again["generator_digest"] == manifest["generator_digest"] != "0" * 64
    assert again["entities"] == manifest["entities"]  # the same generator and arguments: the same files


def test_the_default_build_is_production():
    """What bench builds: by default every model, seed and data test without the unit tests (the build
    a county runs); --unit-tests adds them, --models-only leaves the tests out."""

    def options(**flags) -> list[str] | None:
        return _build_options(argparse.Namespace(**flags))

    assert options() == ["--exclude-resource-type", "unit_test"]
    assert options(models_only=False, unit_tests=False) == ["--exclude-resource-type", "unit_test"]
    assert options(unit_tests=True) is None
    assert options(models_only=True) == ["--exclude-resource-type", "test", "unit_test"]


def test_baseline_matches_the_ledger_of_the_fixture(tmp_path):
    """The baseline computes real numbers: landing_small's operating cost by hand."""
    from conftest import FIXTURES

    con = duckdb.connect()
    con.execute(
        BASELINE_SQL.read_text(encoding="utf-8").format(landing=FIXTURES / "landing_small", seeds=REFERENCE_SEEDS_DIR)
    )
    rows = dict(
        con.execute(
            "select strftime(month_start, '%Y-%m'), operating_cost_eur from baseline_key_figures "
            "where operating_cost_eur is not null"
        ).fetchall()
    )
    # E1 10000 + E2 5100.50 (re-delivered) + E4 1200 + E5 3000 + E6 (unparseable, not counted)
    assert rows["2024-01"] == 19300.50
    # the baseline has no quarantine: E9 (posting date 30.2.) is in its period, the build quarantines it
    assert rows["2024-02"] == 13500.25 + 100


def test_compare_databases_pairs_sums_on_a_rounding_boundary_but_not_real_differences(tmp_path):
    """A parallel sum can land on either side of the 6th decimal the comparison rounds to (seen:
    4620.9740625 as ...062 in one build, ...063 in the other): equal. A real difference is reported."""
    from tietopohja.bench import compare_databases

    def db(name: str, rows: list[tuple]) -> Path:
        path = tmp_path / f"{name}.duckdb"
        con = duckdb.connect(str(path))
        con.execute("create schema intermediate")
        con.execute("create table intermediate.costs (service varchar, segment varchar, cost double)")
        con.executemany("insert into intermediate.costs values (?, ?, ?)", rows)
        con.close()
        return path

    base = [("A", None, 1.0), ("B", "elderly", 2.5)]
    full = db("full", [*base, ("C", None, 4620.974062500001)])
    incremental = db("incremental", [*base, ("C", None, 4620.974062499999)])
    other = db("other", [*base, ("C", None, 4620.9741)])
    assert compare_databases(full, incremental) == {}
    assert compare_databases(full, other) == {"intermediate.costs": (1, 1)}
