{#-
  Väestö luokiteltuna — year-end residents (population/residents) by
  statistics date, municipality, sex and single year of age, with the
  county of the municipality in the statistics year's classification
  (ref_municipality_county; a year outside the seed's years uses the
  nearest year), the age group (seeds/rules/population_age_groups.csv) and
  the dependency-ratio band (seeds/rules/dependency_age_bands.csv). Age 100
  means 100 or over.
-#}
with classification_years as (
    select
        min(year) as first_year,
        max(year) as last_year
    from {{ ref('ref_municipality_county') }}
)

select
    residents.stat_date,
    cast(extract(year from residents.stat_date) as {{ dbt.type_int() }}) as stat_year,
    municipalities.county_code,
    residents.municipality_code,
    residents.sex,
    residents.age,
    coalesce(age_groups.age_group, 'unknown') as age_group,
    dependency.dependency_band,
    cast(residents.residents as {{ dbt.type_bigint() }}) as residents
from {{ ref('stg_population__residents') }} as residents
cross join classification_years
left join {{ ref('ref_municipality_county') }} as municipalities
    on
        residents.municipality_code = municipalities.municipality_code
        and municipalities.year = greatest(
            least(extract(year from residents.stat_date), classification_years.last_year),
            classification_years.first_year
        )
left join {{ ref('population_age_groups') }} as age_groups
    on residents.age between age_groups.age_from and age_groups.age_to
left join {{ ref('dependency_age_bands') }} as dependency
    on residents.age between dependency.age_from and dependency.age_to
