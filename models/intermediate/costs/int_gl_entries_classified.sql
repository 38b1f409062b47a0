{#-
  Kirjanpidon viennit luokiteltuina — every staged ledger posting with the
  rules of minimum-data.md "Costs" applied (seeds/rules/account_rules.csv
  by macros/costs/account_rules.sql): account class (operating_cost
  4000–4995, operating_income 3000–3799, other), production mode from the
  account, internal item (empty counterparty sector), account group (chart
  of accounts, latest year having the account; `unknown` when not in the
  chart), and the cost centre's county, hierarchy, kind and service. The county of a posting is its cost
  centre's county; a posting on an unknown cost centre keeps
  county_code NULL (the mapping report lists such centres).
  The month is the accounting period (`period`), not the posting date.
-#}

with ledger as (
    select *
    from {{ ref('stg_finance__gl_entries') }}
),

account_rules as (
    {{ tietopohja.classified_accounts('ledger') }}
)

select
    ledger.entry_id,
    cost_centers.county_code,
    {{ tietopohja.period_to_date('ledger.period') }} as month_start,
    ledger.period,
    ledger.posting_date,
    ledger.account,
    coalesce(accounts.account_name_fi, 'unknown') as account_name_fi,
    coalesce(accounts.account_group, 'unknown') as account_group,
    account_rules.account_class,
    account_rules.production_mode,
    ledger.counterparty_sector,
    {{ tietopohja.is_internal_item('ledger.counterparty_sector') }} as is_internal,
    ledger.cost_center,
    cost_centers.cost_center_kind,
    cost_centers.division,
    cost_centers.department,
    cost_centers.section,
    cost_centers.service_code,
    ledger.amount_eur
from ledger
left join account_rules
    on {{ tietopohja.null_safe_equal('ledger.account', 'account_rules.account') }}
left join {{ ref('int_cost_centers_mapped') }} as cost_centers
    on ledger.cost_center = cost_centers.cost_center
left join {{ ref('int_accounts_grouped') }} as accounts
    on ledger.account = accounts.account
