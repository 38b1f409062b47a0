{#-
  Palvelut, joiden asiakaskohtainen kustannus muuttui eniten — per county,
  the services whose allocated cost per client (marts.service_unit_costs,
  all segments) moved most from one year to the next, in euros and in per
  cent, with the cost and the clients of both years: the list an analyst
  reads before asking a service why. The 10 largest moves (in absolute
  euros) of each county and year; a service without clients in either year
  has no cost per client and is left out. var `movers_per_county` sets how
  many (default 10).
-#}
{%- set movers = var('movers_per_county', 10) -%}

with yearly as (
    select
        county_code,
        period_start as year_start,
        service_code,
        allocated_cost_eur,
        clients,
        cost_per_client_eur
    from {{ ref('service_unit_costs') }}
    where period_grain = 'year' and segment is null
),

moves as (
    select
        this_year.county_code,
        this_year.year_start,
        this_year.service_code,
        previous_year.allocated_cost_eur as previous_cost_eur,
        this_year.allocated_cost_eur as cost_eur,
        previous_year.clients as previous_clients,
        this_year.clients,
        previous_year.cost_per_client_eur as previous_cost_per_client_eur,
        this_year.cost_per_client_eur,
        this_year.cost_per_client_eur - previous_year.cost_per_client_eur as cost_per_client_change_eur,
        100.0 * (this_year.cost_per_client_eur - previous_year.cost_per_client_eur)
        / nullif(previous_year.cost_per_client_eur, 0) as cost_per_client_change_pct
    from yearly as this_year
    inner join yearly as previous_year
        on
            this_year.county_code = previous_year.county_code
            and this_year.service_code = previous_year.service_code
            and previous_year.year_start = {{ dbt.dateadd('year', -1, 'this_year.year_start') }}
    where
        this_year.cost_per_client_eur is not null
        and previous_year.cost_per_client_eur is not null
),

ranked as (
    select
        *,
        row_number() over (
            partition by county_code, year_start
            order by abs(cost_per_client_change_eur) desc, service_code asc
        ) as move_rank
    from moves
)

select
    county_code,
    year_start,
    move_rank,
    service_code,
    previous_cost_eur,
    cost_eur,
    previous_clients,
    clients,
    previous_cost_per_client_eur,
    cost_per_client_eur,
    cost_per_client_change_eur,
    cost_per_client_change_pct
from ranked
where move_rank <= {{ movers }}
order by county_code asc nulls last, year_start asc nulls last, move_rank asc nulls last
