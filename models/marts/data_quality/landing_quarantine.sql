{#-
  Karanteeni — every landing row that did not reach staging, with its file,
  line, reason and raw values: rows that broke a rule of the landing
  contract (status `quarantined`) and rows replaced by a later delivery of
  the same key (status `superseded`, not a defect). Identity codes are
  redacted from the raw values: the file and line find the row at the source.
-#}
{%- for system, entity in tietopohja.landing_entities() %}
{% if not loop.first %}union all{% endif %}
select
    '{{ system }}/{{ entity }}' as entity,
    _source_file as source_file,
    _source_line as source_line,
    _status as status,
    _reason_code as reason_code,
    _reasons as reasons,
    _raw_values as raw_values
from {{ ref('base_' ~ system ~ '__' ~ entity) }}
where _status <> 'staged'
{%- endfor %}
