{#- An accounting period 'YYYY-MM' as the date of its first day. -#}
{% macro period_to_date(expr) -%}
    {{ tietopohja.parse_date(dbt.concat([expr, "'-01'"])) }}
{%- endmacro %}
