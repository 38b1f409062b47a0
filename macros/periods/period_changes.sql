{#-
  period_changes(relation, key_columns, value_columns): the time comparison
  every themed mart carries (minimum-data spec): for each value column, the
  change from the previous period of the same grain (`<v>_change`), and the
  change and growth (%) from the same period a year earlier
  (`<v>_change_yoy`, `<v>_growth_yoy_pct`; NULL when the earlier value is
  missing or 0). `relation` has `period_grain` ('month', 'quarter', 'year'),
  `period_start`, the key columns (NULL-able breakdowns are matched
  NULL-safely) and the value columns. `status_column`: a value_status
  column of `relation` (tietopohja.value_status_column), or {value column:
  its status column} where the columns read different source groups; the
  values of a `not_delivered` period count as missing, so no change is
  computed from or to a period without data (minimum-data spec,
  "Coverage"). `value_columns` may itself be that map ({value column: its
  status column}, e.g. tietopohja.personnel_change_columns()): then it
  gives the status columns too. Returns a select statement.
-#}
{% macro period_changes(relation, key_columns, value_columns, status_column=none) -%}
{%- set status_columns = status_column if status_column is not none
    else (value_columns if value_columns is mapping else none) -%}
select
    current_period.*
    {%- for v in value_columns %}
    {%- set status_column = status_columns.get(v) if status_columns is mapping else status_columns %}
    {%- set sides = {} -%}
    {%- for side in ['current_period', 'previous_period', 'year_earlier'] -%}
        {%- set value = side ~ '.' ~ v -%}
        {%- if status_column -%}
            {%- set value = tietopohja.delivered(value, side ~ '.' ~ status_column) -%}
        {%- endif -%}
        {%- do sides.update({side: value}) -%}
    {%- endfor -%}
    {%- set current, previous, earlier = sides['current_period'], sides['previous_period'], sides['year_earlier'] %},
    {{ current }} - {{ previous }} as {{ v }}_change,
    {{ current }} - {{ earlier }} as {{ v }}_change_yoy,
    case
        when {{ earlier }} <> 0
            then ({{ current }} - {{ earlier }}) * 100.0 / abs({{ earlier }})
    end as {{ v }}_growth_yoy_pct
    {%- endfor %}
from {{ relation }} as current_period
left join {{ relation }} as previous_period
    on {{ tietopohja.keys_match('current_period', 'previous_period', ['period_grain'], key_columns) }}
    and previous_period.period_start = case current_period.period_grain
        when 'month' then {{ tietopohja.add_months('current_period.period_start', -1) }}
        when 'quarter' then {{ tietopohja.add_months('current_period.period_start', -3) }}
        else {{ tietopohja.add_months('current_period.period_start', -12) }}
    end
left join {{ relation }} as year_earlier
    on {{ tietopohja.keys_match('current_period', 'year_earlier', ['period_grain'], key_columns) }}
    and year_earlier.period_start = {{ tietopohja.add_months('current_period.period_start', -12) }}
{%- endmacro %}

{#-
  period_change_columns(change_types, relation=none): the select-list items
  that give a mart's period_changes() columns their contract types: for
  each value column `v` of `change_types` ({v: type of its change}, in
  output order), `<v>_change` and `<v>_change_yoy` cast to that type (e.g.
  dbt.type_bigint() for a count, tietopohja.type_double() for a rate,
  'decimal(18, 2)' for euros) and `<v>_growth_yoy_pct` cast to
  tietopohja.type_double(). `relation`: the alias to qualify the columns
  with (when the select joins other relations). No leading or trailing
  comma.
-#}
{% macro period_change_columns(change_types, relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- for v, change_type in change_types.items() %}
    {%- if not loop.first %},{% endif %}
    cast({{ prefix }}{{ v }}_change as {{ change_type }}) as {{ v }}_change,
    cast({{ prefix }}{{ v }}_change_yoy as {{ change_type }}) as {{ v }}_change_yoy,
    cast({{ prefix }}{{ v }}_growth_yoy_pct as {{ tietopohja.type_double() }}) as {{ v }}_growth_yoy_pct
    {%- endfor %}
{%- endmacro %}

{#- A date plus n calendar months, as a date; the end of month clamps
    (30 Nov + 3 months = 28/29 Feb), as the minimum-data spec wants. -#}
{% macro add_months(date_expr, n) -%}
    cast({{ dbt.dateadd('month', n, date_expr) }} as date)
{%- endmacro %}

{% macro null_safe_equal(a, b) -%}
    {{ return(adapter.dispatch('null_safe_equal', 'tietopohja')(a, b)) }}
{%- endmacro %}

{% macro default__null_safe_equal(a, b) -%}
    {{ a }} is not distinct from {{ b }}
{%- endmacro %}

{% macro spark__null_safe_equal(a, b) -%}
    {{ a }} <=> {{ b }}
{%- endmacro %}
