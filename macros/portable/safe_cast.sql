{#- dbt's default safe_cast is a plain cast that raises on bad input on
    DuckDB and Spark (toolchain notes): override it with try_cast. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
