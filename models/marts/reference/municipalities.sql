{#-
  Kunnat — the named dimension of municipality_code: one row per municipality
  code of the classification (seeds/reference/ref_municipality_county.csv,
  Statistics Finland, CC BY 4.0 "Tilastokeskus") with its names and county in
  the latest classification year that has the code (`valid_year`).
  Municipalities merge; a code is not reused, so a merged municipality keeps
  its last names and county.
-#}
with classification as (
    select
        year,
        municipality_code,
        municipality_name_fi,
        municipality_name_sv,
        county_code,
        county_name_fi,
        row_number() over (
            partition by municipality_code
            order by year desc
        ) as newest_first
    from {{ ref('ref_municipality_county') }}
)

select
    cast(municipality_code as {{ dbt.type_string() }}) as municipality_code,
    cast(municipality_name_fi as {{ dbt.type_string() }}) as municipality_name_fi,
    cast(municipality_name_sv as {{ dbt.type_string() }}) as municipality_name_sv,
    cast(county_code as {{ dbt.type_string() }}) as county_code,
    cast(county_name_fi as {{ dbt.type_string() }}) as county_name_fi,
    cast(year as {{ dbt.type_bigint() }}) as valid_year
from classification
where newest_first = 1
