select
    period,
    support_cost_center,
    receiving_cost_center,
    driver,
    quantity,
    _source_file,
    _source_line
from {{ ref('base_finance__allocation_drivers') }}
where _status = 'staged'
