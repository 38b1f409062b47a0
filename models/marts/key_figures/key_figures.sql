{#-
  Tunnusluvut — the published key figures, the stable interface for BI
  tools, the county comparison and external checks (minimum-data spec,
  "Published key figures"): one row per measure, period and breakdown.
  Internal: exact values, nothing suppressed (see key_figures_public).
  Column names and measure codes never change meaning.
  v1.1: `breakdown` names the breakdown of the row (`total`, `service`,
  `service+municipality`, ...; sum an additive measure only within one),
  `value_status` says whether the period lies inside the source groups'
  coverage (int_source_coverage_periods): `complete`, `partial` (a quarter
  or year partly outside it; an additive measure sums its covered months)
  or `not_delivered` (wholly outside; value NULL, never 0).
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
    unit,
    breakdown,
    value_status
from {{ ref('int_key_figures_assembled') }}
