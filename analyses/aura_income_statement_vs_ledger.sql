{#-
  AURA-tuloslaskelman täsmäytys kirjanpitoon — per county and year, the
  operating costs and income of the AURA service-class income statement
  (marts.aura_income_statement) beside those of the ledger's closed
  accounts (marts.cost_ledger: the postings of accounts 4000–4995 and
  3000–3799, seeds/rules/account_rules.csv), and the differences. A
  difference other than 0 € means euros that the statement lost or counted
  twice; the build's singular test assert_costs_aura_reconciles fails on
  one, so this is where an analyst starts when it does. Income is a
  positive number on both sides.
-#}
with statement as (
    select
        county_code,
        period_start as year_start,
        sum(operating_cost_eur) as statement_cost_eur,
        sum(operating_income_eur) as statement_income_eur
    from {{ ref('aura_income_statement') }}
    where period_grain = 'year'
    group by county_code, period_start
),

ledger as (
    select
        county_code,
        period_start as year_start,
        sum(case when account_class = 'operating_cost' then actual_eur else 0 end) as ledger_cost_eur,
        -sum(case when account_class = 'operating_income' then actual_eur else 0 end) as ledger_income_eur
    from {{ ref('cost_ledger') }}
    where period_grain = 'year'
    group by county_code, period_start
)

select
    coalesce(ledger.county_code, statement.county_code) as county_code,
    coalesce(ledger.year_start, statement.year_start) as year_start,
    cast(coalesce(ledger.ledger_cost_eur, 0) as double) as ledger_cost_eur,
    coalesce(statement.statement_cost_eur, 0) as statement_cost_eur,
    round(coalesce(statement.statement_cost_eur, 0) - coalesce(ledger.ledger_cost_eur, 0), 2) as cost_difference_eur,
    cast(coalesce(ledger.ledger_income_eur, 0) as double) as ledger_income_eur,
    coalesce(statement.statement_income_eur, 0) as statement_income_eur,
    round(coalesce(statement.statement_income_eur, 0) - coalesce(ledger.ledger_income_eur, 0), 2)
        as income_difference_eur
from ledger
full outer join statement
    on
        ledger.county_code = statement.county_code
        and ledger.year_start = statement.year_start
order by county_code asc nulls last, year_start asc nulls last
