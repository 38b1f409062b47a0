{#-
  Ennusteen jälkitesti — how well the projection method would have hit
  (minimum-data spec, "Service-need projection"): for every county and
  every two consecutive complete years (rate years of
  int_projection_rates_aggregated, Y − 1 and Y), the second year projected
  from the first year's rates and the second year's actual year-end
  population, against what actually happened, per service.

  - Projected: the county's actual residents 31.12.Y by 5-year band and sex
    (int_residents_banded, the rates' denominators)
    × the rates of Y − 1 (clients, visits, care days and service days per
    resident of the service over all segments; allocated cost = kind outputs
    per resident × cost per output, per segment, summed). No scenario (the
    baseline).
  - Actual: the service's distinct clients and its outputs in Y (clients
    with a known age and sex, as the rates count them) and its allocated
    operating cost in Y — all of it, also euros that had no outputs to
    carry a rate (they are part of the error).
  - error = projected − actual; error_pct = error ÷ actual × 100 (NULL when
    the actual value is 0). A measure with nothing projected and nothing
    actual has no row.
-#}
with rate_years as (
    select distinct
        county_code,
        rate_year
    from {{ ref('int_projection_rates_aggregated') }}
),

pairs as (
    select
        later.county_code,
        earlier.rate_year,
        later.rate_year as backtest_year
    from rate_years as later
    inner join rate_years as earlier
        on
            later.county_code = earlier.county_code
            and later.rate_year = earlier.rate_year + 1
),

projected_rows as (
    select
        pairs.county_code,
        pairs.rate_year,
        pairs.backtest_year,
        rates.service_code,
        case when rates.segment is null then residents.residents * rates.clients_per_resident end as clients,
        case when rates.segment is null then residents.residents * rates.visits_per_resident end as visits,
        case when rates.segment is null then residents.residents * rates.care_days_per_resident end as care_days,
        case when rates.segment is null then residents.residents * rates.service_days_per_resident end
            as service_days,
        case
            when rates.segment is not null
                then residents.residents * rates.kind_outputs_per_resident * rates.cost_per_output
        end as allocated_cost_eur
    from pairs
    inner join {{ ref('int_projection_rates_aggregated') }} as rates
        on
            pairs.county_code = rates.county_code
            and pairs.rate_year = rates.rate_year
    inner join {{ ref('int_residents_banded') }} as residents
        on
            pairs.county_code = residents.county_code
            and pairs.backtest_year = residents.stat_year
            and rates.age_band = residents.age_band
            and rates.sex = residents.sex
),

projected as (
    select
        county_code,
        rate_year,
        backtest_year,
        service_code,
        coalesce(sum(clients), 0) as clients,
        coalesce(sum(visits), 0) as visits,
        coalesce(sum(care_days), 0) as care_days,
        coalesce(sum(service_days), 0) as service_days,
        coalesce(sum(allocated_cost_eur), 0) as allocated_cost_eur
    from projected_rows
    group by county_code, rate_year, backtest_year, service_code
),

actual_use as (
    select
        pairs.county_code,
        pairs.rate_year,
        pairs.backtest_year,
        rates.service_code,
        sum(rates.clients) as clients,
        sum(rates.visits) as visits,
        sum(rates.care_days) as care_days,
        sum(rates.service_days) as service_days
    from pairs
    inner join {{ ref('int_projection_rates_aggregated') }} as rates
        on
            pairs.county_code = rates.county_code
            and pairs.backtest_year = rates.rate_year
    where rates.segment is null
    group by pairs.county_code, pairs.rate_year, pairs.backtest_year, rates.service_code
),

actual_costs as (
    select
        pairs.county_code,
        pairs.rate_year,
        pairs.backtest_year,
        coalesce(costs.service_code, 'unknown') as service_code,
        sum(costs.total_eur) as allocated_cost_eur
    from pairs
    inner join {{ ref('int_service_costs_split') }} as costs
        on
            pairs.county_code = costs.county_code
            and pairs.backtest_year = cast(extract(year from costs.month_start) as {{ dbt.type_int() }})
    where costs.account_class = 'operating_cost'
    group by pairs.county_code, pairs.rate_year, pairs.backtest_year, coalesce(costs.service_code, 'unknown')
),

services as (
    select
        county_code,
        rate_year,
        backtest_year,
        service_code
    from projected
    union
    select
        county_code,
        rate_year,
        backtest_year,
        service_code
    from actual_use
    union
    select
        county_code,
        rate_year,
        backtest_year,
        service_code
    from actual_costs
),

compared as (
    select
        services.county_code,
        services.rate_year,
        services.backtest_year,
        services.service_code,
        coalesce(projected.clients, 0) as projected_clients,
        coalesce(actual_use.clients, 0) as actual_clients,
        coalesce(projected.visits, 0) as projected_visits,
        coalesce(actual_use.visits, 0) as actual_visits,
        coalesce(projected.care_days, 0) as projected_care_days,
        coalesce(actual_use.care_days, 0) as actual_care_days,
        coalesce(projected.service_days, 0) as projected_service_days,
        coalesce(actual_use.service_days, 0) as actual_service_days,
        coalesce(projected.allocated_cost_eur, 0) as projected_allocated_cost_eur,
        coalesce(actual_costs.allocated_cost_eur, 0) as actual_allocated_cost_eur
    from services
    left join projected
        on
            services.county_code = projected.county_code
            and services.backtest_year = projected.backtest_year
            and services.service_code = projected.service_code
    left join actual_use
        on
            services.county_code = actual_use.county_code
            and services.backtest_year = actual_use.backtest_year
            and services.service_code = actual_use.service_code
    left join actual_costs
        on
            services.county_code = actual_costs.county_code
            and services.backtest_year = actual_costs.backtest_year
            and services.service_code = actual_costs.service_code
),

measures as (
    {%- for measure, unit in [('clients', 'count'), ('visits', 'count'), ('care_days', 'days'),
                              ('service_days', 'days'), ('allocated_cost_eur', 'eur')] %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        county_code,
        rate_year,
        backtest_year,
        service_code,
        '{{ measure }}' as measure,
        '{{ unit }}' as unit,
        cast(projected_{{ measure }} as {{ tietopohja.type_double() }}) as projected_value,
        cast(actual_{{ measure }} as {{ tietopohja.type_double() }}) as actual_value
    from compared
    where projected_{{ measure }} <> 0 or actual_{{ measure }} <> 0
    {%- endfor %}
)

select
    county_code,
    cast(rate_year as {{ dbt.type_bigint() }}) as rate_year,
    cast(backtest_year as {{ dbt.type_bigint() }}) as backtest_year,
    service_code,
    measure,
    unit,
    projected_value,
    actual_value,
    projected_value - actual_value as error,
    (projected_value - actual_value) / nullif(actual_value, 0) * 100 as error_pct
from measures
