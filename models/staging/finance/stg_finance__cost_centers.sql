select
    cost_center,
    cost_center_name,
    division,
    department,
    section,
    county_code,
    service_code,
    cost_center_kind,
    valid_from,
    valid_to,
    _source_file,
    _source_line
from {{ ref('base_finance__cost_centers') }}
where _status = 'staged'
