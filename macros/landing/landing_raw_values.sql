{#- The raw text values of a base model's row as 'column=value | ...', with
    identity codes (hetu) redacted, for the quarantine. -#}
{% macro landing_raw_values(source_name, table_name) -%}
    {%- set items = [] -%}
    {%- if execute -%}
        {%- for col in tietopohja.landing_columns(source_name, table_name) -%}
            {%- if col.meta.get('hetu') -%}
                {%- do items.append("case when " ~ col.name ~ "__raw is not null then '" ~ col.file_name ~ "=<redacted>' end") -%}
            {%- else -%}
                {%- do items.append(dbt.concat(["'" ~ col.file_name ~ "='", col.name ~ "__raw"])) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if items -%}
        {{ tietopohja.concat_non_null(items, ' | ') }}
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
