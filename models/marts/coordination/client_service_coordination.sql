{#-
  Palvelujen yhteensovittaminen — per county and month, quarter and year:
  clients (distinct persons with an output, int_clients_periodized), clients
  who used both a health and a social service in the period (by the
  service's sector), and clients of three or more different services, with
  their shares of all clients (%). Outputs of an unknown service count for
  the client but not as a service or a sector. Every period of the county
  has a row (0 clients: shares NULL), so changes from it are defined.

  The counts are computed once, in int_key_figures__coordination (every
  period of the county; int_key_figures__need publishes
  clients_health_and_social from there). The "heavy users" view (top 10 %
  of clients by allocated cost) is the mart heavy_users.
-#}
with grouped as (
    select
        county_code,
        period_grain,
        period_start,
        clients,
        clients_health_and_social,
        clients_3plus_services
    from {{ ref('int_key_figures__coordination') }}
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
