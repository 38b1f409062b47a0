select
    cast(year as {{ dbt.type_int() }}) as year,
    municipality_code,
    indicator,
    value,
    _source_file,
    _source_line
from {{ ref('base_population__area_indicators') }}
where _status = 'staged'
