"""Honest coverage: no zero where nothing was delivered (minimum-data spec, "Coverage").

Real builds: the bundled sample (its delivery/coverage declares 2024-01 …
2025-12 for every system and 2023-12 … 2025-12 for the population, so 2023
is the population's alone: its year-end 31.12.2023) and two copies of tests/landing/landing_small
whose ledger starts a month later than the client data: January's postings
removed. Without a declaration the ledger's derived coverage is February
only (patient data run January–March, social January–February); with a
delivery/coverage file the declared windows win.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_folder, rel

JAN, FEB, MAR = "2024-01-01", "2024-02-01", "2024-03-01"
COST_MEASURES = ["operating_cost_eur", "operating_income_eur", "net_cost_eur", "allocated_cost_eur"]


def kf(build, measure, grain, start, table="key_figures", county="01", **breakdown):
    """(value, value_status, breakdown) of one key figure row."""
    where = " and ".join(
        f"{col} = ?" if breakdown.get(col) is not None else f"{col} is null"
        for col in ("service_code", "segment", "production_mode", "municipality_code")
    )
    params = [county, measure, grain, start] + [v for v in breakdown.values() if v is not None]
    rows = build.query(
        f"select value, value_status, breakdown from {rel(table)} where county_code = ? "
        f"and measure_code = ? and period_grain = ? and period_start = cast(? as date) and {where}",
        params,
    )
    assert len(rows) == 1, (measure, grain, start, breakdown, rows)
    return rows[0]


def _ledger_later(tmp_path_factory, name: str, coverage: str | None):
    landing = tmp_path_factory.mktemp(name) / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    for f in (landing / "finance").glob("gl_entries_2024-01*.csv"):
        f.unlink()
    if coverage is not None:
        (landing / "delivery").mkdir()
        (landing / "delivery" / "coverage.csv").write_text(coverage, encoding="utf-8")
    return build_folder(tmp_path_factory, landing, name)


@pytest.fixture(scope="module")
def ledger_later(tmp_path_factory):
    return _ledger_later(tmp_path_factory, "ledger_later", None)


#: finance declared from January (no postings then: 0 €, not missing), the
#: plan for the whole year, social care to March
DECLARED = """county_code,system,entity,first_month,last_month
01,finance,,2024-01,2024-03
01,finance,budget,2024-01,2024-12
01,social,,2024-01,2024-03
"""


@pytest.fixture(scope="module")
def declared(tmp_path_factory):
    return _ledger_later(tmp_path_factory, "ledger_later_declared", DECLARED)


# --------------------------------------------------------------------------
# every build: the invariants
# --------------------------------------------------------------------------


@pytest.fixture(params=["sample", "ledger_later", "declared"])
def any_build(request):
    return request.getfixturevalue({"sample": "sample_build"}.get(request.param, request.param))


def test_not_delivered_is_null_and_null_only_there(any_build):
    for table in ("key_figures", "key_figures_public"):
        assert any_build.query(
            f"select count(*) from {rel(table)} where value_status = 'not_delivered' and value is not null"
        ) == [(0,)]
        assert any_build.query(
            f"select count(*) from {rel(table)} where value_status = 'suppressed' and value is not null"
        ) == [(0,)]
    # suppressed in the public table exactly where the small-number rule applied
    assert any_build.query(
        "select count(*) from public.key_figures_public where (value_status = 'suppressed') <> is_suppressed"
    ) == [(0,)]
    assert any_build.query("select count(*) from marts.key_figures where value_status = 'suppressed'") == [(0,)]


def test_breakdown_names_the_breakdown_columns(any_build):
    rows = any_build.query(
        """
        select count(*) from marts.key_figures
        where breakdown <> coalesce(nullif(concat_ws('+',
            case when service_code is not null then 'service' end,
            case when segment is not null then 'segment' end,
            case when production_mode is not null then 'production_mode' end,
            case when municipality_code is not null then 'municipality' end), ''), 'total')
        """
    )
    assert rows == [(0,)]


def test_statuses_agree_between_the_tables(any_build):
    rows = any_build.query(
        """
        select count(*) from marts.key_figures as k
        inner join public.key_figures_public as p
            using (county_code, measure_code, period_grain, period_start)
        where k.service_code is not distinct from p.service_code
            and k.segment is not distinct from p.segment
            and k.production_mode is not distinct from p.production_mode
            and k.municipality_code is not distinct from p.municipality_code
            and p.value_status <> 'suppressed' and p.value_status <> k.value_status
        """
    )
    assert rows == [(0,)]


# --------------------------------------------------------------------------
# the bundled sample
# --------------------------------------------------------------------------


def test_sample_coverage_is_declared(sample_build):
    rows = sample_build.query(
        "select county_code, source_group, cast(first_month as varchar), cast(last_month as varchar), coverage_origin "
        "from intermediate.int_source_coverage order by 1, 2"
    )
    expected = []
    for county in ("01", "17"):
        for group in ("ledger", "patient", "personnel", "plan", "population", "social", "staffing"):
            first = "2023-12-01" if group == "population" else "2024-01-01"
            expected.append((county, group, first, "2025-12-01", "declared"))
    assert rows == expected


@pytest.mark.parametrize("county", ["01", "17"])
@pytest.mark.parametrize(
    "measure",
    # the known case: 2023 showed 0 € operating cost, 0 € per resident, 0 % turnover and 0 sick days
    ["operating_cost_eur", "cost_per_resident_eur", "turnover_permanent_pct", "sick_days_per_htv"]
    + ["allocated_cost_eur", "clients", "care_days", "htv_paid", "budget_cost_eur", "staffing_weeks_below_minimum"],
)
def test_sample_2023_is_not_delivered(sample_build, county, measure):
    for grain, start in [("year", "2023-01-01"), ("quarter", "2023-10-01"), ("month", "2023-12-01")]:
        assert kf(sample_build, measure, grain, start, county=county)[:2] == (None, "not_delivered")
        assert kf(sample_build, measure, grain, start, table="key_figures_public", county=county)[:2] == (
            None,
            "not_delivered",
        )


def test_sample_2023_has_the_population(sample_build):
    # the year-end 31.12.2023 covers December 2023: the year is partial, the month complete
    value, status, breakdown = kf(sample_build, "residents", "year", "2023-01-01")
    assert value > 0 and status == "partial" and breakdown == "total"
    assert kf(sample_build, "residents", "month", "2023-12-01")[1] == "complete"
    # nothing outside 2023 is not_delivered: every group covers 2024-2025
    assert sample_build.query(
        "select count(*) from marts.key_figures where value_status <> 'complete' and period_start >= '2024-01-01'"
    ) == [(0,)]


def test_sample_no_zero_cost_outside_the_ledger(sample_build):
    rows = sample_build.query(
        "select count(*) from marts.key_figures where measure_code in "
        "('operating_cost_eur', 'allocated_cost_eur', 'cost_per_resident_eur', 'net_cost_eur') "
        "and period_start < '2024-01-01' and (value is not null or value_status <> 'not_delivered')"
    )
    assert rows == [(0,)]


def test_sample_additive_measures_add_up_within_a_breakdown(sample_build):
    """Summing an additive measure within one breakdown gives its `total` row (the register's
    adds_over_breakdowns), e.g. allocated cost by service, segment and production mode per month."""
    rows = sample_build.query(
        """
        with kf as (
            select k.* from marts.key_figures as k
            inner join marts.key_figure_measures as m using (measure_code)
            where m.adds_over_breakdowns
        ),
        parts as (
            select county_code, measure_code, period_grain, period_start, breakdown, sum(value) as summed
            from kf where breakdown <> 'total'
            group by all
        )
        select parts.measure_code, parts.breakdown, parts.period_grain, count(*),
            count(*) filter (where abs(parts.summed - total.value) > 1e-6 * greatest(1, abs(total.value))),
            count(*) filter (where (parts.summed is null) <> (total.value is null))
        from parts
        inner join kf as total
            on total.breakdown = 'total'
            and parts.county_code = total.county_code and parts.measure_code = total.measure_code
            and parts.period_grain = total.period_grain and parts.period_start = total.period_start
        group by all order by all
        """
    )
    checked = {(m, b) for m, b, *_ in rows}
    assert {("allocated_cost_eur", "service"), ("allocated_cost_eur", "segment")} <= checked
    assert {("allocated_cost_eur", "production_mode"), ("residents", "municipality")} <= checked
    for measure, breakdown, grain, n, wrong, null_mismatch in rows:
        assert n > 0 and wrong == 0 and null_mismatch == 0, (measure, breakdown, grain, wrong, null_mismatch)


def test_sample_additive_measures_add_up_over_months(sample_build):
    rows = sample_build.query(
        """
        with kf as (
            select k.* from marts.key_figures as k
            inner join marts.key_figure_measures as m using (measure_code)
            where m.adds_over_months and k.value_status = 'complete'
        )
        select y.measure_code, count(*) filter (where abs(y.value - months.summed) > 1e-6 * greatest(1, abs(y.value)))
        from kf as y
        inner join (
            select county_code, measure_code, service_code, segment, production_mode, municipality_code,
                date_trunc('year', period_start) as year_start, sum(value) as summed
            from kf where period_grain = 'month' group by all
        ) as months
            on y.county_code = months.county_code and y.measure_code = months.measure_code
            and y.period_start = months.year_start
            and y.service_code is not distinct from months.service_code
            and y.segment is not distinct from months.segment
            and y.production_mode is not distinct from months.production_mode
            and y.municipality_code is not distinct from months.municipality_code
        where y.period_grain = 'year'
        group by all
        """
    )
    assert rows and all(wrong == 0 for _, wrong in rows), rows


# --------------------------------------------------------------------------
# a ledger that starts later than the client data, derived coverage
# --------------------------------------------------------------------------


def test_derived_coverage(ledger_later):
    rows = dict(
        ((g), (str(f), str(t), o))
        for g, f, t, o in ledger_later.query(
            "select source_group, first_month, last_month, coverage_origin from intermediate.int_source_coverage"
        )
    )
    assert rows["ledger"] == ("2024-02-01", "2024-02-01", "derived")
    assert rows["patient"] == ("2024-01-01", "2024-03-01", "derived")
    assert rows["social"] == ("2024-01-01", "2024-02-01", "derived")


@pytest.mark.parametrize("measure", COST_MEASURES + ["cost_per_resident_eur", "cost_per_client_eur"])
def test_costs_before_the_ledger_are_not_delivered(ledger_later, measure):
    for table in ("key_figures", "key_figures_public"):
        assert kf(ledger_later, measure, "month", JAN, table=table)[:2] == (None, "not_delivered")
        assert kf(ledger_later, measure, "month", MAR, table=table)[:2] == (None, "not_delivered")
    # the whole county's breakdown rows too: no 0 € in January anywhere
    assert ledger_later.query(
        "select count(*) from marts.key_figures where measure_code = ? and period_start = ? "
        "and period_grain = 'month' and (value is not null or value_status <> 'not_delivered')",
        [measure, JAN],
    ) == [(0,)]


def test_a_partly_covered_quarter_is_partial(ledger_later):
    # February's postings E7 10500.25 + E8 2000 + E10 1000 (test_key_figures)
    assert kf(ledger_later, "operating_cost_eur", "month", FEB) == (pytest.approx(13500.25), "complete", "total")
    assert kf(ledger_later, "operating_cost_eur", "quarter", JAN) == (pytest.approx(13500.25), "partial", "total")
    assert kf(ledger_later, "operating_cost_eur", "year", JAN) == (pytest.approx(13500.25), "partial", "total")
    assert kf(ledger_later, "allocated_cost_eur", "quarter", JAN)[:2] == (pytest.approx(13500.25), "partial")
    value, status, breakdown = kf(ledger_later, "allocated_cost_eur", "quarter", JAN, production_mode="voucher")
    assert (value, status, breakdown) == (pytest.approx(2000.0), "partial", "production_mode")
    # a ratio: complete only where both groups are complete
    assert kf(ledger_later, "cost_per_resident_eur", "month", FEB)[1] == "complete"
    assert kf(ledger_later, "cost_per_resident_eur", "quarter", JAN)[1] == "partial"


def test_client_data_are_unchanged_by_the_ledger(ledger_later):
    # clients (patient + social) of January: P1, P3, P5 (test_key_figures)
    assert kf(ledger_later, "clients", "month", JAN) == (3, "complete", "total")
    # a sum over groups: March is covered by patient data only
    assert kf(ledger_later, "care_days", "month", MAR)[1] == "partial"
    # needs both groups: social care is not covered in March
    assert kf(ledger_later, "clients_health_and_social", "month", MAR)[:2] == (None, "not_delivered")


# --------------------------------------------------------------------------
# the same data with a delivery/coverage file: the declared window wins
# --------------------------------------------------------------------------


def test_declared_coverage_wins(declared):
    rows = dict(
        (g, (str(f), str(t), o))
        for g, f, t, o in declared.query(
            "select source_group, first_month, last_month, coverage_origin from intermediate.int_source_coverage"
        )
    )
    assert rows["ledger"] == ("2024-01-01", "2024-03-01", "declared")
    assert rows["plan"] == ("2024-01-01", "2024-12-01", "declared")  # the entity's own row
    assert rows["social"] == ("2024-01-01", "2024-03-01", "declared")
    assert rows["patient"][2] == "derived"


def test_declared_months_without_postings_are_zero(declared):
    # the county says its January extract ran: no postings then is 0 €, complete
    assert kf(declared, "operating_cost_eur", "month", JAN) == (0.0, "complete", "total")
    assert kf(declared, "operating_cost_eur", "month", MAR) == (0.0, "complete", "total")
    assert kf(declared, "operating_cost_eur", "quarter", JAN) == (pytest.approx(13500.25), "complete", "total")
    # the year runs on past March: partial
    assert kf(declared, "operating_cost_eur", "year", JAN)[1] == "partial"
    # the plan is declared for the whole year: its later months are 0 and complete
    assert kf(declared, "budget_cost_eur", "month", "2024-12-01") == (0.0, "complete", "total")
    assert kf(declared, "budget_cost_eur", "year", JAN)[1] == "complete"
    assert kf(declared, "operating_cost_eur", "month", "2024-12-01")[:2] == (None, "not_delivered")
    # social care declared to March: both groups cover it
    assert kf(declared, "clients_health_and_social", "month", MAR)[1] == "complete"


# --------------------------------------------------------------------------
# the themed marts: value_status on every mart with period rows
# --------------------------------------------------------------------------

#: the themed marts that read the ledger, and their euro columns (NULL where the ledger is not delivered)
LEDGER_MARTS = {
    "aura_income_statement": ["operating_cost_eur", "operating_income_eur", "net_cost_eur"],
    "cost_ledger": ["actual_eur", "actual_eur_change", "actual_eur_change_yoy"],
    "service_costs": ["direct_eur", "allocated_support_eur", "allocated_administration_eur", "total_eur"],
    "service_unit_costs": ["allocated_cost_eur", "cost_per_resident_eur", "cost_per_client_eur"],
    "heavy_users": ["clients_allocated_cost_eur", "top_allocated_cost_eur", "top10_cost_share_pct"],
    "service_productivity": ["allocated_cost_eur", "cost_per_output_eur"],
}


def _columns(build):
    """{table: [columns in order]} of the marts and public schemas."""
    tables: dict[str, list[str]] = {}
    for table, column in build.query(
        "select table_name, column_name from information_schema.columns "
        "where table_schema in ('marts', 'public') order by table_name, ordinal_position"
    ):
        tables.setdefault(table, []).append(column)
    return tables


#: marts whose period columns name a figure of key_figures rather than measure a period: the revisions
#: between two builds carry that figure's value_status of both builds (old_value_status, new_value_status)
FIGURE_HISTORY_MARTS = {"key_figure_revisions"}


def test_every_mart_with_period_rows_carries_value_status(sample_build):
    tables = _columns(sample_build)
    with_periods = {
        t for t, cols in tables.items() if {"period_grain", "period_start"} <= set(cols)
    } - FIGURE_HISTORY_MARTS
    assert {"old_value_status", "new_value_status"} <= set(tables["key_figure_revisions"])
    # the themed marts of the brief, their public versions and the key figures
    assert {"cost_ledger", "personnel_by_service", "service_productivity", "readmissions_30d"} <= with_periods
    assert {"availability_waits_by_service_public", "key_figures_public"} <= with_periods
    for table in sorted(with_periods):
        assert tables[table][-1] == "value_status", (table, tables[table][-3:])
    # the manifest agrees: every model under models/marts/ whose YAML has period rows documents it last
    import json

    manifest = json.loads((sample_build.db_path.parent / "dbt_target" / "manifest.json").read_text(encoding="utf-8"))
    documented = {
        node["name"]: list(node["columns"])
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")
    }
    for name, cols in documented.items():
        if {"period_grain", "period_start"} <= set(cols) and name not in FIGURE_HISTORY_MARTS:
            assert cols[-1] == "value_status", name


#: marts whose columns follow their own source groups (value_status is the rates'): clients and outputs
#: the client data's, residents the population's, euros the ledger's, HTV personnel's. There only the
#: rates on the row's status are checked; service_productivity's every column has its own.
PER_COLUMN_MARTS = {"service_unit_costs", "service_use_by_resident_group", "service_use_per_1000", "morbidity_per_1000"}


#: service_costs' plan and forecast allocated to services: delivered where the plan is (plan_status), which
#: may run ahead of the ledger (value_status)
SERVICE_COSTS_PLAN_COLUMNS = ("allocated_budget_eur", "allocated_forecast_eur")


def test_themed_marts_not_delivered_is_null_never_zero(any_build):
    """A not_delivered row holds no number: its numeric columns (not the key `sex`) are NULL."""
    numeric = ("DOUBLE", "BIGINT", "INTEGER", "HUGEINT")
    tables: dict[str, list[str]] = {}
    for table, column, data_type in any_build.query(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema in ('marts', 'public') and table_name in ("
        "  select table_name from information_schema.columns "
        "  where table_schema in ('marts', 'public') and column_name = 'value_status') "
        "order by table_name, ordinal_position"
    ):
        base = table.removesuffix("_public")
        if base.startswith("key_figures") or base in ("cost_ledger", "service_productivity") or column == "sex":
            continue
        if base in PER_COLUMN_MARTS and not (
            "_per_1000" in column or (column.startswith("cost_per_") and "resident" not in column)
        ):
            continue
        if base == "service_costs" and column in SERVICE_COSTS_PLAN_COLUMNS:
            continue  # the plan's columns follow plan_status (checked below)
        if data_type in numeric or data_type.startswith("DECIMAL"):
            tables.setdefault(table, []).append(column)
    assert len(tables) == 36, sorted(tables)  # key_figure_components too: a figure's components carry its status
    for table, columns in tables.items():
        condition = " or ".join(f"{c} is not null" for c in columns)
        assert any_build.query(
            f"select count(*) from {rel(table)} where value_status = 'not_delivered' and ({condition})"
        ) == [(0,)], table
    plan = " or ".join(f"{c} is not null" for c in SERVICE_COSTS_PLAN_COLUMNS)
    assert any_build.query(
        f"select count(*) from marts.service_costs where plan_status = 'not_delivered' and ({plan})"
    ) == [(0,)]


def test_sample_2023_themed_marts_are_not_delivered(sample_build):
    # 2023 is the population's alone: no ledger, client or personnel data
    for table in LEDGER_MARTS:
        if table == "cost_ledger":
            continue
        rows = sample_build.query(f"select distinct value_status from {rel(table)} where period_start < '2024-01-01'")
        assert rows == [("not_delivered",)], table
    # the population marts: the year-end 31.12.2023 is there
    assert sample_build.query(
        "select distinct value_status from marts.population_structure where period_start = '2023-01-01'"
    ) == [("partial",)]
    assert (
        sample_build.query(
            "select count(*) from marts.population_structure where period_start = '2023-01-01' and residents > 0"
        )[0][0]
        > 0
    )


def test_public_marts_keep_the_internal_status(sample_build):
    tables = _columns(sample_build)
    public = [t for t in tables if t.endswith("_public") and t != "key_figures_public"]
    assert len(public) == 16
    for table in public:
        parent = table.removesuffix("_public")
        statuses = "select value_status, count(*) from {} group by 1 order by 1"
        assert sample_build.query(statuses.format(rel(table))) == sample_build.query(statuses.format(rel(parent))), (
            table
        )
    assert sample_build.query(
        "select count(*) from public.service_unit_costs_public where value_status = 'suppressed'"
    ) == [(0,)]


@pytest.mark.parametrize("table", sorted(LEDGER_MARTS))
def test_themed_costs_before_the_ledger_are_not_delivered(ledger_later, table):
    nulls = " and ".join(f"{c} is null" for c in LEDGER_MARTS[table])
    for start in (JAN, MAR):
        rows = ledger_later.query(
            f"select value_status, count(*), count(*) filter (where {nulls}) from {rel(table)} "
            "where period_grain = 'month' and period_start = cast(? as date) group by 1",
            [start],
        )
        # cost_ledger also holds the plan (declared by the budget lines, January–February): partial there
        expected = "partial" if table == "cost_ledger" and start == JAN else "not_delivered"
        assert [(s, n == n_null) for s, n, n_null in rows] == [(expected, True)], (table, start, rows)


def test_themed_costs_inside_the_ledger_are_unchanged(ledger_later):
    # February's postings E7 10500.25 + E8 2000 + E10 1000 (test_key_figures): 13,500.25 € operating cost
    q = ledger_later.query
    assert q(
        "select value_status, sum(operating_cost_eur) from marts.aura_income_statement "
        "where period_grain = 'month' and period_start = ? group by 1",
        [FEB],
    ) == [("complete", pytest.approx(13500.25))]
    assert q(
        "select value_status, sum(actual_eur), sum(budget_eur) from marts.cost_ledger "
        "where period_grain = 'month' and period_start = ? and account_class = 'operating_cost' group by 1",
        [FEB],
    ) == [("complete", pytest.approx(13500.25), pytest.approx(9500))]
    # the quarter is computed from its covered month and marked partial
    assert q(
        "select value_status, sum(total_eur) from marts.service_costs "
        "where period_grain = 'quarter' and period_start = ? and account_class = 'operating_cost' group by 1",
        [JAN],
    ) == [("partial", pytest.approx(13500.25))]
    # allocated cost ÷ clients: February 13,500.25 € ÷ 4 clients; January's 3 clients are kept (client data)
    unit = "select value_status, allocated_cost_eur, clients, cost_per_client_eur from marts.service_unit_costs "
    unit += "where period_grain = ? and period_start = ? and service_code is null and segment is null"
    assert q(unit, ["month", FEB]) == [("complete", pytest.approx(13500.25), 4, pytest.approx(13500.25 / 4))]
    assert q(unit, ["month", JAN]) == [("not_delivered", None, 3, None)]
    assert q(unit, ["quarter", JAN]) == [("partial", pytest.approx(13500.25), 6, pytest.approx(13500.25 / 6))]
    # no change from a period without data: February's change from January is NULL, not 13,500.25
    assert q(
        "select count(*), count(actual_eur_change) from marts.cost_ledger "
        "where period_grain = 'month' and period_start = ?",
        [FEB],
    ) == [(4, 0)]


def test_themed_client_marts_follow_the_client_data(ledger_later):
    q = ledger_later.query
    coordination = "select value_status, clients, clients_health_and_social from marts.client_service_coordination "
    coordination += "where period_grain = 'month' and period_start = ?"
    # January: P1, P3, P5 (test_key_figures); both sectors covered
    assert q(coordination, [JAN]) == [("complete", 3, 0)]
    # March: social care is not covered, and the mart compares the two sectors
    assert q(coordination, [MAR]) == [("not_delivered", None, None)]
    # readmissions read patient data only: covered January–March
    assert q(
        "select distinct value_status from marts.readmissions_30d "
        "where period_grain = 'month' and period_start between ? and ?",
        [JAN, MAR],
    ) == [("complete",)]
