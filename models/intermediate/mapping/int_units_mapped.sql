{#-
  Yksiköt kohdistettuina — every unit validity row with its cost centre,
  county, service and AURA class: the unit → cost centre → service → AURA
  chain of the Virta model. A unit's row is valid from valid_from to
  valid_to inclusive (open end = still valid).
-#}
select
    units.unit_id,
    units.unit_name,
    units.valid_from,
    units.valid_to,
    units.municipality_code,
    units.is_24h_care,
    units.cost_center,
    cost_centers.county_code,
    cost_centers.division,
    cost_centers.department,
    cost_centers.section,
    units.service_code,
    services.aura_class,
    services.service_segment,
    services.structure_level,
    services.sector,
    cost_centers.cost_center is not null as is_cost_center_known,
    services.service_code is not null as is_service_known
from {{ ref('stg_org__units') }} as units
left join {{ ref('stg_finance__cost_centers') }} as cost_centers
    on units.cost_center = cost_centers.cost_center
left join {{ ref('int_services_classified') }} as services
    on units.service_code = services.service_code
