{#-
  Kirjanpitonäkymä (käyttötapaus 1/2) — operating costs and income by
  county, period (month, quarter, year of int_reporting_periods),
  organisation hierarchy (division → department → section → cost centre),
  account class and group, production mode and counterparty sector: actual
  (ledger), plan (version `budget`) and the latest forecast (see
  int_budget_lines_selected) side by side, with the change from the
  previous period and from the same period a year earlier.

  - The hierarchy is the cost centre's (finance/cost_centers has one row per
    centre).
  - Internal items (empty counterparty sector) are kept: is_internal = true.
    Plan and forecast are not split by counterparty: they sit on rows with
    counterparty_sector NULL and is_internal false.
  - Every line (cost centre, account, mode, sector) the county has in any
    period has a row in every period (0 €: tietopohja.dense_over_periods),
    so the change from a period without postings is defined.
  - Postings on cost centres not in finance/cost_centers have no county and
    are not here (mapping report). Accounts outside 3000–3799 / 4000–4995
    are kept with account_class `other`.
-#}
with monthly as (
    select
        county_code,
        month_start,
        cost_center,
        account_class,
        account_group,
        production_mode,
        counterparty_sector,
        is_internal,
        amount_eur as actual_eur,
        cast(0 as decimal(18, 2)) as budget_eur,
        cast(0 as decimal(18, 2)) as forecast_eur
    from {{ ref('int_gl_entries_classified') }}
    union all
    select
        county_code,
        month_start,
        cost_center,
        account_class,
        account_group,
        production_mode,
        cast(null as {{ dbt.type_string() }}) as counterparty_sector,
        false as is_internal,
        cast(0 as decimal(18, 2)) as actual_eur,
        case when plan_type = 'budget' then amount_eur else 0 end as budget_eur,
        case when plan_type = 'forecast' then amount_eur else 0 end as forecast_eur
    from {{ ref('int_budget_lines_selected') }}
),

by_period as (
    select
        monthly.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        cost_centers.division,
        cost_centers.department,
        cost_centers.section,
        monthly.cost_center,
        cost_centers.cost_center_name,
        cost_centers.cost_center_kind,
        monthly.account_class,
        monthly.account_group,
        monthly.production_mode,
        monthly.counterparty_sector,
        monthly.is_internal,
        cast(sum(monthly.actual_eur) as decimal(18, 2)) as actual_eur,
        cast(sum(monthly.budget_eur) as decimal(18, 2)) as budget_eur,
        cast(sum(monthly.forecast_eur) as decimal(18, 2)) as forecast_eur
    from monthly
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('monthly') }}
    left join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on monthly.cost_center = cost_centers.cost_center
    group by
        monthly.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        cost_centers.division,
        cost_centers.department,
        cost_centers.section,
        monthly.cost_center,
        cost_centers.cost_center_name,
        cost_centers.cost_center_kind,
        monthly.account_class,
        monthly.account_group,
        monthly.production_mode,
        monthly.counterparty_sector,
        monthly.is_internal
),

dense as (
    {{ tietopohja.dense_over_periods(
        'by_period',
        ['cost_center', 'account_class', 'account_group', 'production_mode', 'counterparty_sector', 'is_internal'],
        ['actual_eur', 'budget_eur', 'forecast_eur'],
        ['division', 'department', 'section', 'cost_center_name', 'cost_center_kind']
    ) }}
),

statused as (
    select
        dense.*,
        {{ tietopohja.value_status_column(['ledger'], 'any', 'dense') }} as ledger_status,
        {{ tietopohja.value_status_column(['plan'], 'any', 'dense') }} as plan_status,
        {{ tietopohja.value_status_column(['ledger', 'plan'], 'any', 'dense') }} as value_status
    from dense
),

with_changes as (
    {{ tietopohja.period_changes(
        'statused',
        ['county_code', 'cost_center', 'account_class', 'account_group', 'production_mode',
            'counterparty_sector', 'is_internal'],
        ['actual_eur'],
        status_column='ledger_status') }}
)

select
    county_code,
    period_grain,
    period_start,
    period_end,
    division,
    department,
    section,
    cost_center,
    cost_center_name,
    cost_center_kind,
    account_class,
    account_group,
    production_mode,
    counterparty_sector,
    is_internal,
    {{ tietopohja.delivered('actual_eur', 'ledger_status') }} as actual_eur,
    {{ tietopohja.delivered('budget_eur', 'plan_status') }} as budget_eur,
    {{ tietopohja.delivered('forecast_eur', 'plan_status') }} as forecast_eur,
    {{ tietopohja.period_change_columns({'actual_eur': 'decimal(18, 2)'}) }},
    value_status
from with_changes
