select
    contact_id,
    person_pseudonym,
    birth_date,
    sex,
    home_municipality_code,
    unit_id,
    service_code,
    contacted_at,
    channel,
    assessed_at,
    urgency,
    treatment_needed,
    treatment_at,
    _source_file,
    _source_line
from {{ ref('base_patient__contacts') }}
where _status = 'staged'
