{#-
  Palvelujen yhteensovittaminen — per county and month, quarter and year:
  clients (distinct persons with an output, int_clients_periodized), clients
  who used both a health and a social service in the period (by the
  service's sector), and clients of three or more different services, with
  their shares of all clients (%). Outputs of an unknown service count for
  the client but not as a service or a sector. Every period of the county
  has a row (0 clients: shares NULL), so changes from it are defined.

  The "heavy users" view (top 10 % of clients by allocated cost) needs the
  allocated cost per client of the costs theme and is not here.
-#}
with persons as (
    select
        county_code,
        period_grain,
        period_start,
        person_pseudonym,
        max(case when sector = 'health' then 1 else 0 end) as used_health,
        max(case when sector = 'social' then 1 else 0 end) as used_social,
        count(distinct service_code) as services_used
    from {{ ref('int_clients_periodized') }}
    group by county_code, period_grain, period_start, person_pseudonym
),

grouped as (
    {#- every period of the county, 0 where nobody had an output: the change
        from such a period is defined -#}
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        cast(count(persons.person_pseudonym) as {{ dbt.type_bigint() }}) as clients,
        cast(
            sum(case when persons.used_health = 1 and persons.used_social = 1 then 1 else 0 end)
            as {{ dbt.type_bigint() }}
        ) as clients_health_and_social,
        cast(sum(case when persons.services_used >= 3 then 1 else 0 end) as {{ dbt.type_bigint() }})
            as clients_3plus_services
    from {{ ref('int_reporting_periods') }} as periods
    left join persons
        on
            {{ tietopohja.keys_match('periods', 'persons', ['county_code', 'period_grain', 'period_start']) }}
    group by periods.county_code, periods.period_grain, periods.period_start
),

shares as (
    select
        grouped.*,
        grouped.clients_health_and_social * 100.0 / nullif(grouped.clients, 0) as health_and_social_pct,
        grouped.clients_3plus_services * 100.0 / nullif(grouped.clients, 0) as three_plus_services_pct,
        {{ tietopohja.source_group_value_status('patient/social', 'grouped') }} as value_status
    from grouped
),

changes as (
    {{ tietopohja.period_changes('shares', ['county_code'],
        ['clients_health_and_social', 'health_and_social_pct', 'clients_3plus_services'],
        status_column='value_status') }}
)

select
    county_code,
    period_grain,
    period_start,
    {{ tietopohja.delivered('clients') }} as clients,
    {{ tietopohja.delivered('clients_health_and_social') }} as clients_health_and_social,
    cast({{ tietopohja.delivered('health_and_social_pct') }} as double) as health_and_social_pct,
    {{ tietopohja.delivered('clients_3plus_services') }} as clients_3plus_services,
    cast({{ tietopohja.delivered('three_plus_services_pct') }} as double) as three_plus_services_pct,
    cast(clients_health_and_social_change as {{ dbt.type_bigint() }}) as clients_health_and_social_change,
    cast(clients_health_and_social_change_yoy as {{ dbt.type_bigint() }}) as clients_health_and_social_change_yoy,
    cast(clients_health_and_social_growth_yoy_pct as double) as clients_health_and_social_growth_yoy_pct,
    cast(health_and_social_pct_change as double) as health_and_social_pct_change,
    cast(health_and_social_pct_change_yoy as double) as health_and_social_pct_change_yoy,
    cast(clients_3plus_services_change as {{ dbt.type_bigint() }}) as clients_3plus_services_change,
    cast(clients_3plus_services_change_yoy as {{ dbt.type_bigint() }}) as clients_3plus_services_change_yoy,
    value_status
from changes
