{#-
  Tunnusluvut: yhteensovittaminen — the coordination theme's measures,
  computed once per county and reporting period (every period of
  int_reporting_periods): the marts client_service_coordination and
  heavy_users select from here, and so does int_key_figures__need for
  clients_health_and_social. Its rows are the theme's contribution to
  key_figures: top10_cost_share_pct (whole county).

  - clients (int_clients_periodized): distinct persons with an output;
    clients_health_and_social: of them, clients with an output of both a
    health and a social service (by the service's sector);
    clients_3plus_services: clients of three or more different services.
    Outputs of an unknown service count for the client but not as a
    service or a sector.
  - Heavy users (int_client_costs_allocated): costed_clients, the clients
    with an allocated cost of their outputs; top_clients, the 10 % costliest
    of them, ceil(costed_clients × 0.10) persons (of clients tied at the
    limit, which ones count does not change a sum: they cost the same, so
    the rank needs no tie-break, whose sort by pseudonym took half the
    window's time); clients_allocated_cost_eur and
    top_allocated_cost_eur, their allocated cost (costs of services without
    outputs belong to nobody).
  - value = top10_cost_share_pct: top_allocated_cost_eur ÷
    clients_allocated_cost_eur × 100; NULL without costed clients or cost
    (key_figures makes a missing rate NULL too). person_count = top_clients
    where the value is not NULL (a share computed from fewer than five
    persons is suppressed in key_figures_public). Component slots
    (tietopohja.key_figure_component_slots): numerator
    top_allocated_cost_eur, denominator clients_allocated_cost_eur, context
    top_clients and costed_clients.
  Coverage is applied by the readers (value_status, int_key_figures_assembled).
-#}
{%- set bigint = dbt.type_bigint() -%}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
with person_services as (
    {#- a person's services first, then the person: two plain groupings cost
        less than one count(distinct) beside other aggregates -#}
    select
        county_code,
        period_grain,
        period_start,
        person_pseudonym,
        service_code,
        max(case when sector = 'health' then 1 else 0 end) as used_health,
        max(case when sector = 'social' then 1 else 0 end) as used_social
    from {{ ref('int_clients_periodized') }}
    group by county_code, period_grain, period_start, person_pseudonym, service_code
),

persons as (
    select
        county_code,
        period_grain,
        period_start,
        person_pseudonym,
        max(used_health) as used_health,
        max(used_social) as used_social,
        count(service_code) as services_used
    from person_services
    group by county_code, period_grain, period_start, person_pseudonym
),

clients as (
    {#- every period of the county, 0 where nobody had an output -#}
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        cast(count(persons.person_pseudonym) as {{ bigint }}) as clients,
        cast(
            sum(case when persons.used_health = 1 and persons.used_social = 1 then 1 else 0 end) as {{ bigint }}
        ) as clients_health_and_social,
        cast(sum(case when persons.services_used >= 3 then 1 else 0 end) as {{ bigint }}) as clients_3plus_services
    from {{ ref('int_reporting_periods') }} as periods
    left join persons
        on
            {{ tietopohja.keys_match('periods', 'persons', ['county_code', 'period_grain', 'period_start']) }}
    group by periods.county_code, periods.period_grain, periods.period_start
),

ranked as (
    select
        county_code,
        period_grain,
        period_start,
        allocated_cost_eur,
        row_number() over (
            partition by county_code, period_grain, period_start
            order by allocated_cost_eur desc
        ) as cost_rank,
        count(*) over (partition by county_code, period_grain, period_start) as costed_clients
    from {{ ref('int_client_costs_allocated') }}
),

heavy_users as (
    select
        county_code,
        period_grain,
        period_start,
        max(costed_clients) as costed_clients,
        sum(case when cost_rank <= ceil(costed_clients * 0.10) then 1 else 0 end) as top_clients,
        sum(allocated_cost_eur) as clients_allocated_cost_eur,
        sum(case when cost_rank <= ceil(costed_clients * 0.10) then allocated_cost_eur else 0 end)
            as top_allocated_cost_eur
    from ranked
    group by county_code, period_grain, period_start
),

measures as (
    select
        clients.county_code,
        clients.period_grain,
        clients.period_start,
        clients.clients,
        clients.clients_health_and_social,
        clients.clients_3plus_services,
        cast(coalesce(heavy_users.costed_clients, 0) as {{ bigint }}) as costed_clients,
        cast(heavy_users.top_clients as {{ bigint }}) as top_clients,
        cast(heavy_users.clients_allocated_cost_eur as {{ tietopohja.type_double() }}) as clients_allocated_cost_eur,
        cast(heavy_users.top_allocated_cost_eur as {{ tietopohja.type_double() }}) as top_allocated_cost_eur,
        cast(
            heavy_users.top_allocated_cost_eur * 100.0 / nullif(heavy_users.clients_allocated_cost_eur, 0)
            as {{ tietopohja.type_double() }}
        ) as top10_cost_share_pct
    from clients
    left join heavy_users
        on
            {{ tietopohja.keys_match('clients', 'heavy_users', ['county_code', 'period_grain', 'period_start']) }}
)

select
    county_code,
    'top10_cost_share_pct' as measure_code,
    period_grain,
    period_start,
    {{ null_text }} as service_code,
    {{ null_text }} as segment,
    {{ null_text }} as production_mode,
    {{ null_text }} as municipality_code,
    top10_cost_share_pct as value,
    case when top10_cost_share_pct is not null then top_clients end as person_count,
    {{ tietopohja.key_figure_component_values({
        'numerator': 'top_allocated_cost_eur', 'denominator': 'clients_allocated_cost_eur',
        'context_1': 'top_clients', 'context_2': 'costed_clients',
    }) }},
    clients,
    clients_health_and_social,
    clients_3plus_services,
    costed_clients,
    top_clients,
    clients_allocated_cost_eur,
    top_allocated_cost_eur
from measures
