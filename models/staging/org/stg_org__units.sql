select
    unit_id,
    unit_name,
    cost_center,
    service_code,
    municipality_code,
    coalesce(is_24h_care, false) as is_24h_care,
    valid_from,
    valid_to,
    _source_file,
    _source_line
from {{ ref('base_org__units') }}
where _status = 'staged'
