select
    referral_id,
    person_pseudonym,
    birth_date,
    sex,
    home_municipality_code,
    unit_id,
    specialty,
    received_at,
    assessment_started_at,
    assessment_completed_at,
    treatment_started_at,
    cancelled_at,
    _source_file,
    _source_line
from {{ ref('base_patient__referrals') }}
where _status = 'staged'
