{{ config(severity='warn') }}
{#-
  Data gap, not a bug: a wait whose end (or leaving the queue) is before its
  start (e.g. treatment_at before assessed_at in a county's extract) gives a
  negative wait. Listed for the county to correct; the wait is still
  counted as delivered.
-#}
select
    county_code,
    rule,
    event_type,
    event_id,
    wait_start_date,
    closed_date,
    wait_days
from {{ ref('int_availability_waits_measured') }}
where wait_days < 0
