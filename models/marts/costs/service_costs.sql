{#-
  Palveluille kohdistetut kokonaiskustannukset (käyttötapaus 2/2) — the
  allocated (full-cost) view: operating costs and income by county, period
  (month, quarter, year), service, AURA class, structure level, sector,
  client segment, production mode, municipality and account group, split
  into direct euros and euros allocated from support and administration
  centres (aiheuttamisperiaate, see int_cost_allocation_keys), with changes
  from the previous period and a year earlier.

  - municipality_code is the municipality of the producing unit (the unit's
    municipality, not the client's); NULL when the cost centre has no unit.
  - segment: the service's fixed segment, or for `by_age` services the
    split by outputs (int_service_segment_shares); `unknown` for euros
    of a service without outputs.
  - production_mode comes from the account (of the sender for allocated
    euros).
  - Euros are exact doubles (no rounding): per county and period the rows
    sum to the ledger's operating costs and income (singular tests). Every
    line the county has in any period has a row in every period (0 €:
    tietopohja.dense_over_periods), so changes from an empty period are
    defined.
  - service_code `unallocated`: euros of a sender without any receiving
    service centre; `unknown`: a service centre whose service is not set.
  - allocated_budget_eur, allocated_forecast_eur: the plan (version
    `budget`) and the latest forecast allocated to services by the same rule
    (int_plan_costs_allocated). The plan is not split by client segment or
    unit municipality: its euros sit on rows with segment and
    municipality_code NULL (0 in the ledger's rows, as the actual euros are
    0 in the plan's rows); delivered where the plan covers the period
    (plan_status), while value_status stays the ledger's.
-#}
with monthly as (
    select
        county_code,
        month_start,
        service_code,
        segment,
        production_mode,
        municipality_code,
        account_class,
        account_group,
        direct_eur,
        allocated_support_eur,
        allocated_administration_eur,
        total_eur,
        0 as allocated_budget_eur,
        0 as allocated_forecast_eur
    from {{ ref('int_service_costs_split') }}
    union all
    select
        county_code,
        month_start,
        service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        production_mode,
        cast(null as {{ dbt.type_string() }}) as municipality_code,
        account_class,
        account_group,
        0 as direct_eur,
        0 as allocated_support_eur,
        0 as allocated_administration_eur,
        0 as total_eur,
        case when plan_type = 'budget' then amount_eur else 0 end as allocated_budget_eur,
        case when plan_type = 'forecast' then amount_eur else 0 end as allocated_forecast_eur
    from {{ ref('int_plan_costs_allocated') }}
),

by_period as (
    select
        split.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        split.service_code,
        split.segment,
        split.production_mode,
        split.municipality_code,
        split.account_class,
        split.account_group,
        sum(split.direct_eur) as direct_eur,
        sum(split.allocated_support_eur) as allocated_support_eur,
        sum(split.allocated_administration_eur) as allocated_administration_eur,
        sum(split.total_eur) as total_eur,
        sum(split.allocated_budget_eur) as allocated_budget_eur,
        sum(split.allocated_forecast_eur) as allocated_forecast_eur
    from monthly as split
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('split') }}
    group by
        split.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        split.service_code,
        split.segment,
        split.production_mode,
        split.municipality_code,
        split.account_class,
        split.account_group
),

dense as (
    {{ tietopohja.dense_over_periods(
        'by_period',
        ['service_code', 'segment', 'production_mode', 'municipality_code', 'account_class', 'account_group'],
        ['direct_eur', 'allocated_support_eur', 'allocated_administration_eur', 'total_eur',
            'allocated_budget_eur', 'allocated_forecast_eur']
    ) }}
),

statused as (
    select
        dense.*,
        {{ tietopohja.value_status_column(['ledger'], 'any', 'dense') }} as value_status,
        {{ tietopohja.value_status_column(['plan'], 'any', 'dense') }} as plan_status
    from dense
),

with_changes as (
    {{ tietopohja.period_changes(
        'statused',
        ['county_code', 'service_code', 'segment', 'production_mode', 'municipality_code',
            'account_class', 'account_group'],
        ['total_eur'],
        status_column='value_status') }}
)

select
    with_changes.county_code,
    with_changes.period_grain,
    with_changes.period_start,
    with_changes.period_end,
    with_changes.service_code,
    services.service_name_fi,
    services.aura_class,
    services.structure_level,
    services.sector,
    with_changes.segment,
    with_changes.production_mode,
    with_changes.municipality_code,
    with_changes.account_class,
    with_changes.account_group,
    cast({{ tietopohja.delivered('with_changes.direct_eur') }} as double) as direct_eur,
    cast({{ tietopohja.delivered('with_changes.allocated_support_eur') }} as double) as allocated_support_eur,
    cast({{ tietopohja.delivered('with_changes.allocated_administration_eur') }} as double)
        as allocated_administration_eur,
    cast({{ tietopohja.delivered('with_changes.total_eur') }} as double) as total_eur,
    {{ tietopohja.period_change_columns({'total_eur': tietopohja.type_double()}, 'with_changes') }},
    cast({{ tietopohja.delivered('with_changes.allocated_budget_eur', 'with_changes.plan_status') }} as double)
        as allocated_budget_eur,
    cast({{ tietopohja.delivered('with_changes.allocated_forecast_eur', 'with_changes.plan_status') }} as double)
        as allocated_forecast_eur,
    with_changes.plan_status,
    with_changes.value_status
from with_changes
left join {{ ref('int_services_classified') }} as services
    on with_changes.service_code = services.service_code
