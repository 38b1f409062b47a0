{#-
  Päivystyskäynnit ja uusintakäynnit — every emergency-department visit
  (service PAIVYSTYS, any contact type), flagged when the same person made
  another PAIVYSTYS visit in the same county strictly later and at most 7
  calendar days after it (next visit day − visit day ≤ 7). The denominator
  of the revisit rate is the emergency visits of the period (by visit day);
  a revisit is itself a visit that can be followed by a revisit. The
  emergency service code is the var `emergency_service_code` (default
  PAIVYSTYS).
-#}
with emergency_visits as (
    select
        events.county_code,
        events.event_id as visit_id,
        events.person_pseudonym,
        events.home_municipality_code,
        events.unit_id,
        events.service_code,
        visits.visit_at,
        cast(visits.visit_at as date) as visit_date
    from {{ ref('int_client_events_mapped') }} as events
    inner join {{ ref('stg_patient__visits') }} as visits
        on events.event_id = visits.visit_id
    where
        events.event_type = 'visit'
        and events.service_code = '{{ var("emergency_service_code", "PAIVYSTYS") }}'
),

sequenced as (
    select
        emergency_visits.*,
        lead(emergency_visits.visit_at) over (
            partition by emergency_visits.county_code, emergency_visits.person_pseudonym
            order by emergency_visits.visit_at, emergency_visits.visit_id
        ) as next_visit_at,
        cast(lead(emergency_visits.visit_at) over (
            partition by emergency_visits.county_code, emergency_visits.person_pseudonym
            order by emergency_visits.visit_at, emergency_visits.visit_id
        ) as date) as next_visit_date
    from emergency_visits
),

gaps as (
    select
        sequenced.*,
        {{ dbt.datediff('sequenced.visit_date', 'sequenced.next_visit_date', 'day') }} as days_to_next  -- noqa: LT05
    from sequenced
)

select
    county_code,
    visit_id,
    person_pseudonym,
    home_municipality_code,
    unit_id,
    service_code,
    visit_at,
    visit_date,
    next_visit_at,
    coalesce(next_visit_at > visit_at and days_to_next <= 7, false) as is_revisited_7d
from gaps
