{#- The columns that replace a hetu column in the base model: the keyed
    pseudonym and the birth date and sex derived from the code, NULL when
    the code is missing or invalid. `hetu` is the column's name: its
    upper-cased text and its verdict (<hetu>__invalid, tietopohja.hetu_invalid_reason)
    are columns of the base model's pass that reads the row; neither is
    stored. A column named hetu gives person_pseudonym, birth_date and sex;
    another hetu column <name> gives <name>_pseudonym, <name>_birth_date and
    <name>_sex. -#}
{% macro hetu_person_columns(hetu) -%}
    {%- set names = tietopohja.hetu_person_column_names(hetu) -%}
    {%- set valid = hetu ~ ' is not null and ' ~ hetu ~ '__invalid is null' -%}
    case when {{ valid }} then {{ tietopohja.pseudonym(hetu, 'person') }} end as {{ names[0] }},
    case when {{ valid }} then {{ tietopohja.hetu_birth_date(hetu) }} end as {{ names[1] }},
    case when {{ valid }} then {{ tietopohja.hetu_sex(hetu) }} end as {{ names[2] }}
{%- endmacro %}

{% macro hetu_person_column_names(hetu) -%}
    {%- if hetu == 'hetu' -%}
        {{- return(['person_pseudonym', 'birth_date', 'sex']) -}}
    {%- else -%}
        {{- return([hetu ~ '_pseudonym', hetu ~ '_birth_date', hetu ~ '_sex']) -}}
    {%- endif -%}
{%- endmacro %}
