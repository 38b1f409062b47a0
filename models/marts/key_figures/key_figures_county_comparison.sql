{#-
  Hyvinvointialueiden vertailu — every headline measure of a county beside
  the other counties in the mart, per year: rank (1 = highest value),
  the median over the counties and the difference to the median.
  Whole-county yearly values of key_figures_public (suppressed values take
  no rank).

  The counties compared: this build's (a county's own build holds one
  county, the bundled sample two) and, when TIETOPOHJA_COMPARISON_DIR names
  a folder, the other counties' published key figures in it — the
  key_figures_public.parquet files of `tietopohja export --format parquet`,
  one export folder per county (macros/key_figures/comparison_exports.sql).
  This build's counties win over a file's rows of the same county: a county
  compares its current build with the others' published figures. With
  every county's export in the folder the median is the national median.
  `source` says where a county's row comes from.
-#}
{%- set published_exports = tietopohja.comparison_exports() %}

with built as (
    select
        county_code,
        measure_code,
        period_grain,
        period_start,
        service_code,
        segment,
        production_mode,
        municipality_code,
        value,
        unit,
        value_status,
        'build' as source
    from {{ ref('key_figures_public') }}
),
{%- if published_exports %}

published as (
    {%- for export in published_exports %}
    select
        cast(county_code as {{ dbt.type_string() }}) as county_code,
        cast(measure_code as {{ dbt.type_string() }}) as measure_code,
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        cast(period_start as date) as period_start,
        cast(service_code as {{ dbt.type_string() }}) as service_code,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(production_mode as {{ dbt.type_string() }}) as production_mode,
        cast(municipality_code as {{ dbt.type_string() }}) as municipality_code,
        cast(value as {{ tietopohja.type_double() }}) as value,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(value_status as {{ dbt.type_string() }}) as value_status,
        {{ tietopohja.landing_sql_string(export.rel) }} as source
    from {{ tietopohja.read_published_key_figures(export.path) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),
{%- endif %}

key_figures as (
    select * from built
    {%- if published_exports %}
    union all
    select published.*
    from published
    where published.county_code not in (select built.county_code from built)
    {%- endif %}
),

yearly as (
    select
        county_code,
        measure_code,
        period_start,
        value,
        unit,
        value_status,
        source
    from key_figures
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
    cast(yearly.source as {{ dbt.type_string() }}) as source,
    yearly.value_status
from yearly
inner join medians
    on
        yearly.measure_code = medians.measure_code
        and yearly.period_start = medians.period_start
