select
    version,
    period,
    cost_center,
    account,
    cast(amount_eur as decimal(18, 2)) as amount_eur,
    _source_file,
    _source_line
from {{ ref('base_finance__budget') }}
where _status = 'staged'
