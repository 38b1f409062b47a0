{#-
  Keyed pseudonyms. A person's identifier (hetu, personnel number) is
  replaced by the first 32 hex characters of SHA-256(key || '|' || kind ||
  '|' || value). The key comes from TIETOPOHJA_PSEUDONYM_KEY, never from the
  repository; without it the clearly labelled development key below is used
  and the build warns (see check_pseudonym_key). The same person gets the same
  pseudonym in every system, so "hetu x 1" client counts work across them;
  a different key gives unrelated pseudonyms.
-#}

{% macro development_pseudonym_key() -%}
    {{- return('DEVELOPMENT-KEY-for-bundled-sample-data-only-NOT-SECRET') -}}
{%- endmacro %}

{% macro pseudonym_key() -%}
    {{- return(env_var('TIETOPOHJA_PSEUDONYM_KEY', tietopohja.development_pseudonym_key())) -}}
{%- endmacro %}

{% macro pseudonym(expr, kind='person') -%}
    substr({{ tietopohja.sha256_hex(
        "concat('" ~ tietopohja.pseudonym_key() | replace("'", "''") ~ "', '|" ~ kind ~ "|', " ~ expr ~ ")"
    ) }}, 1, 32)
{%- endmacro %}

{#- Run at the start of every dbt invocation (on-run-start): warn when the
    development key is in use, loudly when the landing folder is not the
    bundled sample. Returns no SQL. -#}
{% macro check_pseudonym_key() -%}
    {%- if execute and tietopohja.pseudonym_key() == tietopohja.development_pseudonym_key() -%}
        {%- set landing = tietopohja.landing_dir() -%}
        {%- if 'sample_data' in landing -%}
            {{ log("tietopohja: WARNING: using the development pseudonymisation key (fine for the bundled sample only). Set TIETOPOHJA_PSEUDONYM_KEY for real data.", info=True) }}
        {%- else -%}
            {{ log("tietopohja: WARNING: TIETOPOHJA_PSEUDONYM_KEY is not set: the PUBLIC development key is pseudonymising real data from " ~ landing ~ ". Pseudonyms made with it are NOT protected. Set TIETOPOHJA_PSEUDONYM_KEY.", info=True) }}
        {%- endif -%}
    {%- endif -%}
    select 1 as tietopohja_key_check
{%- endmacro %}
