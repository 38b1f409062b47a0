{#-
  Hyvinvointialueet — the named dimension of county_code: one row per
  wellbeing services county (`01`–`21`; Helsinki `90`; Åland `91`, not a county) with its names in Finnish,
  Swedish and English, collaborative area and population at the end of 2022
  (seeds/reference/ref_counties.csv; Statistics Finland, THL Sotkanet;
  CC BY 4.0).
-#}
with counties as (
    select
        county_code,
        county_name_fi,
        county_name_sv,
        county_name_en,
        collaborative_area_code,
        population_2022
    from {{ ref('ref_counties') }}
)

select
    cast(county_code as {{ dbt.type_string() }}) as county_code,
    cast(county_name_fi as {{ dbt.type_string() }}) as county_name_fi,
    cast(county_name_sv as {{ dbt.type_string() }}) as county_name_sv,
    cast(county_name_en as {{ dbt.type_string() }}) as county_name_en,
    cast(collaborative_area_code as {{ dbt.type_string() }}) as collaborative_area_code,
    cast(population_2022 as {{ dbt.type_bigint() }}) as population_2022
from counties
