select
    period_id,
    person_pseudonym,
    birth_date,
    sex,
    home_municipality_code,
    unit_id,
    service_code,
    start_date,
    end_date,
    production_mode,
    _source_file,
    _source_line
from {{ ref('base_social__service_periods') }}
where _status = 'staged'
