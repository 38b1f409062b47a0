{#-
  Asiakaspalaute kohdistettuna — every client-feedback answer
  (patient/feedback) mapped to its unit's row valid on the answer day (else
  the nearest earlier row, else the earliest, as in int_client_events_mapped)
  → cost centre, county and service. Score 0–10 (likelihood to recommend):
  promoter 9–10, passive 7–8, detractor 0–6 (NPS classes). Feedback is
  anonymous: no person.
-#}
with candidates as (
    select
        feedback.feedback_id,
        feedback.unit_id,
        feedback.answered_at,
        feedback.score,
        units.county_code,
        units.cost_center,
        units.service_code,
        row_number() over (
            partition by feedback.feedback_id
            order by
                {{ tietopohja.validity_preference('feedback.answered_at', 'units.valid_from', 'units.valid_to') }}
        ) as candidate_rank
    from {{ ref('stg_patient__feedback') }} as feedback
    left join {{ ref('int_units_mapped') }} as units
        on feedback.unit_id = units.unit_id
)

select
    feedback_id,
    county_code,
    unit_id,
    cost_center,
    service_code,
    answered_at,
    score,
    score >= 9 as is_promoter,
    score between 7 and 8 as is_passive,
    score <= 6 as is_detractor
from candidates
where candidate_rank = 1
