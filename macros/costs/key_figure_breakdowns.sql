{#- The four breakdown columns of a key_figures contribution: `by` (a
    column name, or none) is selected as is, the others as NULL (= all). -#}
{%- macro key_figure_breakdowns(by) -%}
    {%- for col in ['service_code', 'segment', 'production_mode', 'municipality_code'] -%}
    {%- if col == by %}
        {{ col }},
    {%- else %}
        cast(null as {{ dbt.type_string() }}) as {{ col }},
    {%- endif -%}
    {%- endfor -%}
{%- endmacro -%}
