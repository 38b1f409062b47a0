{#-
  The personnel theme's value columns, used by
  int_personnel_periods_aggregated (the theme's one measure model) to sum
  its additive columns per breakdown and compute the rates:
  - sums(): the additive columns, summed and cast to their types;
  - rates(): turnover of permanent staff (%), sickness-absence days per paid
    HTV and training days per headcount, from the summed columns of the
    relation alias given.
  Turnover divides by the average of the permanent headcount on the period's
  first and last day (minimum-data "Personnel"); training days per headcount
  by the employments active on its last day (the v1.1 definition of the key
  figure training_days_per_headcount: one definition for the key figure and
  the personnel marts).
-#}
{% macro personnel_additive_columns() -%}
    {{ return({
        'htv_paid': 'double', 'htv_paid_permanent': 'double', 'htv_paid_fixed_term': 'double',
        'htv_worked': 'double', 'htv_worked_permanent': 'double', 'htv_worked_fixed_term': 'double',
        'headcount_start': 'bigint', 'headcount_end': 'bigint',
        'permanent_headcount_start': 'bigint', 'permanent_headcount_end': 'bigint',
        'permanent_leavers': 'bigint', 'sick_days': 'bigint', 'training_days': 'bigint'
    }) }}
{%- endmacro %}

{% macro personnel_sums(alias) -%}
    {%- for column, column_type in tietopohja.personnel_additive_columns().items() %}
    cast(sum({{ alias }}.{{ column }}) as {{ 'double' if column_type == 'double' else dbt.type_bigint() }}) as {{ column }}
    {%- if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- The numerators are doubles: on Spark a decimal literal (100.0) keeps the
    division decimal, and the contracts say double (same values on DuckDB). -#}
{% macro personnel_rates(alias) -%}
    cast({{ alias }}.permanent_leavers as {{ tietopohja.type_double() }}) * 100
    / nullif(({{ alias }}.permanent_headcount_start + {{ alias }}.permanent_headcount_end) / 2.0, 0)
        as turnover_permanent_pct,
    {{ alias }}.sick_days / nullif({{ alias }}.htv_paid, 0) as sick_days_per_htv,
    cast({{ alias }}.training_days as {{ tietopohja.type_double() }}) / nullif({{ alias }}.headcount_end, 0)
        as training_days_per_headcount
{%- endmacro %}

{#- The personnel marts' columns with a previous-period and year-on-year
    change (tietopohja.period_changes), in their column order, each with the
    value_status column that says whether its period was delivered: a map
    {column: status column} that period_changes reads as both. `extra` adds
    a mart's own columns (e.g. personnel_by_service's rates per resident). -#}
{% macro personnel_change_columns(extra={}) -%}
    {%- set columns = {
        'htv_paid': 'value_status', 'htv_worked': 'value_status', 'turnover_permanent_pct': 'value_status',
        'sick_days_per_htv': 'value_status', 'training_days_per_headcount': 'value_status'
    } -%}
    {%- do columns.update(extra) -%}
    {{ return(columns) }}
{%- endmacro %}
