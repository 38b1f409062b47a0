{#-
  Suurkäyttäjät — the heavy-user view (minimum-data spec, coordination):
  per county and period, the 10 % of clients with the highest allocated cost
  of their outputs (int_client_costs_allocated) and their share of the
  clients' allocated cost. "10 %" is ceil(clients × 0.10) persons (at least
  one; ties broken by pseudonym so the result is deterministic). The
  denominator is the allocated cost that belongs to clients (costs of
  services without outputs belong to nobody).
-#}
with ranked as (
    select
        county_code,
        period_grain,
        period_start,
        allocated_cost_eur,
        row_number() over (
            partition by county_code, period_grain, period_start
            order by allocated_cost_eur desc, person_pseudonym asc
        ) as cost_rank,
        count(*) over (partition by county_code, period_grain, period_start) as clients
    from {{ ref('int_client_costs_allocated') }}
),

summed as (
    select
        county_code,
        period_grain,
        period_start,
        max(clients) as clients,
        sum(case when cost_rank <= ceil(clients * 0.10) then 1 else 0 end) as top_clients,
        sum(allocated_cost_eur) as clients_allocated_cost_eur,
        sum(case when cost_rank <= ceil(clients * 0.10) then allocated_cost_eur else 0 end) as top_allocated_cost_eur
    from ranked
    group by county_code, period_grain, period_start
),

statused as (
    select
        summed.*,
        {{ tietopohja.source_group_value_status('ledger/patient+social', 'summed') }} as value_status
    from summed
)

select
    county_code,
    period_grain,
    period_start,
    cast({{ tietopohja.delivered('clients') }} as {{ dbt.type_bigint() }}) as clients,
    cast({{ tietopohja.delivered('top_clients') }} as {{ dbt.type_bigint() }}) as top_clients,
    cast({{ tietopohja.delivered('top_clients * 100.0 / clients') }} as {{ tietopohja.type_double() }})
        as top_client_share_pct,
    cast({{ tietopohja.delivered('clients_allocated_cost_eur') }} as {{ tietopohja.type_double() }})
        as clients_allocated_cost_eur,
    cast({{ tietopohja.delivered('top_allocated_cost_eur') }} as {{ tietopohja.type_double() }})
        as top_allocated_cost_eur,
    cast(
        {{ tietopohja.delivered('top_allocated_cost_eur * 100.0 / nullif(clients_allocated_cost_eur, 0)') }}
        as {{ tietopohja.type_double() }}
    ) as top10_cost_share_pct,
    value_status
from statused
