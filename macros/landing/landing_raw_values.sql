{#- The raw text values of a row of a base model as 'column=value | ...',
    for the quarantine (stored as _raw_values for the rows that did not reach
    staging), with identity codes redacted: a hetu column whole, and every
    hetu-shaped token of the other values (a row whose values shifted past
    its header, or a value that swallowed the following lines of a patient
    file, can carry one anywhere; tietopohja.redact_hetu_shapes).
    `columns` are the entity's landing columns; the expression reads their
    cleaned raw text (<column>__raw), which only the base model's pass that
    reads the files has. -#}
{% macro landing_raw_values(columns) -%}
    {%- set items = [] -%}
    {%- for col in columns -%}
        {%- if col.meta.get('hetu') -%}
            {%- do items.append("case when " ~ col.name ~ "__raw is not null then '" ~ col.file_name ~ "=<redacted>' end") -%}
        {%- else -%}
            {%- do items.append(dbt.concat(["'" ~ col.file_name ~ "='",
                tietopohja.redact_hetu_shapes(col.name ~ '__raw', '<redacted>')])) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if items -%}
        {{ tietopohja.concat_non_null(items, ' | ') }}
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
