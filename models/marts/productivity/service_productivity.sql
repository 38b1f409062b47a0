{#-
  Tuottavuus palveluittain — per county, service and period (month,
  quarter, year): the service's outputs by kind, allocated cost, cost per
  output and the outputs per worked HTV of the producing cost centres, with
  the change from the previous period and from the same period a year
  earlier (minimum-data spec, "Productivity").

  - Outputs, clients, allocated cost and cost per visit / care day /
    service day (output_type of int_service_outputs_daily) are the service
    rows of all segments (segment NULL) of int_unit_costs_aggregated, the
    costs theme's unit-cost measure model that marts.service_unit_costs
    also reads, taken as they are: one rule for cost per output.
  - output_kind: the service's kind of output
    (int_service_output_kinds_selected: its most common output type over
    the county's data); outputs = the outputs of that kind and
    cost_per_output_eur = the matching cost_per_visit_eur /
    cost_per_care_day_eur / cost_per_service_day_eur (picked, not
    recomputed). NULL for a service without outputs (e.g. `unallocated`).
  - htv_worked / htv_paid: HTV of the cost centres that produced the
    service's outputs (int_service_htv_attributed: a cost centre producing
    several services split by its outputs), summed over the months of the
    period (months sum to the year).
  - outputs_per_htv_worked = outputs ÷ htv_worked (NULL without worked
    HTV). HTV are person-years, so the ratio is outputs per person-year at
    every grain: a month's value is comparable to a year's.
  - Only service rows: outputs of different kinds do not add up to a
    county total.
-#}
with unit_costs as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        allocated_cost_eur,
        clients,
        visits,
        care_days,
        service_days,
        cost_per_visit_eur,
        cost_per_care_day_eur,
        cost_per_service_day_eur
    from {{ ref('int_unit_costs_aggregated') }}
    where service_code is not null and segment is null
),

htv_periods as (
    select
        htv.county_code,
        periods.period_grain,
        periods.period_start,
        htv.service_code,
        sum(htv.htv_paid) as htv_paid,
        sum(htv.htv_worked) as htv_worked
    from {{ ref('int_service_htv_attributed') }} as htv
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('htv') }}
    group by
        htv.county_code,
        periods.period_grain,
        periods.period_start,
        htv.service_code
),

keys as (
    select
        county_code,
        period_grain,
        period_start,
        service_code
    from unit_costs
    union
    select
        county_code,
        period_grain,
        period_start,
        service_code
    from htv_periods
),

combined as (
    select
        keys.county_code,
        keys.period_grain,
        keys.period_start,
        periods.period_end,
        keys.service_code,
        kinds.output_kind,
        coalesce(unit_costs.allocated_cost_eur, 0) as allocated_cost_eur,
        coalesce(unit_costs.clients, 0) as clients,
        coalesce(unit_costs.visits, 0) as visits,
        coalesce(unit_costs.care_days, 0) as care_days,
        coalesce(unit_costs.service_days, 0) as service_days,
        case kinds.output_kind
            when 'visit' then coalesce(unit_costs.visits, 0)
            when 'care_day' then coalesce(unit_costs.care_days, 0)
            when 'service_day' then coalesce(unit_costs.service_days, 0)
        end as outputs,
        unit_costs.cost_per_visit_eur,
        unit_costs.cost_per_care_day_eur,
        unit_costs.cost_per_service_day_eur,
        case kinds.output_kind
            when 'visit' then unit_costs.cost_per_visit_eur
            when 'care_day' then unit_costs.cost_per_care_day_eur
            when 'service_day' then unit_costs.cost_per_service_day_eur
        end as cost_per_output_eur,
        coalesce(htv_periods.htv_paid, 0) as htv_paid,
        coalesce(htv_periods.htv_worked, 0) as htv_worked
    from keys
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            {{ tietopohja.keys_match('keys', 'periods', ['county_code', 'period_grain', 'period_start']) }}
    left join unit_costs
        on
            {{ tietopohja.keys_match(
                'keys', 'unit_costs', ['county_code', 'period_grain', 'period_start', 'service_code']
            ) }}
    left join htv_periods
        on
            {{ tietopohja.keys_match(
                'keys', 'htv_periods', ['county_code', 'period_grain', 'period_start', 'service_code']
            ) }}
    left join {{ ref('int_service_output_kinds_selected') }} as kinds
        on
            keys.county_code = kinds.county_code
            and keys.service_code = kinds.service_code
),

with_ratios as (
    select
        combined.*,
        combined.outputs / nullif(combined.htv_worked, 0) as outputs_per_htv_worked,
        {{ tietopohja.value_status_column(['ledger'], 'any', 'combined') }} as ledger_status,
        {{ tietopohja.value_status_column(['patient', 'social'], 'any', 'combined') }} as client_status,
        {{ tietopohja.value_status_column(['personnel'], 'any', 'combined') }} as personnel_status,
        {{ tietopohja.source_group_value_status('ledger/patient+social', 'combined') }} as unit_cost_status,
        {{ tietopohja.source_group_value_status('patient+social/personnel', 'combined') }} as productivity_status,
        {{ tietopohja.source_group_value_status('ledger/patient+social/personnel', 'combined') }} as value_status
    from combined
),

with_changes as (
    {{ tietopohja.period_changes(
        'with_ratios',
        ['county_code', 'service_code'],
        ['outputs', 'htv_worked', 'cost_per_output_eur', 'outputs_per_htv_worked'],
        status_column={
            'outputs': 'client_status',
            'htv_worked': 'personnel_status',
            'cost_per_output_eur': 'unit_cost_status',
            'outputs_per_htv_worked': 'productivity_status'
        }) }}
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
    with_changes.output_kind,
    cast({{ tietopohja.delivered('with_changes.allocated_cost_eur', 'with_changes.ledger_status') }} as double)
        as allocated_cost_eur,
    cast(
        {{ tietopohja.delivered('with_changes.clients', 'with_changes.client_status') }} as {{ dbt.type_bigint() }}
    ) as clients,
    cast(
        {{ tietopohja.delivered('with_changes.visits', 'with_changes.client_status') }} as {{ dbt.type_bigint() }}
    ) as visits,
    cast(
        {{ tietopohja.delivered('with_changes.care_days', 'with_changes.client_status') }} as {{ dbt.type_bigint() }}
    ) as care_days,
    cast(
        {{ tietopohja.delivered('with_changes.service_days', 'with_changes.client_status') }} as {{ dbt.type_bigint() }}
    ) as service_days,
    cast(
        {{ tietopohja.delivered('with_changes.outputs', 'with_changes.client_status') }} as {{ dbt.type_bigint() }}
    ) as outputs,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_visit_eur', 'with_changes.unit_cost_status') }} as double
    ) as cost_per_visit_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_care_day_eur', 'with_changes.unit_cost_status') }} as double
    ) as cost_per_care_day_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_service_day_eur', 'with_changes.unit_cost_status') }} as double
    ) as cost_per_service_day_eur,
    cast({{ tietopohja.delivered('with_changes.cost_per_output_eur', 'with_changes.unit_cost_status') }} as double)
        as cost_per_output_eur,
    cast({{ tietopohja.delivered('with_changes.htv_paid', 'with_changes.personnel_status') }} as double) as htv_paid,
    cast({{ tietopohja.delivered('with_changes.htv_worked', 'with_changes.personnel_status') }} as double)
        as htv_worked,
    cast(
        {{ tietopohja.delivered('with_changes.outputs_per_htv_worked', 'with_changes.productivity_status') }}
        as double
    ) as outputs_per_htv_worked,
    {{ tietopohja.period_change_columns({
        'outputs': dbt.type_bigint(),
        'htv_worked': tietopohja.type_double(),
        'cost_per_output_eur': tietopohja.type_double(),
        'outputs_per_htv_worked': tietopohja.type_double()
    }, 'with_changes') }},
    with_changes.value_status
from with_changes
left join {{ ref('int_services_classified') }} as services
    on with_changes.service_code = services.service_code
