{#-
  Asukasluku vuodenvaihteessa — year-end residents per county and
  municipality (population/residents, all ages and sexes summed). The
  county of a municipality comes from ref_municipality_county for the
  statistics year (clamped to the years the reference has).
  For a period, the costs theme uses the latest year-end on or before the
  period's last day ("for a month, the latest year-end population").
-#}
with classification_years as (
    select
        min(year) as first_year,
        max(year) as last_year
    from {{ ref('ref_municipality_county') }}
),

residents as (
    select
        stat_date,
        municipality_code,
        sum(residents) as residents
    from {{ ref('stg_population__residents') }}
    group by stat_date, municipality_code
)

select
    municipality_county.county_code,
    residents.stat_date,
    residents.municipality_code,
    cast(residents.residents as {{ dbt.type_bigint() }}) as residents
from residents
cross join classification_years
inner join {{ ref('ref_municipality_county') }} as municipality_county
    on
        residents.municipality_code = municipality_county.municipality_code
        and municipality_county.year = greatest(
            least(extract(year from residents.stat_date), classification_years.last_year),
            classification_years.first_year
        )
