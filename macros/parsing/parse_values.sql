{#-
  Parsing of landing text values into contract types. Every landing column
  arrives as text (CSV read as all-varchar, Parquet cast to text), so one set
  of rules serves both CSV dialects and Parquet. A value that does not parse
  becomes NULL; the caller compares with the raw value to quarantine the row.
  `dialect` is an expression naming the file's dialect: 'canonical', 'fi'
  (Finnish locale: decimal comma, D.M.YYYY dates) or 'parquet'.
-#}

{#- Empty string and empty field mean NULL (landing contract). -#}
{% macro clean_text(expr) -%}
    nullif(trim({{ expr }}), '')
{%- endmacro %}

{% macro parse_date(expr) -%}
    {{ return(adapter.dispatch('parse_date', 'tietopohja')(expr)) }}
{%- endmacro %}

{% macro duckdb__parse_date(expr) -%}
    cast(try_strptime({{ expr }}, ['%Y-%m-%d', '%d.%m.%Y']) as date)
{%- endmacro %}

{#- Spark: the same leniency as DuckDB's try_strptime (1- or 2-digit day and
    month, 1 to 4-digit year, nothing else in the text); an impossible date is
    NULL (dbt-spark runs with ANSI off, the profile sets timeParserPolicy
    CORRECTED). -#}
{% macro spark__parse_date(expr) -%}
    case
        when {{ expr }} rlike '^[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}$' then to_date({{ expr }}, 'y-M-d')
        when {{ expr }} rlike '^[0-9]{1,2}[.][0-9]{1,2}[.][0-9]{1,4}$' then to_date({{ expr }}, 'd.M.y')
    end
{%- endmacro %}

{% macro parse_timestamp(expr) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'tietopohja')(expr)) }}
{%- endmacro %}

{#- DuckDB: the ISO formats, then the Finnish ones. A Finnish text (day and
    month first: a '.' after one or two digits) can match no ISO format and
    an ISO one no Finnish format, so the text is tried against its own
    family only, in the same order: the same result in a third of the time
    for Finnish files (try_strptime tries its formats one by one). -#}
{% macro duckdb__parse_timestamp(expr) -%}
    cast(case
        when strpos({{ expr }}, '.') in (2, 3) then try_strptime({{ expr }}, [
            '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H:%M', '%d.%m.%Y %H.%M', '%d.%m.%Y'
        ])
        else try_strptime({{ expr }}, [
            '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M',
            '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d'
        ])
    end as timestamp)
{%- endmacro %}

{#- Spark: the formats of duckdb__parse_timestamp, as lenient. -#}
{% macro spark__parse_timestamp(expr) -%}
    case when {{ expr }} rlike '^([0-9]{1,4}-|[0-9]{1,2}[.][0-9]{1,2}[.][0-9]{1,4}([ T]|$))' then coalesce(
        {%- for pattern in ["y-M-d H:m:s", "y-M-d H:m", "y-M-d''T''H:m:s", "y-M-d''T''H:m", "y-M-d H:m:s.SSSSSS",
                            "d.M.y H:m:s", "d.M.y H:m", "d.M.y H.m", "y-M-d", "d.M.y"] %}
        to_timestamp({{ expr }}, '{{ pattern }}'){{ ',' if not loop.last }}
        {%- endfor %}
    ) end
{%- endmacro %}

{#- Decimal: the Finnish locale writes a decimal comma and may group thousands
    with (non-breaking) spaces. -#}
{% macro parse_decimal(expr, dialect) -%}
    {{ dbt.safe_cast(
        "case when " ~ dialect ~ " = 'fi' then replace(replace(replace(replace("
        ~ expr ~ ", ' ', ''), '\u00a0', ''), '\u202f', ''), ',', '.') else " ~ expr ~ " end",
        "decimal(28, 6)") }}
{%- endmacro %}

{% macro parse_int(expr) -%}
    {{ dbt.safe_cast(expr, dbt.type_bigint()) }}
{%- endmacro %}

{#- Booleans: true/false, 1/0, kyllä/ei (landing contract), any case. -#}
{% macro parse_bool(expr) -%}
    case
        when lower({{ expr }}) in ('true', '1', 'kyllä', 't', 'yes') then true
        when lower({{ expr }}) in ('false', '0', 'ei', 'f', 'no') then false
    end
{%- endmacro %}

{#- Code normalisation by kind, applied before code lists are checked. -#}
{% macro normalise_code(expr, kind) -%}
    {%- if kind == 'upper' -%} upper({{ expr }})
    {%- elif kind == 'lower' -%} lower({{ expr }})
    {%- elif kind == 'municipality' -%}
        case when {{ tietopohja.regexp_matches(expr, '[0-9]{1,3}') }}
            then {{ tietopohja.lpad_zeros(expr, 3) }} else {{ expr }} end
    {%- elif kind == 'county' -%}
        case when {{ tietopohja.regexp_matches(expr, '[0-9]{1,2}') }}
            then {{ tietopohja.lpad_zeros(expr, 2) }} else {{ expr }} end
    {%- elif kind == 'icd10' -%}
        {#- ICD-10 as written in Finland, without separators: 'e11.9' -> 'E119' -#}
        nullif(replace(replace(replace(upper({{ expr }}), '.', ''), ' ', ''), '-', ''), '')
    {%- elif kind is none or kind == '' -%} {{ expr }}
    {%- else -%} {{ exceptions.raise_compiler_error("unknown code normalisation '" ~ kind ~ "'") }}
    {%- endif -%}
{%- endmacro %}
