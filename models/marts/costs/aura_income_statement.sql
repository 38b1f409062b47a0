{#-
  AURA-palveluluokittainen tuloslaskelma — the county's service-class
  income statement: per county, period (month, quarter, year), AURA class
  and account group, operating income and operating costs, with changes.

  - Service centres' own postings go to their service's AURA class.
  - Support centres' postings are allocated to the receiving services'
    classes (aiheuttamisperiaate, int_cost_allocation_keys).
  - Administration centres' postings are NOT allocated here: they are kept
    as their own class (var `costs_administration_aura_class`, default
    1101 Yleishallintopalvelut).
  - Euros of a support centre without receivers: aura_class `unallocated`;
    of a service centre with an unknown service: `unknown`.
  Per county and period, the rows sum to the ledger's operating costs and
  income (singular test assert_costs_aura_reconciles). Every class and
  account group the county has in any period has a row in every period (0
  €: tietopohja.dense_over_periods), so the change from a period without
  postings is defined.
  operating_income_eur is positive (income as a positive number);
  operating_cost_eur as in the ledger.
-#}
{%- set administration_class = var('costs_administration_aura_class', '1101') -%}

with monthly as (
    select
        costs.county_code,
        costs.month_start,
        coalesce(
            cost_centers.aura_class,
            case when costs.service_code = 'unallocated' then 'unallocated' end,
            'unknown'
        ) as aura_class,
        costs.account_class,
        costs.account_group,
        costs.amount_eur
    from {{ ref('int_costs_allocated') }} as costs
    left join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on costs.cost_center = cost_centers.cost_center
    where costs.cost_source in ('direct', 'support')
    union all
    select
        county_code,
        month_start,
        '{{ administration_class }}' as aura_class,
        account_class,
        account_group,
        cast(amount_eur as double) as amount_eur
    from {{ ref('int_gl_entries_classified') }}
    where
        cost_center_kind = 'administration'
        and account_class in ('operating_cost', 'operating_income')
        and county_code is not null
),

aura_names as (
    select
        aura_class,
        aura_class_name_fi,
        row_number() over (partition by aura_class order by year desc) as year_rank
    from {{ ref('ref_aura_service_classes') }}
),

by_period as (
    select
        monthly.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        monthly.aura_class,
        monthly.account_group,
        sum(case when monthly.account_class = 'operating_income' then -monthly.amount_eur else 0 end)
            as operating_income_eur,
        sum(case when monthly.account_class = 'operating_cost' then monthly.amount_eur else 0 end)
            as operating_cost_eur
    from monthly
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('monthly') }}
    group by
        monthly.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        monthly.aura_class,
        monthly.account_group
),

dense as (
    {{ tietopohja.dense_over_periods(
        'by_period', ['aura_class', 'account_group'], ['operating_income_eur', 'operating_cost_eur']
    ) }}
),

statused as (
    select
        dense.*,
        {{ tietopohja.value_status_column(['ledger'], 'any', 'dense') }} as value_status
    from dense
),

with_changes as (
    {{ tietopohja.period_changes(
        'statused',
        ['county_code', 'aura_class', 'account_group'],
        ['operating_income_eur', 'operating_cost_eur'],
        status_column='value_status') }}
)

select
    with_changes.county_code,
    with_changes.period_grain,
    with_changes.period_start,
    with_changes.period_end,
    with_changes.aura_class,
    aura_names.aura_class_name_fi,
    with_changes.account_group,
    cast({{ tietopohja.delivered('with_changes.operating_income_eur') }} as double) as operating_income_eur,
    cast({{ tietopohja.delivered('with_changes.operating_cost_eur') }} as double) as operating_cost_eur,
    cast(
        {{ tietopohja.delivered('with_changes.operating_cost_eur - with_changes.operating_income_eur') }} as double
    ) as net_cost_eur,
    {{ tietopohja.period_change_columns({
        'operating_income_eur': tietopohja.type_double(),
        'operating_cost_eur': tietopohja.type_double()
    }, 'with_changes') }},
    with_changes.value_status
from with_changes
left join aura_names
    on with_changes.aura_class = aura_names.aura_class and aura_names.year_rank = 1
