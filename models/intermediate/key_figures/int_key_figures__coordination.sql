{#-
  Tunnusluvut: yhteensovittaminen — top10_cost_share_pct (pct): the share
  of allocated cost of the 10 % costliest clients, whole county, every
  grain (marts.heavy_users). person_count = the number of clients in the
  top group (a share computed from fewer than five persons is suppressed
  in key_figures_public).
-#}
select
    county_code,
    'top10_cost_share_pct' as measure_code,
    period_grain,
    period_start,
    cast(null as {{ dbt.type_string() }}) as service_code,
    cast(null as {{ dbt.type_string() }}) as segment,
    cast(null as {{ dbt.type_string() }}) as production_mode,
    cast(null as {{ dbt.type_string() }}) as municipality_code,
    top10_cost_share_pct as value,
    top_clients as person_count
from {{ ref('heavy_users') }}
where top10_cost_share_pct is not null
