{#- A double-precision float (tietopohja.type_double() is single precision FLOAT on
    DuckDB). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'tietopohja')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double
{%- endmacro %}

{% macro postgres__type_double() -%}
    double precision
{%- endmacro %}
