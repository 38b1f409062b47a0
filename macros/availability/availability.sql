{#-
  Helpers of the availability theme.

  wait_deadline(start_date, limit_value, limit_unit, nth_business_day): the
  last day on which a wait is still within its limit (minimum-data spec,
  calendar rules): business days → the n-th business day after the start
  (joined with tietopohja.nth_business_day_join, passed in as a column);
  days → start + n days; weeks → start + 7n days; months → the same day n
  months later with end-of-month clamping (tietopohja.add_months). A wait is
  over the limit when it ends (or is still open) after this day.
-#}
{% macro wait_deadline(start_date, limit_value, limit_unit, nth_business_day) -%}
    case {{ limit_unit }}
        when 'business_days' then {{ nth_business_day }}
        when 'days' then cast({{ dbt.dateadd('day', limit_value, start_date) }} as date)
        when 'weeks' then cast({{ dbt.dateadd('day', '7 * ' ~ limit_value, start_date) }} as date)
        when 'months' then {{ tietopohja.add_months(start_date, limit_value) }}
    end
{%- endmacro %}

{#-
  availability_wait_change_types(): the value columns of the availability
  marts that carry period changes (tietopohja.period_changes), with the
  contract type of their `_change` columns (tietopohja.period_change_columns):
  counts of waits are bigint, the share and the mean wait double.
-#}
{% macro availability_wait_change_types() -%}
    {{ return({
        'waits': dbt.type_bigint(),
        'waits_over_limit': dbt.type_bigint(),
        'share_over_limit_pct': tietopohja.type_double(),
        'mean_wait': tietopohja.type_double(),
        'open_waits': dbt.type_bigint(),
        'open_over_limit': dbt.type_bigint(),
    }) }}
{%- endmacro %}

{#-
  availability_waits_mart(breakdown_columns): the whole select of
  availability_waits_by_service (breakdown_columns = []: the rows of
  int_availability_waits_aggregated with breakdown 'all') and
  availability_waits_by_client_group (['breakdown', 'breakdown_value']: the
  other rows): the keys, wait_length_unit and the measures, then the
  changes from the previous period and a year earlier of the
  availability_wait_change_types() columns, per county, rule, service and
  breakdown, cast to the contract types, and value_status (the `social`
  group's for the social-care rules, else the `patient` group's; the
  measures NULL where it is `not_delivered`).
-#}
{% macro availability_waits_mart(breakdown_columns) -%}
{%- set columns = ['county_code', 'period_grain', 'period_start', 'period_end', 'rule', 'service_code']
    + breakdown_columns
    + ['wait_length_unit', 'waits', 'waits_left_queue', 'mean_wait', 'median_wait', 'waits_over_limit',
       'share_over_limit_pct', 'service_clients', 'over_limit_per_1000_clients', 'open_waits',
       'open_over_limit', 'open_mean_wait'] -%}
{%- set change_types = tietopohja.availability_wait_change_types() -%}
{%- set key_columns = ['county_code', 'period_grain', 'period_start', 'period_end', 'rule', 'service_code']
    + breakdown_columns + ['wait_length_unit'] -%}
with aggregated as (
    select
        {%- for c in columns %}
        {{ c }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ ref('int_availability_waits_aggregated') }}
    where breakdown {% if breakdown_columns %}<>{% else %}={% endif %} 'all'
),

measured as (
    select
        aggregated.*,
        case
            when aggregated.rule in ({{ "'" ~ (tietopohja.availability_social_rules() | join("', '")) ~ "'" }})
                then {{ tietopohja.value_status_column(['social'], 'any', 'aggregated') }}
            else {{ tietopohja.value_status_column(['patient'], 'any', 'aggregated') }}
        end as value_status
    from aggregated
),

with_changes as (
    {{ tietopohja.period_changes(
        'measured',
        ['county_code', 'rule', 'service_code'] + breakdown_columns,
        change_types.keys() | list,
        status_column='value_status'
    ) }}
)

select
    {%- for c in columns %}
    {%- if c in key_columns %}
    {{ c }},
    {%- else %}
    {{ tietopohja.delivered(c) }} as {{ c }},
    {%- endif %}
    {%- endfor %}
    {{ tietopohja.period_change_columns(change_types) }},
    value_status
from with_changes
{%- endmacro %}

{#- The care-guarantee rules (seeds/rules/care_guarantee_rules.csv) that
    social-care data measure: their value_status is the `social` source
    group's, every other rule's the `patient` group's. -#}
{% macro availability_social_rules() -%}
    {{ return(['social_assessment_start', 'social_implementation', 'child_welfare_assessment',
        'elderly_service_after_decision']) }}
{%- endmacro %}

{#-
  availability_breakdown_rows(relation, breakdowns, service_code_exprs,
  columns): the rows of `relation` (county_code, period_grain,
  period_start, ...) repeated once per breakdown and service variant, to
  be grouped by (service_code, breakdown, breakdown_value) afterwards
  (int_availability_waits_aggregated). `breakdowns`: (breakdown name,
  expression of its value) pairs, e.g. ('all', NULL) or
  ('home_municipality', 'home_municipality_code'); a NULL value stays a
  row of its breakdown (it is not left out, unlike
  tietopohja.union_of_groupings). `service_code_exprs`: the service_code of
  each copy ('service_code' per service, a NULL for all services of the
  rule). `columns`: further columns passed through. Joined with
  `union all`.
-#}
{% macro availability_breakdown_rows(relation, breakdowns, service_code_exprs, columns) -%}
    {%- for breakdown, expr in breakdowns %}
    {%- set first_breakdown = loop.first %}
    {%- for service_code_expr in service_code_exprs %}
    {%- if not (first_breakdown and loop.first) %}
    union all
    {%- endif %}
    select
        county_code,
        period_grain,
        period_start,
        {{ service_code_expr }} as service_code,
        '{{ breakdown }}' as breakdown,
        {{ expr }} as breakdown_value,
        {{ columns | join(',\n        ') }}
    from {{ relation }}
    {%- endfor %}
    {%- endfor %}
{%- endmacro %}
