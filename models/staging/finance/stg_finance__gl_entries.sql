select
    entry_id,
    document_id,
    posting_date,
    period,
    account,
    cost_center,
    cast(amount_eur as decimal(18, 2)) as amount_eur,
    counterparty_sector,
    counterparty_id,
    description,
    _source_file,
    _source_line
from {{ ref('base_finance__gl_entries') }}
where _status = 'staged'
