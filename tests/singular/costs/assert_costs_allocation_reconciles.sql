{#-
  Invariant (minimum-data "Costs"): for every county and period, the
  allocated service costs sum to the ledger's operating costs to the cent —
  nothing lost, nothing counted twice. Checked at month grain on
  int_costs_allocated and at every grain on the service_costs mart (after
  the segment and municipality splits). Returns the offending rows.
-#}
{{ config(severity='error') }}

with ledger_monthly as (
    select
        county_code,
        month_start,
        sum(amount_eur) as ledger_eur
    from {{ ref('int_gl_entries_classified') }}
    where account_class = 'operating_cost' and county_code is not null
    group by county_code, month_start
),

allocated_monthly as (
    select
        county_code,
        month_start,
        sum(amount_eur) as allocated_eur
    from {{ ref('int_costs_allocated') }}
    where account_class = 'operating_cost'
    group by county_code, month_start
),

ledger_periods as (
    select
        county_code,
        period_grain,
        period_start,
        sum(actual_eur) as ledger_eur
    from {{ ref('cost_ledger') }}
    where account_class = 'operating_cost'
    group by county_code, period_grain, period_start
),

service_periods as (
    select
        county_code,
        period_grain,
        period_start,
        sum(total_eur) as allocated_eur
    from {{ ref('service_costs') }}
    where account_class = 'operating_cost'
    group by county_code, period_grain, period_start
)

select
    'int_costs_allocated' as checked_model,
    coalesce(ledger_monthly.county_code, allocated_monthly.county_code) as county_code,
    'month' as period_grain,
    coalesce(ledger_monthly.month_start, allocated_monthly.month_start) as period_start,
    ledger_monthly.ledger_eur,
    allocated_monthly.allocated_eur
from ledger_monthly
full outer join allocated_monthly
    on
        ledger_monthly.county_code = allocated_monthly.county_code
        and ledger_monthly.month_start = allocated_monthly.month_start
where
    -- a month that is missing on one side counts as 0 € there
    abs(coalesce(ledger_monthly.ledger_eur, 0) - coalesce(allocated_monthly.allocated_eur, 0)) >= 0.005
union all
select
    'service_costs' as checked_model,
    coalesce(ledger_periods.county_code, service_periods.county_code) as county_code,
    coalesce(ledger_periods.period_grain, service_periods.period_grain) as period_grain,
    coalesce(ledger_periods.period_start, service_periods.period_start) as period_start,
    ledger_periods.ledger_eur,
    service_periods.allocated_eur
from ledger_periods
full outer join service_periods
    on
        {{ tietopohja.keys_match(
            'ledger_periods', 'service_periods', ['county_code', 'period_grain', 'period_start']
        ) }}
where
    abs(coalesce(ledger_periods.ledger_eur, 0) - coalesce(service_periods.allocated_eur, 0)) >= 0.005
