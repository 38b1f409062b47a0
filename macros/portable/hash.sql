{#- Hex SHA-256 of a text expression. -#}
{% macro sha256_hex(expr) -%}
    {{ return(adapter.dispatch('sha256_hex', 'tietopohja')(expr)) }}
{%- endmacro %}

{% macro default__sha256_hex(expr) -%}
    lower(to_hex(sha256(to_utf8({{ expr }}))))
{%- endmacro %}

{% macro duckdb__sha256_hex(expr) -%}
    sha256({{ expr }})
{%- endmacro %}

{% macro spark__sha256_hex(expr) -%}
    sha2({{ expr }}, 256)
{%- endmacro %}

{#- A 64-bit hash of one or more expressions (`exprs`: a list), for
    finding candidates fast: equal values give equal hashes, different
    values may share one, so a match is checked on the values themselves. -#}
{% macro hash64(exprs) -%}
    {{ return(adapter.dispatch('hash64', 'tietopohja')(exprs)) }}
{%- endmacro %}

{% macro default__hash64(exprs) -%}
    hash({{ exprs | join(', ') }})
{%- endmacro %}

{% macro spark__hash64(exprs) -%}
    xxhash64({{ exprs | join(', ') }})
{%- endmacro %}
