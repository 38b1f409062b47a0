{#-
  Palvelut — the named dimension of service_code: one row per service of the
  organisation-independent service catalogue (seeds/rules/service_catalogue.csv,
  spec service-catalogue.md) with its Finnish and English name, AURA class,
  client segment, structure level, 24-hour flag and sector.
-#}
with catalogue as (
    select
        service_code,
        name_fi,
        name_en,
        aura_class,
        segment,
        structure_level,
        is_24h,
        sector
    from {{ ref('service_catalogue') }}
)

select
    cast(service_code as {{ dbt.type_string() }}) as service_code,
    cast(name_fi as {{ dbt.type_string() }}) as name_fi,
    cast(name_en as {{ dbt.type_string() }}) as name_en,
    cast(aura_class as {{ dbt.type_string() }}) as aura_class,
    cast(segment as {{ dbt.type_string() }}) as segment,
    cast(structure_level as {{ dbt.type_string() }}) as structure_level,
    cast(is_24h as boolean) as is_24h,
    cast(sector as {{ dbt.type_string() }}) as sector
from catalogue
