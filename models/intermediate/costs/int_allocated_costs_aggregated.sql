{#-
  Kohdistetut kokonaiskustannukset — the costs theme's measure model of
  allocated cost, summed once: by county, period (month, quarter, year of
  int_reporting_periods) and breakdown, for key_figures
  (int_key_figures__costs) and the unit costs (int_unit_costs_aggregated,
  hence service_unit_costs and service_productivity).
  NULL in service_code, segment or production_mode = all.

  - allocated_cost_eur: the ledger's operating costs after allocating
    support and administration (int_service_costs_split, account class
    operating_cost); breakdowns: whole county, service, segment,
    production_mode, service × segment, service × production_mode.
  - allocated_budget_cost_eur, allocated_forecast_cost_eur: the plan
    (version `budget`) and the latest forecast allocated to services by the
    same rule (int_plan_costs_allocated); whole county and service only
    (NULL on the other breakdowns: the plan is not split by segment, and
    its production modes are not a published breakdown).
  - The addends of each (key_figure_components): `*_direct_eur` (costs
    posted on the service's own cost centres), `*_support_eur` and
    `*_administration_eur` (the shares allocated from support and
    administration centres, by driver or paid-HTV key), summed in the same
    groups as the total (prefix `allocated_` for actual costs, `budget_`
    and `forecast_` for the plan); they add up to the total (up to the
    last bits of a double).
  A row exists where the breakdown had euros (or plan euros) in the period;
  key_figures makes the periods dense. Exact doubles, not rounded.
  `noqa: PRS, LT02`: sqlfluff's DuckDB dialect does not parse `grouping
  sets` (DuckDB and Spark run it).
-#}
with actual as (
    select
        split.county_code,
        periods.period_grain,
        periods.period_start,
        split.service_code,
        split.segment,
        split.production_mode,
        split.total_eur as amount_eur,
        split.direct_eur,
        split.allocated_support_eur as support_eur,
        split.allocated_administration_eur as administration_eur
    from {{ ref('int_service_costs_split') }} as split
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('split') }}
    where split.account_class = 'operating_cost'
),

plan as (
    select
        plan_costs.county_code,
        periods.period_grain,
        periods.period_start,
        plan_costs.service_code,
        case when plan_costs.plan_type = 'budget' then plan_costs.amount_eur else 0 end as budget_eur,
        case when plan_costs.plan_type = 'forecast' then plan_costs.amount_eur else 0 end as forecast_eur,
        {{ dbt.concat(['plan_costs.plan_type', "'_'", 'plan_costs.cost_source']) }} as plan_source,
        plan_costs.amount_eur
    from {{ ref('int_plan_costs_allocated') }} as plan_costs
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('plan_costs') }}
    where plan_costs.account_class = 'operating_cost'
),

actual_grouped as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        production_mode,
        cast(sum(amount_eur) as double) as allocated_cost_eur,
        cast(sum(direct_eur) as double) as allocated_direct_eur,
        cast(sum(support_eur) as double) as allocated_support_eur,
        cast(sum(administration_eur) as double) as allocated_administration_eur
    from actual
    group by
        county_code,
        period_grain,
        period_start,
        grouping sets (  -- noqa: PRS, LT02
            (), (service_code), (segment), (production_mode), (service_code, segment), (service_code, production_mode)
        )
),

plan_grouped as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        cast(null as {{ dbt.type_string() }}) as production_mode,
        {%- for plan_source in ['budget_direct', 'budget_support', 'budget_administration',
            'forecast_direct', 'forecast_support', 'forecast_administration'] %}
        cast(sum(case when plan_source = '{{ plan_source }}' then amount_eur else 0 end) as double)
            as {{ plan_source }}_eur,
        {%- endfor %}
        cast(sum(budget_eur) as double) as allocated_budget_cost_eur,
        cast(sum(forecast_eur) as double) as allocated_forecast_cost_eur
    from plan
    group by county_code, period_grain, period_start, rollup(service_code)
)

select
    coalesce(actual_grouped.county_code, plan_grouped.county_code) as county_code,
    coalesce(actual_grouped.period_grain, plan_grouped.period_grain) as period_grain,
    coalesce(actual_grouped.period_start, plan_grouped.period_start) as period_start,
    coalesce(actual_grouped.service_code, plan_grouped.service_code) as service_code,
    coalesce(actual_grouped.segment, plan_grouped.segment) as segment,
    coalesce(actual_grouped.production_mode, plan_grouped.production_mode) as production_mode,
    actual_grouped.allocated_cost_eur,
    plan_grouped.allocated_budget_cost_eur,
    plan_grouped.allocated_forecast_cost_eur,
    actual_grouped.allocated_direct_eur,
    actual_grouped.allocated_support_eur,
    actual_grouped.allocated_administration_eur,
    plan_grouped.budget_direct_eur,
    plan_grouped.budget_support_eur,
    plan_grouped.budget_administration_eur,
    plan_grouped.forecast_direct_eur,
    plan_grouped.forecast_support_eur,
    plan_grouped.forecast_administration_eur
from actual_grouped
full outer join plan_grouped
    on
        {{ tietopohja.keys_match(
            'actual_grouped', 'plan_grouped', ['county_code', 'period_grain', 'period_start'],
            ['service_code', 'segment', 'production_mode']
        ) }}
