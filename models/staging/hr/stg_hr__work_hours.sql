select
    work_date,
    employment_id,
    unit_id,
    work_category,
    hours,
    _source_file,
    _source_line
from {{ ref('base_hr__work_hours') }}
where _status = 'staged'
