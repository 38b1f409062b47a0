-- Aikajana — the semantic layer's daily time spine (dbt `time_spine` config),
-- one row per day of the project's Finnish calendar.
-- Spec silent: MetricFlow needs a time spine; it is the generated calendar's
-- days (calendar_first_year … calendar_last_year), nothing else.
with calendar_days as (
    select calendar_date from {{ ref('int_calendar_days_generated') }}
)

select cast(calendar_date as date) as date_day
from calendar_days
