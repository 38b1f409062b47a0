{#-
  Palvelun asiakkaat saatavuuden jaotteluin — the clients of each service
  per county and reporting period (month, quarter, year), for the whole
  client base (`breakdown` = 'all') and by the client's home municipality,
  age group (seeds/rules/availability_age_groups.csv, age at the output
  event) and sex: distinct persons with an output of the service in the
  period (a visit on a day of the period, or a ward episode or service
  period with a day in the period: start <= day < end; int_client_events_mapped),
  in the same breakdown (the output's home municipality, age group, sex).
  A client of several values of a breakdown counts once under each.
  int_availability_waits_aggregated reads them for the clients of the
  service and the waits over the limit per 1,000 clients.

  Incremental by period on DuckDB, as int_clients_counted (CONTRIBUTING,
  "Monthly deliveries"): the pre-hook deletes the rows of the periods that
  hold a changed month of outputs (and of periods no longer reported), and
  the query counts the periods that then have no rows. A period's counts
  read only the outputs on its days, so the periods kept equal a full
  build's. On Spark a table.
-#}
{{ config(
    materialized=tietopohja.incremental_by_month_materialized(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ tietopohja.delete_changed_months(tietopohja.period_output_rows_stale()) }}"
) }}

{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{%- set breakdowns = tietopohja.availability_breakdowns() -%}

with periods as (
    {#- the periods to count (every period in a full build) -#}
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end
    from {{ ref('int_reporting_periods') }} as periods
    where {{ tietopohja.period_not_built('periods') }}
),

age_group_of_age as (
    {#- each age that occurs placed in its age group once: the events join
        it by equality (a range join sorted all 7.2 M events at 550,000
        residents) -#}
    select
        ages.age_at_event,
        age_groups.age_group
    from (select distinct age_at_event from {{ ref('int_client_events_mapped') }}) as ages
    inner join {{ ref('availability_age_groups') }} as age_groups
        on ages.age_at_event between age_groups.age_from and age_groups.age_to
),

client_events as (
    select
        events.county_code,
        events.service_code,
        events.person_pseudonym,
        events.home_municipality_code,
        age_group_of_age.age_group,
        events.sex,
        events.event_type,
        events.event_date,
        events.event_end_date
    from {{ ref('int_client_events_mapped') }} as events
    left join age_group_of_age
        on events.age_at_event = age_group_of_age.age_at_event
    where events.is_output and events.service_code is not null
),

visit_months as (
    {#- the clients behind the rates are distinct persons: a person's visits
        of one month and group are one row before the join to the periods -#}
    select distinct
        county_code,
        service_code,
        person_pseudonym,
        home_municipality_code,
        age_group,
        sex,
        cast({{ dbt.date_trunc('month', 'event_date') }} as date) as month_start
    from client_events
    where event_type = 'visit'
),

outputs_in_period as (
    select
        periods.period_grain,
        periods.period_start,
        visit_months.county_code,
        visit_months.service_code,
        visit_months.person_pseudonym,
        visit_months.home_municipality_code,
        visit_months.age_group,
        visit_months.sex
    from visit_months
    inner join periods
        on {{ tietopohja.in_period('visit_months') }}
    union all
    select
        periods.period_grain,
        periods.period_start,
        client_events.county_code,
        client_events.service_code,
        client_events.person_pseudonym,
        client_events.home_municipality_code,
        client_events.age_group,
        client_events.sex
    from client_events
    inner join periods
        on
            client_events.county_code = periods.county_code
            and client_events.event_date <= periods.period_end
            and (
                client_events.event_end_date is null
                or (
                    client_events.event_end_date > periods.period_start
                    and client_events.event_end_date > client_events.event_date
                )
            )
    where client_events.event_type <> 'visit'
),

person_values as (
    {#- a client's value of each breakdown in a period and service, where the
        client has one (is_single_<breakdown> = 1: one home municipality,
        one age group, one sex; nearly every client): such clients are
        counted per value without their pseudonym -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        person_pseudonym,
        min(home_municipality_code) as value_home_municipality,
        min(age_group) as value_age_group,
        min(cast(sex as {{ dbt.type_string() }})) as value_sex,
        case when {{ tietopohja.has_one_value('home_municipality_code') }} then 1 else 0 end
            as is_single_home_municipality,
        case when {{ tietopohja.has_one_value('age_group') }} then 1 else 0 end as is_single_age_group,
        case when {{ tietopohja.has_one_value('sex') }} then 1 else 0 end as is_single_sex
    from outputs_in_period
    group by county_code, period_grain, period_start, service_code, person_pseudonym
),

several_values as (
    {#- the rows of the clients with more than one value in a breakdown -#}
    select
        outputs_in_period.*,
        person_values.is_single_home_municipality,
        person_values.is_single_age_group,
        person_values.is_single_sex
    from outputs_in_period
    inner join person_values
        on
            {{ tietopohja.keys_match('outputs_in_period', 'person_values',
                ['county_code', 'period_grain', 'period_start', 'service_code', 'person_pseudonym']) }}
    where
        person_values.is_single_home_municipality = 0
        or person_values.is_single_age_group = 0
        or person_values.is_single_sex = 0
),

client_counts as (
    {#- distinct clients per breakdown value: the clients of one value
        counted, plus the clients of several values counted distinct (a
        count(distinct) over every client cost 4 × 6 s at 550,000
        residents; each breakdown's own query spills to disk when memory
        is short) -#}
    {%- for breakdown, expr in breakdowns %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        '{{ breakdown }}' as breakdown,
        breakdown_value,
        cast(sum(clients) as {{ dbt.type_bigint() }}) as service_clients
    from (
        select
            county_code,
            period_grain,
            period_start,
            service_code,
            {{ null_text if breakdown == 'all' else 'value_' ~ breakdown }} as breakdown_value,
            count(*) as clients
        from person_values
        {%- if breakdown != 'all' %}
        where is_single_{{ breakdown }} = 1
        {%- endif %}
        group by
            county_code,
            period_grain,
            period_start,
            service_code{% if breakdown != 'all' %},
            value_{{ breakdown }}{% endif %}
        {%- if breakdown != 'all' %}
        union all
        select
            county_code,
            period_grain,
            period_start,
            service_code,
            {{ expr }} as breakdown_value,
            count(distinct person_pseudonym) as clients
        from several_values
        where is_single_{{ breakdown }} = 0
        group by county_code, period_grain, period_start, service_code, {{ expr }}
        {%- endif %}
    ) as counted
    group by county_code, period_grain, period_start, service_code, breakdown_value
    {%- endfor %}
)

select
    client_counts.county_code,
    client_counts.period_grain,
    client_counts.period_start,
    periods.period_end,
    client_counts.service_code,
    client_counts.breakdown,
    client_counts.breakdown_value,
    client_counts.service_clients
from client_counts
inner join periods
    on
        client_counts.county_code = periods.county_code
        and client_counts.period_grain = periods.period_grain
        and client_counts.period_start = periods.period_start
