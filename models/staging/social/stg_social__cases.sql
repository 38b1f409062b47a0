select
    case_id,
    person_pseudonym,
    birth_date,
    sex,
    home_municipality_code,
    unit_id,
    service_code,
    pending_at,
    assessment_started_at,
    assessment_completed_at,
    decision_at,
    decision,
    service_started_at,
    urgent,
    highest_care_allowance,
    _source_file,
    _source_line
from {{ ref('base_social__cases') }}
where _status = 'staged'
