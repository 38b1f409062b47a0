select
    county_code,
    system,
    entity,
    first_month,
    last_month,
    _source_file,
    _source_line
from {{ ref('base_delivery__coverage') }}
where _status = 'staged'
