{#-
  period_changes(relation, key_columns, value_columns): the time comparison
  every themed mart carries (minimum-data spec): for each value column, the
  change from the previous period of the same grain (`<v>_change`), and the
  change and growth (%) from the same period a year earlier
  (`<v>_change_yoy`, `<v>_growth_yoy_pct`; NULL when the earlier value is
  missing or 0). `relation` has `period_grain` ('month', 'quarter', 'year'),
  `period_start`, the key columns (NULL-able breakdowns are matched
  NULL-safely) and the value columns. Returns a select statement.
-#}
{% macro period_changes(relation, key_columns, value_columns) -%}
select
    current_period.*
    {%- for v in value_columns %},
    current_period.{{ v }} - previous_period.{{ v }} as {{ v }}_change,
    current_period.{{ v }} - year_earlier.{{ v }} as {{ v }}_change_yoy,
    case
        when year_earlier.{{ v }} <> 0
            then (current_period.{{ v }} - year_earlier.{{ v }}) * 100.0 / abs(year_earlier.{{ v }})
    end as {{ v }}_growth_yoy_pct
    {%- endfor %}
from {{ relation }} as current_period
left join {{ relation }} as previous_period
    on current_period.period_grain = previous_period.period_grain
    and previous_period.period_start = case current_period.period_grain
        when 'month' then {{ tietopohja.add_months('current_period.period_start', -1) }}
        when 'quarter' then {{ tietopohja.add_months('current_period.period_start', -3) }}
        else {{ tietopohja.add_months('current_period.period_start', -12) }}
    end
    {%- for k in key_columns %}
    and {{ tietopohja.null_safe_equal('current_period.' ~ k, 'previous_period.' ~ k) }}
    {%- endfor %}
left join {{ relation }} as year_earlier
    on current_period.period_grain = year_earlier.period_grain
    and year_earlier.period_start = {{ tietopohja.add_months('current_period.period_start', -12) }}
    {%- for k in key_columns %}
    and {{ tietopohja.null_safe_equal('current_period.' ~ k, 'year_earlier.' ~ k) }}
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
