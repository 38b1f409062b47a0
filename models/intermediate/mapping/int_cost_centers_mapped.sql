{#-
  Kustannuspaikat kohdistettuina — every cost centre with its organisation
  hierarchy and, for service centres, the service, AURA class, structure
  level and sector. Support and administration centres have no service:
  their costs are allocated to services (costs theme).
-#}
select
    cost_centers.cost_center,
    cost_centers.cost_center_name,
    cost_centers.division,
    cost_centers.department,
    cost_centers.section,
    cost_centers.county_code,
    cost_centers.cost_center_kind,
    cost_centers.service_code,
    services.aura_class,
    services.service_segment,
    services.structure_level,
    services.sector,
    cost_centers.valid_from,
    cost_centers.valid_to,
    (
        cost_centers.cost_center_kind <> 'service'
        or services.service_code is not null
    ) as is_mapped
from {{ ref('stg_finance__cost_centers') }} as cost_centers
left join {{ ref('int_services_classified') }} as services
    on cost_centers.service_code = services.service_code
