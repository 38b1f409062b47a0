"""The semantic layer (models/marts/semantic/) over the published key figures.

- dbt parses it (the sample build writes ``semantic_manifest.json``): one
  semantic model on key_figures_public, the headline metrics, each picking
  one registered measure's whole-county month rows.
- The measures the metrics add up over months really are additive on the
  sample: the months of every quarter and year sum to the published quarter
  and year rows; residents (a stock) is the period's last month.
- With MetricFlow installed (``dbt-metricflow``), ``mf validate-configs``
  passes and ``mf query`` gives the published yearly values per county.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tietopohja.dbt_runner import run_measured
from tietopohja.paths import PROJECT_DIR

#: metric → measure code for the metrics that add month rows up
ADDITIVE = {
    "operating_cost_eur",
    "operating_income_eur",
    "net_cost_eur",
    "budget_cost_eur",
    "allocated_cost_eur",
    "outpatient_visits",
    "htv_paid",
    "htv_worked",
    "staffing_weeks_below_minimum",
}
STOCKS = {"residents"}
DERIVED = {"cost_per_resident_eur"}
BREAKDOWNS = ("service_code", "segment", "production_mode", "municipality_code")
WHOLE_COUNTY = " and ".join(f"{b} is null" for b in BREAKDOWNS)


@pytest.fixture(scope="module")
def semantic_manifest(sample_build) -> dict:
    path = sample_build.db_path.parent / "dbt_target" / "semantic_manifest.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _measure_code(metric: dict) -> str:
    codes = [
        m.group(1)
        for f in metric["filter"]["where_filters"]
        if (m := re.fullmatch(r"\{\{ Dimension\('key_figure__measure_code'\) \}\} = '(\w+)'", f["where_sql_template"]))
    ]
    assert len(codes) == 1, metric["name"]
    return codes[0]


def _register(sample_build) -> dict[str, tuple[str, bool]]:
    rows = sample_build.query("select measure_code, unit, is_person_count from marts.key_figure_measures")
    return {code: (unit, is_person) for code, unit, is_person in rows}


def test_semantic_model_and_metrics_parse(semantic_manifest, sample_build):
    (model,) = semantic_manifest["semantic_models"]
    assert model["name"] == "key_figures"
    assert model["node_relation"]["alias"] == "key_figures_public"  # published numbers only
    assert model["defaults"]["agg_time_dimension"] == "period_start"
    assert semantic_manifest["project_configuration"]["time_spines"][0]["node_relation"]["alias"] == "time_spine_days"

    metrics = {m["name"]: m for m in semantic_manifest["metrics"]}
    assert set(metrics) == ADDITIVE | STOCKS | DERIVED
    register = _register(sample_build)
    measures = {m["name"]: m for m in model["measures"]}
    for name in ADDITIVE | STOCKS:
        metric = metrics[name]
        assert metric["type"] == "simple"
        code = _measure_code(metric)
        assert code == name and code in register
        assert not register[code][1], f"{code} counts persons: not additive over months, may be suppressed"
        filters = {f["where_sql_template"] for f in metric["filter"]["where_filters"]}
        assert "{{ Dimension('key_figure__period_grain') }} = 'month'" in filters
        for b in BREAKDOWNS:
            assert f"{{{{ Dimension('key_figure__{b}') }}}} is null" in filters, (name, b)
        measure = measures[metric["type_params"]["measure"]["name"]]
        assert measure["agg"] == "sum"
        if name in STOCKS:
            assert measure["non_additive_dimension"]["name"] == "period_start"
            assert measure["non_additive_dimension"]["window_choice"] == "max"
        else:
            assert measure["non_additive_dimension"] is None
    derived = metrics["cost_per_resident_eur"]
    assert {m["name"] for m in derived["type_params"]["metrics"]} == {"allocated_cost_eur", "residents"}


def test_summed_measures_add_up_over_months(sample_build):
    """The rule the metrics rely on, on the sample's published rows."""
    codes = sorted(ADDITIVE)
    placeholders = ", ".join("?" for _ in codes)
    mismatches = sample_build.query(
        f"""
        with months as (
            select county_code, measure_code, value, period_start as month_start
            from public.key_figures_public
            where period_grain = 'month' and {WHOLE_COUNTY} and measure_code in ({placeholders})
                and value_status <> 'not_delivered'
        ),
        longer as (
            -- coverage: a period outside it is NULL (not_delivered); a partial one sums its covered months
            select county_code, measure_code, period_grain, period_start, value
            from public.key_figures_public
            where period_grain in ('quarter', 'year') and {WHOLE_COUNTY} and measure_code in ({placeholders})
                and value_status <> 'not_delivered'
        )
        select l.county_code, l.measure_code, l.period_grain, l.period_start, l.value, sum(m.value), count(m.value)
        from longer as l
        inner join months as m
            on m.county_code = l.county_code and m.measure_code = l.measure_code
            and date_trunc(l.period_grain, m.month_start) = l.period_start
        group by all
        having abs(coalesce(l.value, 0) - coalesce(sum(m.value), 0)) > 0.005 or count(m.value) <> count(*)
        """,
        codes + codes,
    )
    assert mismatches == []
    checked = sample_build.scalar(
        f"select count(*) from public.key_figures_public where period_grain = 'year' and {WHOLE_COUNTY} "
        f"and measure_code in ({placeholders}) and value <> 0",
        codes,
    )
    assert checked >= 2 * 2 * 8  # two counties, two full years, most measures non-zero


def _whole_county(alias: str) -> str:
    return " and ".join(f"{alias}.{b} is null" for b in BREAKDOWNS)


def test_residents_of_a_period_is_its_last_month(sample_build):
    rows = sample_build.query(
        f"""
        with months as (
            select county_code, period_start, value from public.key_figures_public as m
            where measure_code = 'residents' and period_grain = 'month' and {_whole_county("m")}
        ),
        longer as (
            select county_code, period_grain, period_start, value from public.key_figures_public as l
            where measure_code = 'residents' and period_grain in ('quarter', 'year') and {_whole_county("l")}
        ),
        last_months as (
            select l.county_code, l.period_grain, l.period_start, l.value, max(m.period_start) as last_month
            from longer as l
            inner join months as m
                on m.county_code = l.county_code and date_trunc(l.period_grain, m.period_start) = l.period_start
            group by all
        )
        select lm.county_code, lm.period_grain, lm.period_start, lm.value, m.value
        from last_months as lm
        inner join months as m on m.county_code = lm.county_code and m.period_start = lm.last_month
        """
    )
    # two counties, their years 2023-2025 and quarters 2023Q4-2025Q4 (coverage: 2023 is the population's
    # year-end 31.12.2023 alone)
    assert len(rows) >= 2 * (3 + 9)
    assert [r for r in rows if r[3] != r[4]] == []
    assert all(r[3] > 0 for r in rows)


def _mf() -> str | None:
    candidate = Path(sys.executable).with_name("mf")
    return str(candidate) if candidate.exists() else shutil.which("mf")


@pytest.fixture(scope="module")
def mf_project(sample_build, tmp_path_factory) -> tuple[str, Path, dict]:
    """A folder MetricFlow can run in: the project's config and the sample build's semantic manifest.

    ``mf`` reads ``<project>/target/semantic_manifest.json``; the sample build
    wrote its artefacts elsewhere, so they are put beside links to the config.
    """
    mf = _mf()
    if mf is None:
        pytest.skip("dbt-metricflow is not installed (mf not found)")
    root = tmp_path_factory.mktemp("mf")
    # src/: the dbt-duckdb plugins of profiles.yml (module_paths)
    for name in ("dbt_project.yml", "profiles.yml", "src"):
        (root / name).symlink_to(PROJECT_DIR / name)
    (root / "target").mkdir()
    shutil.copy(sample_build.db_path.parent / "dbt_target" / "semantic_manifest.json", root / "target")
    env = dict(os.environ)
    env.update(
        {
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "TIETOPOHJA_DB_PATH": str(sample_build.db_path),
            "DBT_PROFILES_DIR": str(root),
            "DBT_PROJECT_DIR": str(root),
        }
    )
    return mf, root, env


def test_metricflow_validates_the_configs(mf_project):
    mf, root, env = mf_project
    result = run_measured([mf, "validate-configs"], env=env, cwd=root, timeout=600)
    assert result.ok, result.output[-4000:]
    assert "ERRORS: 0" in result.output


def test_metricflow_query_gives_the_published_yearly_values(mf_project, sample_build):
    mf, root, env = mf_project
    metrics = sorted(ADDITIVE | STOCKS | DERIVED)
    out = root / "yearly.csv"
    result = run_measured(
        [
            mf,
            "query",
            "--metrics",
            ",".join(metrics),
            "--group-by",
            "metric_time__year,key_figure__county_code",
            "--csv",
            str(out),
        ],
        env=env,
        cwd=root,
        timeout=600,
    )
    assert result.ok, result.output[-4000:]
    with out.open(encoding="utf-8", newline="") as fh:
        got = {(r["key_figure__county_code"], r["metric_time__year"][:10]): r for r in csv.DictReader(fh)}
    published = sample_build.query(
        f"select county_code, cast(period_start as varchar), measure_code, value from public.key_figures_public "
        f"where period_grain = 'year' and {WHOLE_COUNTY} and measure_code in ({', '.join('?' for _ in metrics)})",
        metrics,
    )
    compared = 0
    for county, year, measure, value in published:
        if value is None:  # e.g. cost per resident of a year without costs
            continue
        row = got[(county, year)]
        assert math.isclose(float(row[measure]), value, rel_tol=1e-9, abs_tol=1e-6), (county, year, measure)
        compared += 1
    assert compared >= len(metrics) * 2 * 2
