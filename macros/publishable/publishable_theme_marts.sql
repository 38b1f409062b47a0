{#-
  The publication specs (tietopohja.publishable_mart, publishable.sql) that
  several `_public` marts of one theme share; the marts differ only in
  their breakdown columns.

  publishable_personnel_mart(source_relation, breakdown_columns): the
  personnel marts by breakdown (personnel_by_organisation, _by_occupation,
  _by_service, written out in models/marts/personnel/). Headcounts,
  permanent headcounts and permanent leavers are counts of persons
  (employees); turnover, sick and training days and the rates built on them
  are hidden with the headcounts (sickness absence of a few employees is
  health data). HTV are shown. The changes are those of
  tietopohja.personnel_change_columns().

  publishable_availability_waits_mart(source_relation, breakdown_columns):
  availability_waits_by_service ([]) and availability_waits_by_client_group
  (['breakdown', 'breakdown_value']; macros/availability/availability.sql).
  Waits (completed, left the queue, over the limit, open, open over the
  limit) and the clients of the service are counts of persons; the mean,
  median and open mean wait are hidden with their waits, the share and the
  rate per 1,000 clients with their counts. The changes are those of
  tietopohja.availability_wait_change_types().

  `breakdown_columns`: the key columns besides county_code (personnel) or
  county_code, rule and service_code (availability), in output order.
-#}
{% macro all_change_kinds(value_columns) -%}
    {%- set changes = {} -%}
    {%- for v in value_columns -%}
        {%- do changes.update({v: ['change', 'change_yoy', 'growth_yoy_pct']}) -%}
    {%- endfor -%}
    {{- return(changes) -}}
{%- endmacro %}

{% macro publishable_personnel_mart(source_relation, breakdown_columns) -%}
{{ tietopohja.publishable_mart(
    source_relation,
    key_columns=['county_code'] + breakdown_columns,
    keep=['county_code', 'period_grain', 'period_start']
        + breakdown_columns
        + [
            'htv_paid',
            'htv_paid_permanent',
            'htv_paid_fixed_term',
            'htv_worked',
            'htv_worked_permanent',
            'htv_worked_fixed_term',
        ],
    person_counts={
        'headcount_start': [],
        'headcount_end': [],
        'permanent_headcount_start': [],
        'permanent_headcount_end': [],
        'permanent_leavers': [],
    },
    computed={
        'sick_days': ['headcount_start', 'headcount_end'],
        'training_days': ['headcount_start', 'headcount_end'],
        'turnover_permanent_pct': ['permanent_leavers', 'permanent_headcount_start', 'permanent_headcount_end'],
        'sick_days_per_htv': ['headcount_start', 'headcount_end'],
        'training_days_per_headcount': ['headcount_start', 'headcount_end'],
    },
    changes=tietopohja.all_change_kinds(tietopohja.personnel_change_columns())) }}
{%- endmacro %}

{% macro publishable_availability_waits_mart(source_relation, breakdown_columns) -%}
{{ tietopohja.publishable_mart(
    source_relation,
    key_columns=['county_code', 'rule', 'service_code'] + breakdown_columns,
    keep=['county_code', 'period_grain', 'period_start', 'period_end', 'rule', 'service_code']
        + breakdown_columns
        + ['wait_length_unit'],
    person_counts={
        'waits': [],
        'waits_left_queue': [],
        'waits_over_limit': [],
        'service_clients': [],
        'open_waits': [],
        'open_over_limit': [],
    },
    computed={
        'mean_wait': ['waits'],
        'median_wait': ['waits'],
        'share_over_limit_pct': ['waits_over_limit', 'waits'],
        'over_limit_per_1000_clients': ['waits_over_limit', 'service_clients'],
        'open_mean_wait': ['open_waits'],
    },
    changes=tietopohja.all_change_kinds(tietopohja.availability_wait_change_types().keys() | list)) }}
{%- endmacro %}
