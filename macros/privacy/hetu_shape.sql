{#-
  Hetu-shaped tokens outside the hetu columns (landing contract, "Identity
  codes are stored nowhere"): anything that looks like a personal identity
  code, valid or not, wherever it stands.

  A token is six digits that form a plausible date DDMMYY (day 01-31, month
  01-12), a century sign (+, -, A-F, U-Y in either case, or a dash
  look-alike: U+2010 to U+2015, U+2212), three digits and a check character
  (0-9, A-Y in either case). It may be glued to letters or punctuation
  (asiakas_<hetu>), but not to digits: a digit just before or after it
  makes it part of a longer number (the ledger id 06-GL202403-00002 is not a
  token either: 20 24 03 has no month 24). A token whose century sign is a
  lower-case a-f must not be glued to a-f either: that is a piece of a
  hexadecimal text such as a pseudonym (digits and a-f only), not a code.
  RE2 (DuckDB) has no lookaround, so the characters on either side are
  matched as groups (1 and 3, or 4 and 6 in the second alternative) and put
  back by the replacement.
-#}

{% macro hetu_shape() -%}
    {%- set date = '(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}' -%}
    {%- set tail = '[0-9]{3}[0-9A-Ya-y]' -%}
    {{- '(^|[^0-9])(' ~ date ~ '[-+A-FU-Yu-y\\x{2010}-\\x{2015}\\x{2212}]' ~ tail ~ ')([^0-9]|$)'
        ~ '|(^|[^0-9a-f])(' ~ date ~ '[a-f]' ~ tail ~ ')([^0-9a-f]|$)' -}}
{%- endmacro %}

{#- True when the text `expr` holds a hetu-shaped token (NULL for NULL).
    Texts shorter than a token are not searched. -#}
{% macro has_hetu_shape(expr) -%}
    ({{ dbt.length(expr) }} >= 11 and {{ tietopohja.regexp_search(expr, tietopohja.hetu_shape()) }})
{%- endmacro %}

{#- `expr` with every hetu-shaped token replaced by `replacement` (a literal
    text). Two passes: a match takes the character after the token with it,
    so a token right behind another one (<hetu>,<hetu>) is found
    by the second pass. Texts without a token (nearly all) are searched once
    and not rewritten. -#}
{% macro redact_hetu_shapes(expr, replacement) -%}
    {%- set pattern = tietopohja.hetu_shape() -%}
    {%- set with_groups = tietopohja.regexp_group(1) ~ tietopohja.regexp_group(4) ~ replacement
        ~ tietopohja.regexp_group(3) ~ tietopohja.regexp_group(6) -%}
    case
        when {{ tietopohja.has_hetu_shape(expr) }}
            then {{ tietopohja.regexp_replace_all(tietopohja.regexp_replace_all(expr, pattern, with_groups), pattern, with_groups) }}
        else {{ expr }}
    end
{%- endmacro %}
