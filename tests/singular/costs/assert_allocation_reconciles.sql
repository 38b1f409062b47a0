{#-
  Invariant of the allocation (minimum-data "Costs"; v1.1
  allocated_budget_cost_eur and allocated_forecast_cost_eur): for every
  basis — the ledger (`actual`), the plan (`budget`) and the latest
  forecast (`forecast`) — county and period, the operating costs allocated
  to services sum to the operating costs before allocation to the cent:
  nothing lost, nothing counted twice. Checked at month grain on
  int_costs_allocated (against the ledger, int_gl_entries_classified) and
  int_plan_costs_allocated (against the plan, int_budget_lines_selected),
  and at every grain on the service_costs mart (after the segment and
  municipality splits) against the cost_ledger mart. A month or period
  missing on one side counts as 0 € there. Returns the offending rows.
-#}
{{ config(severity='error') }}

with source_monthly as (
    select
        'actual' as basis,
        county_code,
        month_start,
        amount_eur
    from {{ ref('int_gl_entries_classified') }}
    where account_class = 'operating_cost' and county_code is not null
    union all
    select
        plan_type as basis,
        county_code,
        month_start,
        amount_eur
    from {{ ref('int_budget_lines_selected') }}
    where account_class = 'operating_cost' and county_code is not null
),

allocated_monthly_lines as (
    select
        'actual' as basis,
        county_code,
        month_start,
        amount_eur
    from {{ ref('int_costs_allocated') }}
    where account_class = 'operating_cost'
    union all
    select
        plan_type as basis,
        county_code,
        month_start,
        amount_eur
    from {{ ref('int_plan_costs_allocated') }}
    where account_class = 'operating_cost'
),

monthly as (
    select
        'month' as period_grain,
        basis,
        county_code,
        month_start as period_start,
        amount_eur as source_eur,
        cast(null as {{ tietopohja.type_double() }}) as allocated_eur
    from source_monthly
    union all
    select
        'month' as period_grain,
        basis,
        county_code,
        month_start as period_start,
        cast(null as {{ tietopohja.type_double() }}) as source_eur,
        amount_eur as allocated_eur
    from allocated_monthly_lines
),

periods as (
    {#- per basis: the cost_ledger mart's column and the service_costs mart's -#}
    {%- for basis, ledger_column, service_column in [
        ('actual', 'actual_eur', 'total_eur'),
        ('budget', 'budget_eur', 'allocated_budget_eur'),
        ('forecast', 'forecast_eur', 'allocated_forecast_eur'),
    ] %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        period_grain,
        '{{ basis }}' as basis,
        county_code,
        period_start,
        {{ ledger_column }} as source_eur,
        cast(null as {{ tietopohja.type_double() }}) as allocated_eur
    from {{ ref('cost_ledger') }}
    where account_class = 'operating_cost'
    union all
    select
        period_grain,
        '{{ basis }}' as basis,
        county_code,
        period_start,
        cast(null as {{ tietopohja.type_double() }}) as source_eur,
        {{ service_column }} as allocated_eur
    from {{ ref('service_costs') }}
    where account_class = 'operating_cost'
    {%- endfor %}
),

compared as (
    select
        case when basis = 'actual' then 'int_costs_allocated' else 'int_plan_costs_allocated' end
            as checked_model,
        basis,
        county_code,
        period_grain,
        period_start,
        sum(source_eur) as source_eur,
        sum(allocated_eur) as allocated_eur
    from monthly
    group by basis, county_code, period_grain, period_start
    union all
    select
        'service_costs' as checked_model,
        basis,
        county_code,
        period_grain,
        period_start,
        sum(source_eur) as source_eur,
        sum(allocated_eur) as allocated_eur
    from periods
    group by basis, county_code, period_grain, period_start
)

select
    checked_model,
    basis,
    county_code,
    period_grain,
    period_start,
    source_eur,
    allocated_eur
from compared
where abs(coalesce(source_eur, 0) - coalesce(allocated_eur, 0)) >= 0.005
