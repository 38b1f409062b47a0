{#- The columns that replace a hetu in staging: the keyed pseudonym and the
    birth date and sex derived from the code. The hetu itself goes no further. -#}
{% macro person_columns(hetu) -%}
    {{ tietopohja.pseudonym(hetu, 'person') }} as person_pseudonym,
    {{ tietopohja.hetu_birth_date(hetu) }} as birth_date,
    {{ tietopohja.hetu_sex(hetu) }} as sex
{%- endmacro %}
