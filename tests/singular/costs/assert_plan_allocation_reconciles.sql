{#-
  Invariant of the plan (minimum-data v1.1, allocated_budget_cost_eur and
  allocated_forecast_cost_eur): for every county, period and plan type
  (budget, latest forecast), the plan's operating costs allocated to
  services sum to the plan's operating costs to the cent. Checked at month
  grain on int_plan_costs_allocated and at every grain on the service_costs
  mart against the cost_ledger mart. Returns the offending rows.
-#}
{{ config(severity='error') }}

with plan_monthly as (
    select
        plan_type,
        county_code,
        month_start,
        sum(amount_eur) as plan_eur
    from {{ ref('int_budget_lines_selected') }}
    where account_class = 'operating_cost' and county_code is not null
    group by plan_type, county_code, month_start
),

allocated_monthly as (
    select
        plan_type,
        county_code,
        month_start,
        sum(amount_eur) as allocated_eur
    from {{ ref('int_plan_costs_allocated') }}
    where account_class = 'operating_cost'
    group by plan_type, county_code, month_start
),

ledger_periods as (
    select
        county_code,
        period_grain,
        period_start,
        sum(budget_eur) as budget_eur,
        sum(forecast_eur) as forecast_eur
    from {{ ref('cost_ledger') }}
    where account_class = 'operating_cost'
    group by county_code, period_grain, period_start
),

service_periods as (
    select
        county_code,
        period_grain,
        period_start,
        sum(allocated_budget_eur) as budget_eur,
        sum(allocated_forecast_eur) as forecast_eur
    from {{ ref('service_costs') }}
    where account_class = 'operating_cost'
    group by county_code, period_grain, period_start
)

select
    'int_plan_costs_allocated' as checked_model,
    coalesce(plan_monthly.plan_type, allocated_monthly.plan_type) as plan_type,
    coalesce(plan_monthly.county_code, allocated_monthly.county_code) as county_code,
    'month' as period_grain,
    coalesce(plan_monthly.month_start, allocated_monthly.month_start) as period_start,
    plan_monthly.plan_eur,
    allocated_monthly.allocated_eur
from plan_monthly
full outer join allocated_monthly
    on
        plan_monthly.plan_type = allocated_monthly.plan_type
        and plan_monthly.county_code = allocated_monthly.county_code
        and plan_monthly.month_start = allocated_monthly.month_start
where
    -- a month that is missing on one side counts as 0 € there
    abs(coalesce(plan_monthly.plan_eur, 0) - coalesce(allocated_monthly.allocated_eur, 0)) >= 0.005
union all
select
    'service_costs' as checked_model,
    plan_types.plan_type,
    coalesce(ledger_periods.county_code, service_periods.county_code) as county_code,
    coalesce(ledger_periods.period_grain, service_periods.period_grain) as period_grain,
    coalesce(ledger_periods.period_start, service_periods.period_start) as period_start,
    case when plan_types.plan_type = 'budget' then ledger_periods.budget_eur else ledger_periods.forecast_eur end
        as plan_eur,
    case when plan_types.plan_type = 'budget' then service_periods.budget_eur else service_periods.forecast_eur end
        as allocated_eur
from ledger_periods
full outer join service_periods
    on
        {{ tietopohja.keys_match(
            'ledger_periods', 'service_periods', ['county_code', 'period_grain', 'period_start']
        ) }}
cross join (
    select 'budget' as plan_type
    union all
    select 'forecast' as plan_type
) as plan_types
where
    abs(
        coalesce(
            case
                when plan_types.plan_type = 'budget' then ledger_periods.budget_eur else ledger_periods.forecast_eur
            end,
            0
        )
        - coalesce(
            case
                when plan_types.plan_type = 'budget' then service_periods.budget_eur else service_periods.forecast_eur
            end,
            0
        )
    ) >= 0.005
