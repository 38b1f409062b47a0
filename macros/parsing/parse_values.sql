{#-
  Parsing of landing text values into contract types. Every landing column
  arrives as text (CSV read as all-varchar, Parquet cast to text), so one set
  of rules serves both CSV dialects and Parquet. A value that does not parse
  becomes NULL; the caller compares with the raw value to quarantine the row.
  `dialect` is an expression naming the file's dialect: 'canonical', 'fi'
  (Finnish locale: decimal comma, D.M.YYYY dates) or 'parquet'.
-#}

{#- The characters trimmed from both ends of every value (landing contract
    v1.1, "Text"): ASCII white space (space, tab, line feed, carriage return,
    vertical tab, form feed), next line U+0085, no-break space U+00A0, Ogham
    space U+1680, Mongolian vowel separator U+180E, the spaces U+2000-U+200A
    (figure space U+2007 among them), the zero-width space, non-joiner and
    joiner U+200B-U+200D, line and paragraph separators U+2028-U+2029, narrow
    no-break space U+202F, medium mathematical space U+205F, word joiner
    U+2060, ideographic space U+3000 and the byte order mark U+FEFF. Jinja
    turns the escapes into the characters themselves, so the SQL holds them
    as they are. -#}
{% macro blank_characters() -%}
    {{- return(" \t\n\r\u000b\u000c\u0085\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff") -}}
{%- endmacro %}

{#- A value as text: Unicode-normalised to NFC (a file from a Mac writes 'ä'
    as 'a' and a combining diaeresis), trimmed of blank_characters() at both
    ends, and NULL when nothing is left (empty string and empty field mean
    NULL). Every check, code list and key sees the cleaned text. -#}
{% macro clean_text(expr) -%}
    {{ return(adapter.dispatch('clean_text', 'tietopohja')(expr)) }}
{%- endmacro %}

{#- DuckDB: the parsing macros refer to their value several times, and
    each reference is this expression again (a CASE is not factored out), so
    it must cost little on the usual value. A value that begins and ends
    with a printable character other than the space and holds nothing
    beyond ASCII (strlen, the bytes, equals length, the characters) is NFC
    and trimmed already: it is taken as it is, without trim() or a
    comparison. Any other value is normalised and trimmed of every blank
    character: spaces, a decomposed 'ä', a tab, a BOM, a zero-width space.
    (2.1 M ledger rows, 10 columns: 7.1 s -> 4.1 s.) -#}
{% macro duckdb__clean_text(expr) -%}
    case
        when ascii({{ expr }}) > 32 and ascii({{ expr }}[-1]) > 32 and strlen({{ expr }}) = length({{ expr }})
            then {{ expr }}
        else nullif(trim(nfc_normalize({{ expr }}), '{{ tietopohja.blank_characters() }}'), '')
    end
{%- endmacro %}

{#- Spark: trim(str) removes only the space, so the character list is always
    given. Spark up to 4.3 has no Unicode normalisation function (normalize()
    comes with 4.4): a value with non-ASCII characters goes through ICU4J's
    NFC composition, which Spark bundles (com.ibm.icu.text.Normalizer.compose(
    str, false) is NFC), by reflection; ASCII text is already NFC. -#}
{% macro spark__clean_text(expr) -%}
    nullif(trim(both '{{ tietopohja.blank_characters() }}' from case
        when length({{ expr }}) <> octet_length({{ expr }})
            then reflect('com.ibm.icu.text.Normalizer', 'compose', {{ expr }}, false)
        else {{ expr }}
    end), '')
{%- endmacro %}

{#- Regular expressions of the accepted date and timestamp shapes (landing
    contract v1.1): four-digit years only, so that '15.3.24' or '24-03-15'
    (ambiguous two-digit years) never parse. -#}
{% macro iso_date_shape() -%}
    {{- return('[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') -}}
{%- endmacro %}

{% macro finnish_date_shape() -%}
    {{- return('[0-9]{1,2}[.][0-9]{1,2}[.][0-9]{4}') -}}
{%- endmacro %}

{#- ISO date and time: ' ' or 'T' between them, minutes, optional seconds
    with up to 9 fractional digits (read to the microsecond). -#}
{% macro iso_timestamp_shape() -%}
    {{- return(tietopohja.iso_date_shape() ~ '([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?') -}}
{%- endmacro %}

{#- The same with a time zone: 'Z' or an offset +HH, +HHMM or +HH:MM (or -). -#}
{% macro iso_zoned_timestamp_shape() -%}
    {{- return(tietopohja.iso_date_shape() ~ '[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?(Z|[-+][0-9]{2}(:?[0-9]{2})?)') -}}
{%- endmacro %}

{#- Finnish date and time: 'H:MM' or 'H.MM' (as Finns write time), optional
    seconds with the same separator. -#}
{% macro finnish_timestamp_shape() -%}
    {{- return(tietopohja.finnish_date_shape() ~ '( [0-9]{1,2}(:[0-9]{2}(:[0-9]{2})?|[.][0-9]{2}([.][0-9]{2})?))?') -}}
{%- endmacro %}

{#- The earliest date a delivered date or timestamp may have: an earlier one
    is out_of_range (landing contract v1.1; a birth date derived from a hetu
    is not a delivered date). -#}
{% macro before_earliest_delivered_date(expr) -%}
    cast({{ expr }} as date) < cast('1900-01-01' as date)
{%- endmacro %}

{% macro parse_date(expr) -%}
    {{ return(adapter.dispatch('parse_date', 'tietopohja')(expr)) }}
{%- endmacro %}

{#- DuckDB: the shape first (try_strptime's %Y reads 1 to 4 digits), then
    the date itself (an impossible date such as 30.2.2024 is NULL). -#}
{% macro duckdb__parse_date(expr) -%}
    case
        when {{ tietopohja.regexp_matches(expr, tietopohja.iso_date_shape()) }}
            then {{ tietopohja.iso_text_to_date(expr) }}
        when {{ tietopohja.regexp_matches(expr, tietopohja.finnish_date_shape()) }}
            then cast(try_strptime({{ expr }}, '%d.%m.%Y') as date)
    end
{%- endmacro %}

{#- Spark: the same shapes; an impossible date is NULL (dbt-spark runs with
    ANSI off, the profile sets timeParserPolicy CORRECTED). -#}
{% macro spark__parse_date(expr) -%}
    case
        when {{ tietopohja.regexp_matches(expr, tietopohja.iso_date_shape()) }} then {{ tietopohja.iso_text_to_date(expr) }}
        when {{ tietopohja.regexp_matches(expr, tietopohja.finnish_date_shape()) }} then to_date({{ expr }}, 'd.M.y')
    end
{%- endmacro %}

{#- A text of the ISO shape (year, month and day as digits, tietopohja.iso_date_shape)
    as a date; NULL for an impossible date such as 2024-02-30. -#}
{% macro iso_text_to_date(expr) -%}
    {{ return(adapter.dispatch('iso_text_to_date', 'tietopohja')(expr)) }}
{%- endmacro %}

{% macro duckdb__iso_text_to_date(expr) -%}
    cast(try_strptime({{ expr }}, '%Y-%m-%d') as date)
{%- endmacro %}

{% macro spark__iso_text_to_date(expr) -%}
    to_date({{ expr }}, 'y-M-d')
{%- endmacro %}

{% macro parse_timestamp(expr) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'tietopohja')(expr)) }}
{%- endmacro %}

{#- DuckDB: a Finnish text (day and month first: a '.' after one or two
    digits) can match no ISO shape and an ISO one no Finnish shape, so the
    text is tried against its own family only. ISO text is read by DuckDB's
    own timestamp cast (fractions beyond the microsecond are cut off); with
    a time zone, as TIMESTAMP WITH TIME ZONE and then as Europe/Helsinki
    local time (ICU). -#}
{% macro duckdb__parse_timestamp(expr) -%}
    case
        when strpos({{ expr }}, '.') in (2, 3) then case
            when {{ tietopohja.regexp_matches(expr, tietopohja.finnish_timestamp_shape()) }} then
                cast(try_strptime({{ expr }}, [
                    '%d.%m.%Y %H:%M', '%d.%m.%Y %H.%M', '%d.%m.%Y %H:%M:%S', '%d.%m.%Y %H.%M.%S', '%d.%m.%Y'
                ]) as timestamp)
        end
        when {{ tietopohja.regexp_matches(expr, tietopohja.iso_timestamp_shape()) }}
            then try_cast({{ expr }} as timestamp)
        when {{ tietopohja.regexp_matches(expr, tietopohja.iso_zoned_timestamp_shape()) }}
            then timezone('Europe/Helsinki', try_cast({{ expr }} as timestamptz))
    end
{%- endmacro %}

{#- Spark: the same shapes. ISO text is read by Spark's timestamp cast, which
    also reads 'Z' and offsets (the instant) and cuts fractions beyond the
    microsecond; a zoned instant is turned into Europe/Helsinki wall-clock
    time in the session's time zone (UTC in the profile, but not assumed). -#}
{% macro spark__parse_timestamp(expr) -%}
    case
        when {{ tietopohja.regexp_matches(expr, tietopohja.finnish_timestamp_shape()) }} then coalesce(
            {%- for pattern in ["d.M.y H:m", "d.M.y H.m", "d.M.y H:m:s", "d.M.y H.m.s", "d.M.y"] %}
            to_timestamp({{ expr }}, '{{ pattern }}'){{ ',' if not loop.last }}
            {%- endfor %}
        )
        when {{ tietopohja.regexp_matches(expr, tietopohja.iso_timestamp_shape()) }}
            then try_cast({{ expr }} as timestamp)
        when {{ tietopohja.regexp_matches(expr, tietopohja.iso_zoned_timestamp_shape()) }}
            then from_utc_timestamp(to_utc_timestamp(try_cast({{ expr }} as timestamp), current_timezone()), 'Europe/Helsinki')
    end
{%- endmacro %}

{#- A number as text with '.' as the decimal point, or NULL when its shape is
    not a number of the file's dialect (landing contract v1.1, "Numbers"):
    - every dialect: the Unicode minus U+2212 is a minus;
    - 'fi': ',' is the decimal separator; the thousands separator is a space,
      no-break space or narrow no-break space between groups of three
      digits; a '.' is ambiguous (thousands or decimal?), so not a number;
    - 'canonical' and 'parquet' (Parquet numbers cast to text: '3', '3.0',
      '1e+20'): '.' is the decimal point, no grouping.
    An exponent is allowed in both. -#}
{% macro number_text(expr, dialect) -%}
    {%- set v = "replace(" ~ expr ~ ", '\u2212', '-')" -%}
    {%- set exponent = '([eE][-+]?[0-9]+)?' -%}
    case
        when {{ dialect }} = 'fi' then case
            when {{ tietopohja.regexp_matches(v,
                "[-+]?([0-9]{1,3}([ \u00a0\u202f][0-9]{3})+(,[0-9]*)?|[0-9]+(,[0-9]*)?|,[0-9]+)" ~ exponent) }}
                then replace(replace(replace(replace({{ v }}, ' ', ''), '{{ "\u00a0" }}', ''), '{{ "\u202f" }}', ''), ',', '.')
        end
        when {{ tietopohja.regexp_matches(v, "[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)" ~ exponent) }} then {{ v }}
    end
{%- endmacro %}

{% macro parse_decimal(expr, dialect) -%}
    {{ dbt.safe_cast(tietopohja.number_text(expr, dialect), "decimal(28, 6)") }}
{%- endmacro %}

{#- An integer: a fraction is not an integer (never rounded); a zero
    fractional part is that integer ('3.0', '3,0' in the Finnish dialect:
    pandas writes integer columns with missing values so). -#}
{% macro parse_int(expr, dialect) -%}
    {%- set v = tietopohja.number_text(expr, dialect) -%}
    {{ dbt.safe_cast(
        "case when " ~ tietopohja.regexp_matches(v, '[-+]?[0-9]+([.]0*)?') ~ " then "
        ~ dbt.split_part(v, "'.'", 1) ~ " end",
        dbt.type_bigint()) }}
{%- endmacro %}

{#- Booleans: true/false, 1/0, kyllä/ei (landing contract), any case; the
    value is already NFC (clean_text), so a decomposed 'kyllä' is 'kyllä'. -#}
{% macro parse_bool(expr) -%}
    {{ return(adapter.dispatch('parse_bool', 'tietopohja')(expr)) }}
{%- endmacro %}

{% macro default__parse_bool(expr) -%}
    case
        when lower({{ expr }}) in ('true', '1', 'kyllä', 't', 'yes') then true
        when lower({{ expr }}) in ('false', '0', 'ei', 'f', 'no') then false
    end
{%- endmacro %}

{#- DuckDB: one reference to the value (DuckDB turns each IN list into a
    join that evaluates the value again): its position in the list of
    accepted words picks the boolean; not in the list is NULL. -#}
{% macro duckdb__parse_bool(expr) -%}
    [true, true, true, true, true, false, false, false, false, false][list_position(
        ['true', '1', 'kyllä', 't', 'yes', 'false', '0', 'ei', 'f', 'no'], lower({{ expr }}))]
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
