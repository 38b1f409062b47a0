{#- The raw text values of a base model's row as 'column=value | ...', with
    identity codes (hetu) redacted, for the quarantine: the hetu columns
    whole, and anything shaped like a hetu in the other values (a row whose
    values shifted past its header, or a value that swallowed the following
    lines of a patient file, can carry one anywhere). -#}
{% macro landing_raw_values(source_name, table_name) -%}
    {%- set items = [] -%}
    {%- if execute -%}
        {%- for col in tietopohja.landing_columns(source_name, table_name) -%}
            {%- if col.meta.get('hetu') -%}
                {%- do items.append("case when " ~ col.name ~ "__raw is not null then '" ~ col.file_name ~ "=<redacted>' end") -%}
            {%- else -%}
                {%- do items.append(dbt.concat(["'" ~ col.file_name ~ "='",
                    tietopohja.regexp_replace_all(col.name ~ '__raw', tietopohja.hetu_shape(), '<redacted>')])) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if items -%}
        {{ tietopohja.concat_non_null(items, ' | ') }}
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- Anything shaped like a hetu, valid or not: a word of DDMMYY (day 0-3x,
    month 0-1x), a century sign, ZZZ and a check character. Not inside a
    longer word or number (06-GL202403-00002 is a ledger entry). -#}
{% macro hetu_shape() -%}
    \b[0-3][0-9][01][0-9]{3}[-+A-Fa-fU-Yu-y][0-9]{3}[0-9A-Ya-y]\b
{%- endmacro %}
