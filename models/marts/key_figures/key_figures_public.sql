{#-
  Julkaistavat tunnusluvut — key_figures for publication: a count of persons
  from 1 to 4 (clients, waits, ...) is suppressed, and so is any measure
  computed from such a count (the value's `person_count`, e.g. cost per client
  of 3 clients, the mean wait of 2 persons): value NULL, is_suppressed true.
  0 is not suppressed. Bounds: vars suppression_min / suppression_max.
  value_status as in key_figures, `suppressed` for a suppressed value (a
  not_delivered value has no persons behind it and stays not_delivered).
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
    case when {{ tietopohja.is_small_number('person_count') }} then null else value end as value,
    coalesce({{ tietopohja.is_small_number('person_count') }}, false) as is_suppressed,
    unit,
    breakdown,
    case when {{ tietopohja.is_small_number('person_count') }} then 'suppressed' else value_status end as value_status
from {{ ref('int_key_figures_assembled') }}
