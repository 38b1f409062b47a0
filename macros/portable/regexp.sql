{#- Regular-expression match, NULL-safe: true when `expr` matches `pattern`. -#}
{% macro regexp_matches(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_matches', 'tietopohja')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regexp_matches(expr, pattern) -%}
    regexp_like({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regexp_matches(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regexp_matches(expr, pattern) -%}
    ({{ expr }} rlike '^(?:{{ pattern }})$')
{%- endmacro %}

{#- Every match of `pattern` in `expr` replaced by `replacement` (a literal text). -#}
{% macro regexp_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace_all', 'tietopohja')(expr, pattern, replacement)) }}
{%- endmacro %}

{#- Trino replaces every match by default -#}
{% macro default__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}

{#- Spark replaces every match by default; its string literals read
    backslash escapes, so the pattern's backslashes are doubled -#}
{% macro spark__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern | replace("\\", "\\\\") }}', '{{ replacement }}')
{%- endmacro %}

{% macro duckdb__regexp_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{#- Regular-expression search, NULL-safe: true when `pattern` matches
    somewhere in `expr` (regexp_matches is a match of the whole text). -#}
{% macro regexp_search(expr, pattern) -%}
    {{ return(adapter.dispatch('regexp_search', 'tietopohja')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regexp_search(expr, pattern) -%}
    regexp_like({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regexp_search(expr, pattern) -%}
    regexp_matches({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{#- Spark: rlike finds the pattern anywhere; backslashes doubled as in
    spark__regexp_replace_all -#}
{% macro spark__regexp_search(expr, pattern) -%}
    ({{ expr }} rlike '{{ pattern | replace("\\", "\\\\") }}')
{%- endmacro %}

{#- The text a capture group stands for in the replacement of
    regexp_replace_all: `\1` on DuckDB (RE2), `$1` on Spark and Trino (Java). -#}
{% macro regexp_group(n) -%}
    {{ return(adapter.dispatch('regexp_group', 'tietopohja')(n)) }}
{%- endmacro %}

{% macro default__regexp_group(n) -%}
    {{ return('$' ~ n) }}
{%- endmacro %}

{% macro duckdb__regexp_group(n) -%}
    {{ return('\\' ~ n) }}
{%- endmacro %}
