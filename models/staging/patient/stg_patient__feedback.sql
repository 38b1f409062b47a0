select
    feedback_id,
    unit_id,
    answered_at,
    cast(score as {{ dbt.type_int() }}) as score,
    _source_file,
    _source_line
from {{ ref('base_patient__feedback') }}
where _status = 'staged'
