{#-
  personnel_breakdown_mart(dimensions): the select of a personnel mart by a
  breakdown. `dimensions` maps output column -> expression over
  `measures` (int_personnel_periods_aggregated) and `cost_centers`
  (int_cost_centers_mapped, the measure row's cost centre). Sums the
  additive columns per county, period and breakdown, makes them dense over
  the county's personnel periods (every breakdown value in every period of
  int_personnel_periods_aggregated: 0 HTV and headcount where it had no
  employees, so the change from such a period is defined), computes the
  rates and adds the previous-period and year-on-year changes
  (tietopohja.period_changes) of the headline values and the `personnel`
  group's value_status (the measures NULL where it is `not_delivered`).
-#}
{% macro personnel_change_columns() -%}
    {{ return(['htv_paid', 'htv_worked', 'turnover_permanent_pct', 'sick_days_per_htv', 'training_days_per_headcount']) }}
{%- endmacro %}

{% macro personnel_breakdown_mart(dimensions) -%}
with summed as (
    select
        measures.county_code,
        measures.period_grain,
        measures.period_start,
        {%- for column, expr in dimensions.items() %}
        {{ expr }} as {{ column }},
        {%- endfor %}
        {{ tietopohja.personnel_sums('measures') }}
    from {{ ref('int_personnel_periods_aggregated') }} as measures
    left join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on measures.cost_center = cost_centers.cost_center
    group by
        measures.county_code,
        measures.period_grain,
        measures.period_start
        {%- for column, expr in dimensions.items() %},
        {{ expr }}
        {%- endfor %}
),

personnel_periods as (
    select
        reporting_periods.county_code,
        reporting_periods.period_grain,
        reporting_periods.period_start,
        reporting_periods.period_end
    from {{ ref('int_reporting_periods') }} as reporting_periods
    inner join (
        select distinct
            county_code,
            period_grain,
            period_start
        from {{ ref('int_personnel_periods_aggregated') }}
    ) as personnel
        on {{ tietopohja.keys_match('reporting_periods', 'personnel', ['county_code', 'period_grain', 'period_start']) }}
),

densified as (
    {{ tietopohja.dense_over_periods(
        'summed',
        dimensions.keys() | list,
        tietopohja.personnel_additive_columns().keys() | list,
        periods='personnel_periods'
    ) }}
),

measured as (
    select
        densified.*,
        {{ tietopohja.personnel_rates('densified') }},
        {{ tietopohja.value_status_column(['personnel'], 'any', 'densified') }} as value_status
    from densified
),

changed as (
    {{ tietopohja.period_changes(
        'measured',
        ['county_code'] + (dimensions.keys() | list),
        tietopohja.personnel_change_columns(),
        status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    {%- for column in dimensions.keys() %}
    {{ column }},
    {%- endfor %}
    {%- for column in tietopohja.personnel_additive_columns().keys() | list
        + ['turnover_permanent_pct', 'sick_days_per_htv', 'training_days_per_headcount'] %}
    {{ tietopohja.delivered(column) }} as {{ column }},
    {%- endfor %}
    {%- for column in tietopohja.personnel_change_columns() %}
    {{ column }}_change,
    {{ column }}_change_yoy,
    {{ column }}_growth_yoy_pct,
    {%- endfor %}
    value_status
from changed
{%- endmacro %}
