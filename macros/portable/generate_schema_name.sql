{#- Layers get plain schema names (staging, intermediate, marts, reference)
    instead of dbt's default <target_schema>_<custom>, so BI tools find
    `marts.key_figures` whatever the target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
