{#-
  The personnel theme's value columns, used by
  int_personnel_periods_aggregated (the theme's one measure model) to sum
  its additive columns per breakdown and compute the rates:
  - sums(): the additive columns, summed and cast to their types;
  - rates(): turnover of permanent staff (%), sickness-absence days per paid
    HTV and training days per headcount, from the summed columns of the
    relation alias given.
  Headcount of a period = average of the headcount on its first and last day.
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
    cast({{ alias }}.training_days as {{ tietopohja.type_double() }})
    / nullif(({{ alias }}.headcount_start + {{ alias }}.headcount_end) / 2.0, 0)
        as training_days_per_headcount
{%- endmacro %}

{#- The personnel marts' columns with a previous-period and year-on-year
    change (tietopohja.period_changes), in their column order. -#}
{% macro personnel_change_columns() -%}
    {{ return(['htv_paid', 'htv_worked', 'turnover_permanent_pct', 'sick_days_per_htv',
        'training_days_per_headcount']) }}
{%- endmacro %}
