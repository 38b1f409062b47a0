{#-
  Business-day arithmetic on the generated calendar (int_calendar_days_generated,
  minimum-data spec "Calendar rules"). `business_day_index` counts business
  days up to and including a day, so:

  - business days between two dates = index(end) − index(start): the start
    day is day 0, the next business day is day 1 (a wait starting on a
    Saturday reaches day 1 on Monday);
  - the Nth business day after a date is the business day whose index is
    index(start) + N.

  Both are joins, portable to any engine:

      from waits
      {{ tietopohja.calendar_day_join('start_day', 'waits.start_date') }}
      {{ tietopohja.calendar_day_join('end_day', 'waits.end_date') }}
      {{ tietopohja.nth_business_day_join('deadline_day', 'start_day', 3) }}
      select {{ tietopohja.business_days_between('start_day', 'end_day') }} as bdays,
             deadline_day.calendar_date as deadline

  Dates outside the calendar's years give NULL.
-#}

{#- Join the calendar day of a date (or the date part of a timestamp) as `alias`. -#}
{% macro calendar_day_join(alias, date_expr, join_type='left') -%}
{{ join_type }} join {{ ref('int_calendar_days_generated') }} as {{ alias }}
    on {{ alias }}.calendar_date = cast({{ date_expr }} as date)
{%- endmacro %}

{#- Business days from the day joined as `start_alias` (day 0) to the day joined as `end_alias`. -#}
{% macro business_days_between(start_alias, end_alias) -%}
    ({{ end_alias }}.business_day_index - {{ start_alias }}.business_day_index)
{%- endmacro %}

{#- Join, as `alias`, the n-th business day after the day joined as
    `start_alias`; `n` is a number or a column. `condition` restricts the join
    (e.g. only rows whose limit is in business days). -#}
{% macro nth_business_day_join(alias, start_alias, n, condition='1 = 1', join_type='left') -%}
{{ join_type }} join {{ ref('int_calendar_days_generated') }} as {{ alias }}
    on {{ condition }}
    and {{ alias }}.is_business_day
    and {{ alias }}.business_day_index = {{ start_alias }}.business_day_index + {{ n }}
{%- endmacro %}
