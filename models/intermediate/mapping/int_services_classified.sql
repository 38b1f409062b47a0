{#-
  Palvelut luokiteltuina — the service catalogue with the name of its AURA
  class. The AURA name comes from the latest reference year that has the
  class (the counties' classes are those of the 2021–2022 municipal list).
-#}
with aura as (
    select
        aura_class,
        aura_class_name_fi,
        row_number() over (partition by aura_class order by year desc) as year_rank
    from {{ ref('ref_aura_service_classes') }}
)

select
    catalogue.service_code,
    catalogue.name_fi as service_name_fi,
    catalogue.name_en as service_name_en,
    catalogue.aura_class,
    aura.aura_class_name_fi,
    catalogue.segment as service_segment,
    catalogue.structure_level,
    catalogue.is_24h,
    catalogue.sector,
    aura.aura_class is not null as is_aura_class_known
from {{ ref('service_catalogue') }} as catalogue
left join aura
    on catalogue.aura_class = aura.aura_class and aura.year_rank = 1
