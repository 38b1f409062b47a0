select
    visit_id,
    person_pseudonym,
    birth_date,
    sex,
    home_municipality_code,
    unit_id,
    visit_at,
    contact_type,
    professional_group,
    specialty,
    diagnosis_icd10,
    diagnosis_icpc2,
    urgent,
    production_mode,
    _source_file,
    _source_line
from {{ ref('base_patient__visits') }}
where _status = 'staged'
