{#-
  keys_match(left, right, keys, null_safe_keys=[]): the condition that two
  relations (their aliases `left` and `right`) agree on several columns of
  the same name: `left.k = right.k` for each of `keys`, and
  tietopohja.null_safe_equal(left.k, right.k) for each of `null_safe_keys`
  (NULL-able breakdown columns, where NULL = all matches NULL), joined with
  `and`, keys first. For a join's `on` or a correlated `where`, e.g.
    on {{ tietopohja.keys_match('groups', 'residents',
        ['county_code', 'period_grain', 'period_start'], ['municipality_code']) }}
  Columns whose names differ on the two sides, and further conditions, are
  added by hand with `and`. Renders nothing when both lists are empty.
-#}
{% macro keys_match(left, right, keys, null_safe_keys=[]) -%}
    {%- set conditions = [] -%}
    {%- for k in keys -%}
        {%- do conditions.append(left ~ '.' ~ k ~ ' = ' ~ right ~ '.' ~ k) -%}
    {%- endfor -%}
    {%- for k in null_safe_keys -%}
        {%- do conditions.append(tietopohja.null_safe_equal(left ~ '.' ~ k, right ~ '.' ~ k) | trim) -%}
    {%- endfor -%}
    {{- conditions | join('\n    and ') -}}
{%- endmacro %}

{#- A breakdown column of a `cube` / `grouping sets` row as a key that joins
    with `=`: the column's value, or '__all__' on the row of all its values
    (turned back into NULL where the model publishes it). -#}
{% macro all_when_grouped(column) -%}
    case when grouping({{ column }}) = 1 then '__all__' else {{ column }} end
{%- endmacro %}

{#- The breakdown columns of int_need_measures_aggregated (NULL = all): the
    model's key beside county and period, and what whole_county_row checks. -#}
{% macro need_breakdowns() -%}
    {{ return(['service_code', 'segment', 'age_group', 'municipality_code', 'unit_id']) }}
{%- endmacro %}

{#- The whole county's row of int_need_measures_aggregated (of `alias`): no
    service, segment, age group, municipality or unit. Its residents are the
    county's year-end residents of the period, summed once there; the
    unit-cost and personnel measure models read them from this row. -#}
{% macro whole_county_row(alias) -%}
    {%- for column in tietopohja.need_breakdowns() -%}
        {{ alias }}.{{ column }} is null{{ '\n    and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- In an aggregate over a person's rows: true when `column` has one value on
    them all, NULL counting as a value (all NULL, or none NULL and min =
    max): such a person is counted in that value's group without the
    pseudonym, the others row by row. -#}
{% macro has_one_value(column) -%}
    (count({{ column }}) = 0 or (count({{ column }}) = count(*) and min({{ column }}) = max({{ column }})))
{%- endmacro %}
