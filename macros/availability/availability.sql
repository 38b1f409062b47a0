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
  marts (availability_waits_by_service, _by_client_group: keep them equal)
  that carry period changes (tietopohja.period_changes), with the
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

{#- is_social_care_rule(rule_expr): whether a care-guarantee rule
    (seeds/rules/care_guarantee_rules.csv) is one that social-care data
    measure; the availability marts take such a rule's value_status from the
    `social` source group, every other rule's from the `patient` group. -#}
{% macro is_social_care_rule(rule_expr) -%}
    {{ rule_expr }} in (
        'social_assessment_start', 'social_implementation', 'child_welfare_assessment',
        'elderly_service_after_decision'
    )
{%- endmacro %}

{#- The client breakdowns of the availability measures: (name, expression
    of its value) pairs — the whole client base ('all', NULL), the home
    municipality, the age group (seeds/rules/availability_age_groups.csv)
    and the sex. int_availability_waits_aggregated breaks the waits down by
    them, int_availability_clients_counted the clients of the services. -#}
{% macro availability_breakdowns() -%}
    {{ return([
        ('all', 'cast(null as ' ~ dbt.type_string() ~ ')'),
        ('home_municipality', 'home_municipality_code'),
        ('age_group', 'age_group'),
        ('sex', 'cast(sex as ' ~ dbt.type_string() ~ ')'),
    ]) }}
{%- endmacro %}

{#-
  availability_breakdown_rows(relation, breakdowns, service_code_exprs,
  columns): the rows of `relation` (county_code, period_grain,
  period_start, ...) repeated once per breakdown and service variant, to
  be grouped by (service_code, breakdown, breakdown_value) afterwards
  (int_availability_waits_aggregated). `breakdowns`: (breakdown name,
  expression of its value) pairs, e.g. ('all', NULL) or
  ('home_municipality', 'home_municipality_code'); a NULL value stays a
  row of its breakdown (it is not left out, unlike a NULL of a
  `grouping sets` breakdown elsewhere). `service_code_exprs`: the service_code of
  each copy ('service_code' per service, a NULL for all services of the
  rule). A wait without a service is left out of the per-service copy
  (`service_code`): it counts once, in the all-services row. `columns`:
  further columns passed through. Joined with `union all`.
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
    {%- if service_code_expr == 'service_code' %}
    where service_code is not null
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
{%- endmacro %}
