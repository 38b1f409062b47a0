{#-
  Hyvinvointialueiden vertailu — every headline measure of a county beside
  the other counties in the mart, per year: rank (1 = highest value),
  the median over the counties (the national median when the mart holds all
  counties; a county's own build holds one county, the bundled sample two),
  and the difference to the median. Whole-county values of
  key_figures_public (suppressed values take no rank).
-#}
with yearly as (
    select
        county_code,
        measure_code,
        period_start,
        value,
        unit,
        value_status
    from {{ ref('key_figures_public') }}
    where
        period_grain = 'year'
        and service_code is null
        and segment is null
        and production_mode is null
        and municipality_code is null
),

medians as (
    select
        measure_code,
        period_start,
        {{ tietopohja.median('value') }} as median_value,
        count(value) as counties_compared
    from yearly
    group by measure_code, period_start
)

select
    yearly.county_code,
    yearly.measure_code,
    cast(extract(year from yearly.period_start) as {{ dbt.type_int() }}) as stat_year,
    yearly.value,
    yearly.unit,
    cast(
        case
            when yearly.value is not null then
                rank() over (
                    partition by yearly.measure_code, yearly.period_start, yearly.value is null
                    order by yearly.value desc
                )
        end as {{ dbt.type_bigint() }}
    ) as value_rank,
    cast(medians.counties_compared as {{ dbt.type_bigint() }}) as counties_compared,
    cast(medians.median_value as {{ tietopohja.type_double() }}) as median_value,
    cast(yearly.value - medians.median_value as {{ tietopohja.type_double() }}) as difference_to_median,
    yearly.value_status
from yearly
inner join medians
    on
        yearly.measure_code = medians.measure_code
        and yearly.period_start = medians.period_start
