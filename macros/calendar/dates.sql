{#- The earliest / latest of several date or timestamp expressions as a
    date, ignoring NULLs (NULL only when all are NULL). -#}
{% macro least_of_dates(exprs) -%}
    {{ return(adapter.dispatch('least_of_dates', 'tietopohja')(exprs)) }}
{%- endmacro %}

{% macro default__least_of_dates(exprs) -%}
    {%- if exprs | length == 1 -%}
    cast({{ exprs[0] }} as date)
    {%- else -%}
    least({% for e in exprs %}cast({{ e }} as date){{ ', ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endmacro %}

{% macro greatest_of_dates(exprs) -%}
    {{ return(adapter.dispatch('greatest_of_dates', 'tietopohja')(exprs)) }}
{%- endmacro %}

{% macro default__greatest_of_dates(exprs) -%}
    {%- if exprs | length == 1 -%}
    cast({{ exprs[0] }} as date)
    {%- else -%}
    greatest({% for e in exprs %}cast({{ e }} as date){{ ', ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endmacro %}
