{#-
  Yksikkökustannukset — the costs theme's unit-cost measure model: allocated
  cost per resident, per client and per output, computed once, by county,
  period (month, quarter, year), service and client segment.
  service_code NULL = all services, segment NULL = all segments. Read by
  marts.service_unit_costs (every row with has_costs or has_outputs),
  marts.service_productivity (the service rows of all segments) and
  int_key_figures__costs (cost per resident and per client, see there).

  - allocated_cost_eur: operating costs after allocating support and
    administration, summed once in int_allocated_costs_aggregated (its
    service × segment cells also give the euros behind each kind of output).
  - ledger_cost_eur (whole-county row only, NULL on the others): the
    ledger's operating costs (accounts 4000–4995) of the county; with
    ledger_cost_per_resident_eur = ledger cost ÷ residents and
    ledger_cost_per_client_eur = ledger cost ÷ clients of all services
    (kirjanpidon mukaiset kokonaiskustannukset / asukas, / asiakas).
  - residents: year-end residents of the county (the latest year-end on
    or before the period's last day; before the first delivered year-end,
    that first one), from int_need_measures_aggregated's whole-county rows,
    where they are summed once.
  - clients, visits, care_days, service_days, visit_clients,
    care_day_clients, service_day_clients: the clients of the service (in
    the segment) in the period and their outputs of each kind, and the
    distinct persons behind each kind, as int_need_measures_aggregated
    counts them once (from int_clients_periodized, over the whole period,
    not a sum of months; a client belongs to every segment in which they
    had an output). Cost per output = allocated cost ÷ the outputs of that
    kind (NULL where there are none); in a row of all services or of a
    segment, only the euros of the service × segment cells that had outputs
    of that kind count (the euros of a ward are not spread over the
    visits). Cost per client and per output of a segment use the segment's
    euros (split by outputs).
  - cost_per_resident_eur = allocated cost ÷ residents; cost_per_client_eur
    = allocated cost ÷ clients (NULL without residents / clients).
  - Dense: every service / segment grouping the county has in any period
    (has_costs: euros in some period; has_outputs: outputs in some period),
    and the whole county of every county with residents, has a row in every
    period of the county (0 euros, 0 clients), so the change from a period
    with nothing to count is defined.
  The four groupings (service × segment, service, segment, all) are one
  `group by ... cube(service_code, segment)` of the cells' euros, with
  '__all__' for "all" (so that they join with `=`), turned into NULL in
  `combined`.
-#}
{%- set unit_keys = ['county_code', 'period_grain', 'period_start', 'service_code', 'segment'] -%}
with cell_outputs as (
    {#- the clients and outputs of each (service, segment) grouping,
        '__all__' for all, counted once in int_need_measures_aggregated
        (its rows without age group, municipality or unit, with a client) -#}
    select
        county_code,
        period_grain,
        period_start,
        coalesce(service_code, '__all__') as service_code,
        coalesce(segment, '__all__') as segment,
        clients,
        visits,
        visit_clients,
        care_days,
        care_day_clients,
        service_days,
        service_day_clients
    from {{ ref('int_need_measures_aggregated') }}
    where
        clients > 0
        and age_group is null
        and municipality_code is null
        and unit_id is null
),

cell_costs as (
    {#- the allocated cost of each service × segment cell, summed once in
        int_allocated_costs_aggregated -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        allocated_cost_eur
    from {{ ref('int_allocated_costs_aggregated') }}
    where
        service_code is not null
        and segment is not null
        and production_mode is null
        and allocated_cost_eur is not null
),

allocated as (
    {#- the allocated cost of every (service, segment) grouping, '__all__'
        for all -#}
    select
        county_code,
        period_grain,
        period_start,
        coalesce(service_code, '__all__') as service_code,
        coalesce(segment, '__all__') as segment,
        allocated_cost_eur
    from {{ ref('int_allocated_costs_aggregated') }}
    where production_mode is null and allocated_cost_eur is not null
),

ledger as (
    {#- the ledger's operating costs of the county (accounts 4000–4995),
        for the ledger cost per resident and per client -#}
    select
        ledger_entries.county_code,
        periods.period_grain,
        periods.period_start,
        sum(ledger_entries.amount_eur) as ledger_cost_eur
    from {{ ref('int_gl_entries_classified') }} as ledger_entries
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('ledger_entries') }}
    where ledger_entries.account_class = 'operating_cost'
    group by ledger_entries.county_code, periods.period_grain, periods.period_start
),

cell_kind_costs as (
    select
        cell_costs.county_code,
        cell_costs.period_grain,
        cell_costs.period_start,
        cell_costs.service_code,
        cell_costs.segment,
        cell_costs.allocated_cost_eur,
        case when cell_outputs.visits > 0 then cell_costs.allocated_cost_eur else 0 end as visit_cost_eur,
        case when cell_outputs.care_days > 0 then cell_costs.allocated_cost_eur else 0 end as care_day_cost_eur,
        case when cell_outputs.service_days > 0 then cell_costs.allocated_cost_eur else 0 end as service_day_cost_eur
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
        {{ tietopohja.all_when_grouped('service_code') }} as service_code,
        {{ tietopohja.all_when_grouped('segment') }} as segment,
        sum(visit_cost_eur) as visit_cost_eur,
        sum(care_day_cost_eur) as care_day_cost_eur,
        sum(service_day_cost_eur) as service_day_cost_eur
    from cell_kind_costs
    group by county_code, period_grain, period_start, cube(service_code, segment)
),

residents as (
    {#- the county's year-end residents of each period, as
        int_need_measures_aggregated sums them once (its whole-county rows) -#}
    select
        measures.county_code,
        measures.period_grain,
        measures.period_start,
        measures.residents
    from {{ ref('int_need_measures_aggregated') }} as measures
    where
        measures.residents is not null
        and {{ tietopohja.whole_county_row('measures') }}
),

groupings as (
    {#- every (service, segment) grouping a county has in any period, with
        where it comes from, and the whole county of every county with
        residents -#}
    select
        county_code,
        service_code,
        segment,
        max(from_costs) as has_costs,
        max(from_outputs) as has_outputs
    from (
        select distinct
            county_code,
            service_code,
            segment,
            1 as from_costs,
            0 as from_outputs
        from costs
        union all
        select distinct
            county_code,
            service_code,
            segment,
            0 as from_costs,
            1 as from_outputs
        from cell_outputs
        union all
        select distinct
            county_code,
            '__all__' as service_code,
            '__all__' as segment,
            0 as from_costs,
            0 as from_outputs
        from residents
    ) as sources
    group by county_code, service_code, segment
),

keys as (
    {#- every grouping in every period of the county: a period with nothing
        to count has 0 euros and 0 clients, so that its change to the next
        period is defined -#}
    select
        groupings.county_code,
        periods.period_grain,
        periods.period_start,
        groupings.service_code,
        groupings.segment,
        groupings.has_costs = 1 as has_costs,
        groupings.has_outputs = 1 as has_outputs
    from groupings
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
        keys.has_costs,
        keys.has_outputs,
        cast(coalesce(allocated.allocated_cost_eur, 0) as double) as allocated_cost_eur,
        case
            when keys.service_code = '__all__' and keys.segment = '__all__'
                then cast(coalesce(ledger.ledger_cost_eur, 0) as double)
        end as ledger_cost_eur,
        cast(residents.residents as {{ dbt.type_bigint() }}) as residents,
        cast(coalesce(outputs.visits, 0) as {{ dbt.type_bigint() }}) as visits,
        cast(coalesce(outputs.care_days, 0) as {{ dbt.type_bigint() }}) as care_days,
        cast(coalesce(outputs.service_days, 0) as {{ dbt.type_bigint() }}) as service_days,
        cast(coalesce(outputs.visit_clients, 0) as {{ dbt.type_bigint() }}) as visit_clients,
        case
            when keys.service_code <> '__all__' then cast(coalesce(allocated.allocated_cost_eur, 0) as double)
            else cast(coalesce(costs.visit_cost_eur, 0) as double)
        end as visit_cost_eur,
        cast(coalesce(outputs.care_day_clients, 0) as {{ dbt.type_bigint() }}) as care_day_clients,
        case
            when keys.service_code <> '__all__' then cast(coalesce(allocated.allocated_cost_eur, 0) as double)
            else cast(coalesce(costs.care_day_cost_eur, 0) as double)
        end as care_day_cost_eur,
        cast(coalesce(outputs.service_day_clients, 0) as {{ dbt.type_bigint() }}) as service_day_clients,
        case
            when keys.service_code <> '__all__' then cast(coalesce(allocated.allocated_cost_eur, 0) as double)
            else cast(coalesce(costs.service_day_cost_eur, 0) as double)
        end as service_day_cost_eur,
        cast(coalesce(outputs.clients, 0) as {{ dbt.type_bigint() }}) as clients
    from keys
    left join allocated
        on
            {{ tietopohja.keys_match('keys', 'allocated', unit_keys) }}
    left join costs
        on
            {{ tietopohja.keys_match('keys', 'costs', unit_keys) }}
    left join ledger
        on
            {{ tietopohja.keys_match('keys', 'ledger', ['county_code', 'period_grain', 'period_start']) }}
    left join cell_outputs as outputs
        on
            {{ tietopohja.keys_match('keys', 'outputs', unit_keys) }}
    left join residents
        on
            {{ tietopohja.keys_match('keys', 'residents', ['county_code', 'period_grain', 'period_start']) }}
)

select
    county_code,
    period_grain,
    period_start,
    service_code,
    segment,
    has_costs,
    has_outputs,
    allocated_cost_eur,
    residents,
    clients,
    visits,
    visit_clients,
    care_days,
    care_day_clients,
    service_days,
    service_day_clients,
    ledger_cost_eur,
    allocated_cost_eur / nullif(residents, 0) as cost_per_resident_eur,
    allocated_cost_eur / nullif(clients, 0) as cost_per_client_eur,
    visit_cost_eur / nullif(visits, 0) as cost_per_visit_eur,
    care_day_cost_eur / nullif(care_days, 0) as cost_per_care_day_eur,
    service_day_cost_eur / nullif(service_days, 0) as cost_per_service_day_eur,
    ledger_cost_eur / nullif(residents, 0) as ledger_cost_per_resident_eur,
    ledger_cost_eur / nullif(clients, 0) as ledger_cost_per_client_eur
from combined
