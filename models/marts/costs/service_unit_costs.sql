{#-
  Yksikkökustannukset — allocated cost per resident, per client and per
  output, by county, period (month, quarter, year), service and client
  segment, with changes from the previous period and a year earlier.
  service_code NULL = all services, segment NULL = all segments.

  - allocated_cost_eur: operating costs after allocating support and
    administration (int_service_costs_split, account class operating_cost).
  - residents: year-end residents of the county, the latest year-end on or
    before the period's last day (for a month or quarter the latest
    year-end population; for a year its own year-end).
  - clients: distinct persons (pseudonyms: "hetu × 1") with an output of the
    service (in the segment) in the period, counted over the whole period
    (not a sum of months). A client belongs to every segment in which they
    had an output.
  - visits, care_days, service_days (output_type visit, care_day, service_day): outputs
    of the period (int_clients_periodized), and visit_clients,
    care_day_clients, service_day_clients: the distinct persons behind
    them (for small-number suppression). Cost per output = allocated cost
    ÷ the outputs of that kind (NULL where there are none); in a row of
    all services or of a segment, only the euros of the service × segment
    cells that had outputs of that kind count (the euros of a ward are not
    spread over the visits). Cost per client and per output of a segment
    use the segment's euros (split by outputs).
  - Dense: every service / segment grouping the county has in any period
    has a row in every period of the county (0 euros, 0 clients), so the
    change from a period with nothing to count is defined.
  The four groupings (service × segment, service, segment, all) are one
  `group by ... cube(service_code, segment)`, with '__all__' for "all" (so that they join
  with `=`), turned into NULL in `combined`. Clients are counted per client
  first (`client_outputs`: one row per client and grouping), so the
  distinct persons behind each kind of output are sums, not one distinct
  count each.
-#}
{%- set unit_keys = ['county_code', 'period_grain', 'period_start', 'service_code', 'segment'] -%}
with costs_monthly as (
    select
        county_code,
        month_start,
        service_code,
        segment,
        sum(total_eur) as allocated_cost_eur
    from {{ ref('int_service_costs_split') }}
    where account_class = 'operating_cost'
    group by county_code, month_start, service_code, segment
),

output_periods as (
    {#- the outputs of each kind per client, period, service, segment (and
        home municipality and sector: client_outputs sums a client's rows
        of a grouping) from int_clients_periodized, which already joined
        the output days to the periods -#}
    select
        county_code,
        period_grain,
        period_start,
        coalesce(service_code, 'unknown') as service_code,
        coalesce(segment, 'unknown') as segment,
        visits,
        care_days,
        service_days,
        person_pseudonym
    from {{ ref('int_clients_periodized') }}
),

cost_periods as (
    select
        costs_monthly.county_code,
        periods.period_grain,
        periods.period_start,
        costs_monthly.service_code,
        costs_monthly.segment,
        costs_monthly.allocated_cost_eur
    from costs_monthly
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('costs_monthly') }}
),

cell_outputs as (
    {#- per service × segment cell: its euros again for every kind of
        output it had in the period; the all-services and segment rows
        divide the euros of the cells with visits by the visits, and so on
        (a ward's euros are not spread over the visits) -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        max(case when visits > 0 then 1 else 0 end) as has_visit,
        max(case when care_days > 0 then 1 else 0 end) as has_care_day,
        max(case when service_days > 0 then 1 else 0 end) as has_service_day
    from output_periods
    group by county_code, period_grain, period_start, service_code, segment
),

cell_costs as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        sum(allocated_cost_eur) as allocated_cost_eur
    from cost_periods
    group by county_code, period_grain, period_start, service_code, segment
),

cell_kind_costs as (
    select
        cell_costs.county_code,
        cell_costs.period_grain,
        cell_costs.period_start,
        cell_costs.service_code,
        cell_costs.segment,
        cell_costs.allocated_cost_eur,
        case when cell_outputs.has_visit = 1 then cell_costs.allocated_cost_eur else 0 end as visit_cost_eur,
        case when cell_outputs.has_care_day = 1 then cell_costs.allocated_cost_eur else 0 end as care_day_cost_eur,
        case
            when cell_outputs.has_service_day = 1 then cell_costs.allocated_cost_eur else 0
        end as service_day_cost_eur
    from cell_costs
    left join cell_outputs
        on
            {{ tietopohja.keys_match('cell_costs', 'cell_outputs', unit_keys) }}
),

costs as (
    select
        county_code,
        period_grain,
        period_start,
        case when grouping(service_code) = 1 then '__all__' else service_code end as service_code,
        case when grouping(segment) = 1 then '__all__' else segment end as segment,
        sum(allocated_cost_eur) as allocated_cost_eur,
        sum(visit_cost_eur) as visit_cost_eur,
        sum(care_day_cost_eur) as care_day_cost_eur,
        sum(service_day_cost_eur) as service_day_cost_eur
    from cell_kind_costs
    group by county_code, period_grain, period_start, cube(service_code, segment)
),

client_outputs as (
    {#- one row per client and grouping: the client's outputs of each kind -#}
    select
        county_code,
        period_grain,
        period_start,
        case when grouping(service_code) = 1 then '__all__' else service_code end as service_code,
        case when grouping(segment) = 1 then '__all__' else segment end as segment,
        person_pseudonym,
        sum(visits) as visits,
        sum(care_days) as care_days,
        sum(service_days) as service_days
    from output_periods
    group by county_code, period_grain, period_start, person_pseudonym, cube(service_code, segment)
),

outputs as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        sum(visits) as visits,
        sum(case when visits > 0 then 1 else 0 end) as visit_clients,
        sum(care_days) as care_days,
        sum(case when care_days > 0 then 1 else 0 end) as care_day_clients,
        sum(service_days) as service_days,
        sum(case when service_days > 0 then 1 else 0 end) as service_day_clients,
        count(*) as clients
    from client_outputs
    group by county_code, period_grain, period_start, service_code, segment
),

residents as (
    select
        county_code,
        period_grain,
        period_start,
        residents
    from {{ ref('int_county_period_residents') }}
),

keys as (
    {#- every (service, segment) grouping a county has in any period, in
        every period of the county: a period with nothing to count has 0
        euros and 0 clients, so that its change to the next period is
        defined -#}
    select
        groupings.county_code,
        periods.period_grain,
        periods.period_start,
        groupings.service_code,
        groupings.segment
    from (
        select
            county_code,
            service_code,
            segment
        from costs
        union
        select
            county_code,
            service_code,
            segment
        from outputs
    ) as groupings
    inner join {{ ref('int_reporting_periods') }} as periods
        on groupings.county_code = periods.county_code
),

combined as (
    select
        keys.county_code,
        keys.period_grain,
        keys.period_start,
        case when keys.service_code <> '__all__' then keys.service_code end as service_code,
        case when keys.segment <> '__all__' then keys.segment end as segment,
        cast(coalesce(costs.allocated_cost_eur, 0) as double) as allocated_cost_eur,
        cast(residents.residents as {{ dbt.type_bigint() }}) as residents,
        cast(coalesce(outputs.visits, 0) as {{ dbt.type_bigint() }}) as visits,
        cast(coalesce(outputs.care_days, 0) as {{ dbt.type_bigint() }}) as care_days,
        cast(coalesce(outputs.service_days, 0) as {{ dbt.type_bigint() }}) as service_days,
        cast(coalesce(outputs.visit_clients, 0) as {{ dbt.type_bigint() }}) as visit_clients,
        case
            when keys.service_code <> '__all__' then cast(coalesce(costs.allocated_cost_eur, 0) as double)
            else cast(coalesce(costs.visit_cost_eur, 0) as double)
        end as visit_cost_eur,
        cast(coalesce(outputs.care_day_clients, 0) as {{ dbt.type_bigint() }}) as care_day_clients,
        case
            when keys.service_code <> '__all__' then cast(coalesce(costs.allocated_cost_eur, 0) as double)
            else cast(coalesce(costs.care_day_cost_eur, 0) as double)
        end as care_day_cost_eur,
        cast(coalesce(outputs.service_day_clients, 0) as {{ dbt.type_bigint() }}) as service_day_clients,
        case
            when keys.service_code <> '__all__' then cast(coalesce(costs.allocated_cost_eur, 0) as double)
            else cast(coalesce(costs.service_day_cost_eur, 0) as double)
        end as service_day_cost_eur,
        cast(coalesce(outputs.clients, 0) as {{ dbt.type_bigint() }}) as clients
    from keys
    left join costs
        on
            {{ tietopohja.keys_match('keys', 'costs', unit_keys) }}
    left join outputs
        on
            {{ tietopohja.keys_match('keys', 'outputs', unit_keys) }}
    left join residents
        on
            {{ tietopohja.keys_match('keys', 'residents', ['county_code', 'period_grain', 'period_start']) }}
),

with_ratios as (
    select
        combined.*,
        combined.allocated_cost_eur / nullif(combined.residents, 0) as cost_per_resident_eur,
        combined.visit_cost_eur / nullif(combined.visits, 0) as cost_per_visit_eur,
        combined.care_day_cost_eur / nullif(combined.care_days, 0) as cost_per_care_day_eur,
        combined.service_day_cost_eur / nullif(combined.service_days, 0) as cost_per_service_day_eur,
        combined.allocated_cost_eur / nullif(combined.clients, 0) as cost_per_client_eur,
        {{ tietopohja.value_status_column(['ledger'], 'any', 'combined') }} as ledger_status,
        {{ tietopohja.value_status_column(['patient', 'social'], 'any', 'combined') }} as client_status,
        {{ tietopohja.value_status_column(['population'], 'any', 'combined') }} as population_status,
        {{ tietopohja.source_group_value_status('ledger/patient+social', 'combined') }} as value_status
    from combined
),

with_changes as (
    {{ tietopohja.period_changes(
        'with_ratios',
        ['county_code', 'service_code', 'segment'],
        ['allocated_cost_eur', 'clients', 'cost_per_client_eur'],
        status_column={
            'allocated_cost_eur': 'ledger_status',
            'clients': 'client_status',
            'cost_per_client_eur': 'value_status'
        }) }}
)

select
    with_changes.county_code,
    with_changes.period_grain,
    with_changes.period_start,
    with_changes.service_code,
    services.aura_class,
    services.structure_level,
    services.sector,
    with_changes.segment,
    {{ tietopohja.delivered('with_changes.allocated_cost_eur', 'with_changes.ledger_status') }}
        as allocated_cost_eur,
    {{ tietopohja.delivered('with_changes.residents', 'with_changes.population_status') }} as residents,
    {{ tietopohja.delivered('with_changes.clients', 'with_changes.client_status') }} as clients,
    {{ tietopohja.delivered('with_changes.visits', 'with_changes.client_status') }} as visits,
    {{ tietopohja.delivered('with_changes.visit_clients', 'with_changes.client_status') }} as visit_clients,
    {{ tietopohja.delivered('with_changes.care_days', 'with_changes.client_status') }} as care_days,
    {{ tietopohja.delivered('with_changes.care_day_clients', 'with_changes.client_status') }} as care_day_clients,
    {{ tietopohja.delivered('with_changes.service_days', 'with_changes.client_status') }} as service_days,
    {{ tietopohja.delivered('with_changes.service_day_clients', 'with_changes.client_status') }} as service_day_clients,
    cast(
        {{ tietopohja.delivered(
            tietopohja.delivered('with_changes.cost_per_resident_eur', 'with_changes.ledger_status'),
            'with_changes.population_status'
        ) }} as double
    ) as cost_per_resident_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_client_eur', 'with_changes.value_status') }} as double
    ) as cost_per_client_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_visit_eur', 'with_changes.value_status') }} as double
    ) as cost_per_visit_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_care_day_eur', 'with_changes.value_status') }} as double
    ) as cost_per_care_day_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_service_day_eur', 'with_changes.value_status') }} as double
    ) as cost_per_service_day_eur,
    {{ tietopohja.period_change_columns({
        'allocated_cost_eur': tietopohja.type_double(),
        'clients': dbt.type_bigint(),
        'cost_per_client_eur': tietopohja.type_double()
    }, 'with_changes') }},
    with_changes.value_status
from with_changes
left join {{ ref('int_services_classified') }} as services
    on with_changes.service_code = services.service_code
