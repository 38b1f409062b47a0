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
  - visits, care_days, service_days (tietopohja.output_kinds()): outputs
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
  The four groupings (service × segment, service, segment, all) are
  tietopohja.union_of_groupings with '__all__' for "all" (joined with `=`),
  turned into NULL in `combined`.
-#}
{%- set all_value = "'__all__'" -%}
{%- set sets = [['service_code', 'segment'], ['service_code'], ['segment'], []] -%}
{%- set unit_keys = ['county_code', 'period_grain', 'period_start', 'service_code', 'segment'] -%}
{%- set output_kinds = tietopohja.output_kinds() -%}
{%- set output_measures = [] -%}
{%- set person_output_measures = [] -%}
{%- set kind_cost_measures = [] -%}
{%- for output_type, count_column in output_kinds.items() -%}
    {#- per client of the grouping first (union_of_groupings `per`): the
        clients of each kind are then sums, not one distinct count each -#}
    {%- do person_output_measures.append(
        "sum({0}) as {0}".format(count_column)) -%}
    {%- do output_measures.append(
        "sum({0}) as {0}".format(count_column)) -%}
    {%- do output_measures.append(
        "sum(case when {0} > 0 then 1 else 0 end) as {1}_clients".format(count_column, output_type)) -%}
    {%- do kind_cost_measures.append(
        "sum({0}_cost_eur) as {0}_cost_eur".format(output_type)) -%}
{%- endfor -%}

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
        home municipality and sector: union_of_groupings `per` sums a
        client's rows of a grouping) from int_clients_periodized, which
        already joined the output days to the periods -#}
    select
        county_code,
        period_grain,
        period_start,
        coalesce(service_code, 'unknown') as service_code,
        coalesce(segment, 'unknown') as segment,
        {%- for count_column in output_kinds.values() %}
        {{ count_column }},
        {%- endfor %}
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
        on
            costs_monthly.county_code = periods.county_code
            and costs_monthly.month_start between periods.period_start and periods.period_end
),

cell_outputs as (
    {#- per service × segment cell: its euros again for every kind of
        output it had in the period; the all-services and segment rows
        divide the euros of the cells with visits by the visits, and so on
        (a ward's euros are not spread over the visits) -#}
    select
        {%- for output_type, count_column in output_kinds.items() %}
        max(case when {{ count_column }} > 0 then 1 else 0 end) as has_{{ output_type }},
        {%- endfor %}
        county_code,
        period_grain,
        period_start,
        service_code,
        segment
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
        {%- for output_type in output_kinds %}
        case
            when cell_outputs.has_{{ output_type }} = 1 then cell_costs.allocated_cost_eur else 0
        end as {{ output_type }}_cost_eur,
        {%- endfor %}
        cell_costs.allocated_cost_eur,
        cell_costs.county_code,
        cell_costs.period_grain,
        cell_costs.period_start,
        cell_costs.service_code,
        cell_costs.segment
    from cell_costs
    left join cell_outputs
        on
            {{ tietopohja.keys_match('cell_costs', 'cell_outputs', unit_keys) }}
),

costs as (
    {{ tietopohja.union_of_groupings(
        'cell_kind_costs',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['service_code', 'segment'],
        sets=sets,
        measures=['sum(allocated_cost_eur) as allocated_cost_eur'] + kind_cost_measures,
        all_value=all_value
    ) }}
),

outputs as (
    {{ tietopohja.union_of_groupings(
        'output_periods',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['service_code', 'segment'],
        sets=sets,
        measures=output_measures + ['count(*) as clients'],
        all_value=all_value,
        per='person_pseudonym',
        per_measures=person_output_measures
    ) }}
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
        case when keys.service_code <> {{ all_value }} then keys.service_code end as service_code,
        case when keys.segment <> {{ all_value }} then keys.segment end as segment,
        cast(coalesce(costs.allocated_cost_eur, 0) as double) as allocated_cost_eur,
        cast(residents.residents as {{ dbt.type_bigint() }}) as residents,
        {%- for count_column in output_kinds.values() %}
        cast(coalesce(outputs.{{ count_column }}, 0) as {{ dbt.type_bigint() }}) as {{ count_column }},
        {%- endfor %}
        {%- for output_type in output_kinds %}
        cast(coalesce(outputs.{{ output_type }}_clients, 0) as {{ dbt.type_bigint() }}) as {{ output_type }}_clients,
        case
            when keys.service_code <> {{ all_value }} then cast(coalesce(costs.allocated_cost_eur, 0) as double)
            else cast(coalesce(costs.{{ output_type }}_cost_eur, 0) as double)
        end as {{ output_type }}_cost_eur,
        {%- endfor %}
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
        {%- for output_type, count_column in output_kinds.items() %}
        combined.{{ output_type }}_cost_eur / nullif(combined.{{ count_column }}, 0) as cost_per_{{ output_type }}_eur,
        {%- endfor %}
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
    {%- for output_type, count_column in output_kinds.items() %}
    {{ tietopohja.delivered('with_changes.' ~ count_column, 'with_changes.client_status') }} as {{ count_column }},
    {{ tietopohja.delivered('with_changes.' ~ output_type ~ '_clients', 'with_changes.client_status') }}
        as {{ output_type }}_clients,
    {%- endfor %}
    cast(
        {{ tietopohja.delivered(
            tietopohja.delivered('with_changes.cost_per_resident_eur', 'with_changes.ledger_status'),
            'with_changes.population_status'
        ) }} as double
    ) as cost_per_resident_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_client_eur', 'with_changes.value_status') }} as double
    ) as cost_per_client_eur,
    {%- for output_type in output_kinds %}
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_' ~ output_type ~ '_eur', 'with_changes.value_status') }}
        as double
    ) as cost_per_{{ output_type }}_eur,
    {%- endfor %}
    {{ tietopohja.period_change_columns({
        'allocated_cost_eur': tietopohja.type_double(),
        'clients': dbt.type_bigint(),
        'cost_per_client_eur': tietopohja.type_double()
    }, 'with_changes') }},
    with_changes.value_status
from with_changes
left join {{ ref('int_services_classified') }} as services
    on with_changes.service_code = services.service_code
