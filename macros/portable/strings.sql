{#- Left-pad a text expression with zeros to `width` characters. -#}
{% macro lpad_zeros(expr, width) -%}
    {{ return(adapter.dispatch('lpad_zeros', 'tietopohja')(expr, width)) }}
{%- endmacro %}

{% macro default__lpad_zeros(expr, width) -%}
    lpad({{ expr }}, {{ width }}, '0')
{%- endmacro %}

{#- Join the non-NULL text expressions with `sep` (NULL when all are NULL). -#}
{% macro concat_non_null(exprs, sep) -%}
    {{ return(adapter.dispatch('concat_non_null', 'tietopohja')(exprs, sep)) }}
{%- endmacro %}

{% macro default__concat_non_null(exprs, sep) -%}
    nullif(concat_ws('{{ sep }}', {{ exprs | join(', ') }}), '')
{%- endmacro %}
