select
    projection,
    cast(year as {{ dbt.type_int() }}) as year,
    municipality_code,
    cast(sex as {{ dbt.type_int() }}) as sex,
    cast(age as {{ dbt.type_int() }}) as age,
    residents,
    _source_file,
    _source_line
from {{ ref('base_population__projections') }}
where _status = 'staged'
