{#-
  Reconciliation: the AURA report view (service-class income statement)
  totals equal the ledger's operating costs and operating income for every
  county and period (month, quarter, year), to the cent. Returns the
  offending rows.
-#}
{{ config(severity='error') }}

with ledger as (
    select
        county_code,
        period_grain,
        period_start,
        sum(case when account_class = 'operating_cost' then actual_eur else 0 end) as cost_eur,
        -sum(case when account_class = 'operating_income' then actual_eur else 0 end) as income_eur
    from {{ ref('cost_ledger') }}
    group by county_code, period_grain, period_start
    having
        sum(case when account_class in ('operating_cost', 'operating_income') then 1 else 0 end) > 0
),

aura as (
    select
        county_code,
        period_grain,
        period_start,
        sum(operating_cost_eur) as cost_eur,
        sum(operating_income_eur) as income_eur
    from {{ ref('aura_income_statement') }}
    group by county_code, period_grain, period_start
)

select
    coalesce(ledger.county_code, aura.county_code) as county_code,
    coalesce(ledger.period_grain, aura.period_grain) as period_grain,
    coalesce(ledger.period_start, aura.period_start) as period_start,
    ledger.cost_eur as ledger_cost_eur,
    aura.cost_eur as aura_cost_eur,
    ledger.income_eur as ledger_income_eur,
    aura.income_eur as aura_income_eur
from ledger
full outer join aura
    on
        {{ tietopohja.keys_match('ledger', 'aura', ['county_code', 'period_grain', 'period_start']) }}
where
    -- a period that is missing on one side counts as 0 € there
    abs(coalesce(ledger.cost_eur, 0) - coalesce(aura.cost_eur, 0)) >= 0.005
    or abs(coalesce(ledger.income_eur, 0) - coalesce(aura.income_eur, 0)) >= 0.005
