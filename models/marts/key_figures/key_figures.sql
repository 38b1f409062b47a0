{#-
  Tunnusluvut — the published key figures, the stable interface for BI
  tools, the county comparison and external checks (minimum-data spec,
  "Published key figures"): one row per measure, period and breakdown.
  Internal: exact values, nothing suppressed (see key_figures_public).
  Column names and measure codes never change meaning.
-#}
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
    false as is_suppressed,
    unit
from {{ ref('int_key_figures_assembled') }}
