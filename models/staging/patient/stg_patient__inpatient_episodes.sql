select
    episode_id,
    person_pseudonym,
    birth_date,
    sex,
    home_municipality_code,
    unit_id,
    admitted_at,
    discharged_at,
    specialty,
    main_diagnosis_icd10,
    production_mode,
    _source_file,
    _source_line
from {{ ref('base_patient__inpatient_episodes') }}
where _status = 'staged'
