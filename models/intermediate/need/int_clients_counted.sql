{#-
  Asiakkaat laskettuina — the clients of every reporting period counted
  once, per county and period, for the breakdowns the need theme reads
  (int_need_measures_aggregated; through it the costs per client of
  int_unit_costs_aggregated): distinct persons with an output
  (int_clients_periodized; an unknown service or segment is `unknown`),
  their outputs, visits, care days and service days, for

  - the four groupings of `cube(service_code, segment)` (NULL = all): the
    whole county, by service, by segment, service × segment; with
    visit_clients, care_day_clients, service_day_clients, the clients with
    a visit, a care day, a service day. These count a row per client and
    grouping;
  - by age group; home municipality; service × age group; service × home
    municipality (a client without a home municipality counts only in the
    other rows): `count(distinct)` numbered clients (a client has one age
    group in a period but may have several municipalities).

  Incremental by period on DuckDB, as int_clients_periodized (CONTRIBUTING,
  "Monthly deliveries"): the pre-hook deletes the rows of the periods that
  hold a changed month of outputs (and of periods no longer reported), and
  the query counts the periods that then have no rows, from their client
  rows only. A period's counts read nothing outside it, so the periods
  kept equal a full build's. On Spark a table.
-#}
{{ config(
    materialized=tietopohja.incremental_by_month_materialized(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ tietopohja.delete_changed_months(tietopohja.period_output_rows_stale()) }}"
) }}

{%- set bigint = dbt.type_bigint() -%}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
with periodized as (
    {#- the client rows of the periods to count (every period in a full build) -#}
    select
        clients.county_code,
        clients.period_grain,
        clients.period_start,
        clients.period_end,
        clients.person_pseudonym,
        clients.service_code,
        clients.segment,
        clients.age_group,
        clients.home_municipality_code,
        clients.outputs,
        clients.visits,
        clients.care_days,
        clients.service_days
    from {{ ref('int_clients_periodized') }} as clients
    where {{ tietopohja.period_not_built('clients') }}
),

person_numbers as (
    {#- the clients numbered: the distinct counts below hash a number, not a
        32-character pseudonym (at 550,000 residents 68 -> 46 CPU-seconds
        for the counts, and a third of the spilling) -#}
    select
        person_pseudonym,
        row_number() over (order by person_pseudonym) as person_number
    from (
        select distinct person_pseudonym
        from periodized
    ) as persons
),

client_rows as (
    select
        periodized.county_code,
        periodized.period_grain,
        periodized.period_start,
        periodized.period_end,
        person_numbers.person_number,
        coalesce(periodized.service_code, 'unknown') as service_code,
        coalesce(periodized.segment, 'unknown') as segment,
        periodized.age_group,
        periodized.home_municipality_code as municipality_code,
        periodized.outputs,
        periodized.visits,
        periodized.care_days,
        periodized.service_days
    from periodized
    left join person_numbers
        on periodized.person_pseudonym = person_numbers.person_pseudonym
),

client_cells as (
    {#- one row per client and (service, segment) grouping — the four
        groupings of `cube(service_code, segment)`, '__all__' for all — with
        the client's outputs there: the clients of these groupings, and the
        clients with a visit, a care day or a service day, are counts of
        rows -#}
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        person_number,
        {{ tietopohja.all_when_grouped('service_code') }} as service_code,
        {{ tietopohja.all_when_grouped('segment') }} as segment,
        sum(outputs) as outputs,
        sum(visits) as visits,
        sum(care_days) as care_days,
        sum(service_days) as service_days
    from client_rows
    group by county_code, period_grain, period_start, period_end, person_number, cube(service_code, segment)
),

cell_clients as (
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        case when service_code <> '__all__' then service_code end as service_code,
        case when segment <> '__all__' then segment end as segment,
        {{ null_text }} as age_group,
        {{ null_text }} as municipality_code,
        cast(count(*) as {{ bigint }}) as clients,
        cast(sum(outputs) as {{ bigint }}) as outputs,
        cast(sum(visits) as {{ bigint }}) as visits,
        cast(sum(care_days) as {{ bigint }}) as care_days,
        cast(sum(service_days) as {{ bigint }}) as service_days,
        cast(sum(case when visits > 0 then 1 else 0 end) as {{ bigint }}) as visit_clients,
        cast(sum(case when care_days > 0 then 1 else 0 end) as {{ bigint }}) as care_day_clients,
        cast(sum(case when service_days > 0 then 1 else 0 end) as {{ bigint }}) as service_day_clients
    from client_cells
    group by county_code, period_grain, period_start, period_end, service_code, segment
),

clients_grouped as (
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        service_code,
        age_group,
        municipality_code,
        grouping(municipality_code) as is_all_municipalities,
        grouping(age_group) as is_all_age_groups,
        cast(count(distinct person_number) as {{ bigint }}) as clients,
        cast(sum(outputs) as {{ bigint }}) as outputs,
        cast(sum(visits) as {{ bigint }}) as visits,
        cast(sum(care_days) as {{ bigint }}) as care_days,
        cast(sum(service_days) as {{ bigint }}) as service_days
    from client_rows
    group by
        county_code,
        period_grain,
        period_start,
        period_end,
        grouping sets ((age_group), (municipality_code), (service_code, age_group), (service_code, municipality_code))  -- noqa: PRS, LT02, LT05
)

select * from cell_clients
union all
select
    county_code,
    period_grain,
    period_start,
    period_end,
    service_code,
    {{ null_text }} as segment,
    age_group,
    municipality_code,
    clients,
    outputs,
    visits,
    care_days,
    service_days,
    cast(null as {{ bigint }}) as visit_clients,
    cast(null as {{ bigint }}) as care_day_clients,
    cast(null as {{ bigint }}) as service_day_clients
from clients_grouped
where
    (is_all_municipalities = 1 or municipality_code is not null)
    and (is_all_age_groups = 1 or age_group is not null)
