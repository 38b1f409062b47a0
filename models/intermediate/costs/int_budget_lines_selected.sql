{#-
  Talousarvio ja viimeisin ennuste — the plan lines the ledger view shows
  beside the actuals: every line of version `budget` (plan_type `budget`),
  and the lines of the latest forecast (plan_type `forecast`).

  "Latest forecast" (spec silent on details): per county and accounting
  period, the forecast version `forecast_YYYY-MM` with the latest month among
  the forecast versions that have lines for that county and period — the
  most recent forecast of each month. Other versions are left out.
  Lines get the same account rules as the ledger.
-#}
with lines as (
    select
        budget.version,
        case when budget.version = 'budget' then 'budget' else 'forecast' end as plan_type,
        cost_centers.county_code,
        {{ tietopohja.period_to_date('budget.period') }} as month_start,
        budget.cost_center,
        budget.account,
        budget.amount_eur
    from {{ ref('stg_finance__budget') }} as budget
    left join {{ ref('stg_finance__cost_centers') }} as cost_centers
        on budget.cost_center = cost_centers.cost_center
    where budget.version = 'budget' or budget.version like 'forecast%'
),

latest_forecast as (
    select
        county_code,
        month_start,
        max(version) as version
    from lines
    where plan_type = 'forecast'
    group by county_code, month_start
),

account_rules as (
    {{ tietopohja.classified_accounts('lines') }}
)

select
    lines.version,
    lines.plan_type,
    lines.county_code,
    lines.month_start,
    lines.cost_center,
    lines.account,
    coalesce(accounts.account_group, 'unknown') as account_group,
    account_rules.account_class,
    account_rules.production_mode,
    lines.amount_eur
from lines
left join latest_forecast
    on
        {{ tietopohja.keys_match('lines', 'latest_forecast', ['month_start', 'version'], ['county_code']) }}
left join {{ ref('int_accounts_grouped') }} as accounts
    on lines.account = accounts.account
left join account_rules
    on {{ tietopohja.null_safe_equal('lines.account', 'account_rules.account') }}
where lines.plan_type = 'budget' or latest_forecast.version is not null
