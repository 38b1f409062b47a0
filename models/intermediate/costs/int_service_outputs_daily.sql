{#-
  Palvelujen suoritteet päivittäin (kustannusnäkymä) — the costs theme's
  view of the outputs: every row of int_outputs_expanded (one row per visit,
  care day and service day; the rules of "Outputs and clients" live there,
  once), with the month, an output count of 1, the municipality of the unit
  (the unit row of that cost centre with the latest valid_from) and
  `unknown` for a missing service or segment. An episode or period that ends
  on its start day has no day and so no output: its person is not a client
  (minimum-data spec: a client has at least one output).

  A view: a copy of the 12 M output days (550k residents) cost more to
  write than its readers, which aggregate it by month at once, spend on
  the join to the units.
-#}
{{ config(materialized='view') }}

with unit_municipalities as (
    select
        unit_id,
        cost_center,
        municipality_code,
        row_number() over (
            partition by unit_id, cost_center order by valid_from desc nulls last
        ) as row_rank
    from {{ ref('int_units_mapped') }}
)

select
    outputs.county_code,
    outputs.event_type,
    outputs.event_id,
    outputs.output_type,
    outputs.output_date,
    cast({{ dbt.date_trunc('month', 'outputs.output_date') }} as date) as month_start,
    1 as output_count,
    outputs.person_pseudonym,
    outputs.home_municipality_code,
    outputs.unit_id,
    unit_municipalities.municipality_code as unit_municipality_code,
    outputs.cost_center,
    coalesce(outputs.service_code, 'unknown') as service_code,
    coalesce(outputs.segment, 'unknown') as segment,
    outputs.production_mode
from {{ ref('int_outputs_expanded') }} as outputs
left join unit_municipalities
    on
        outputs.unit_id = unit_municipalities.unit_id
        and outputs.cost_center = unit_municipalities.cost_center
        and unit_municipalities.row_rank = 1
