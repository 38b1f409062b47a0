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
