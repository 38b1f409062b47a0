{#-
  Poissaolopäivät — one row per employment and calendar day inside the
  employment's counted span (int_employment_spans_clipped: first_day ..
  last_day) that is covered by at least one absence, with what covers it.
  Days without an absence are not expanded: they are employed, paid and
  worked, and int_employment_months_aggregated counts them from the spans.

  - A day is covered by the absences (stg_hr__absences, both systems) whose
    start_date <= day <= end_date. Each day is one row, however many
    absences cover it: absences with different ids from the two payroll
    systems may overlap and each day counts once. Absence days outside the
    employment's span are ignored.
  - Unpaid day (choice): covered by an absence of type `unpaid_leave` or by
    any absence delivered with paid = false (e.g. unpaid family leave). Paid
    day = employed and not unpaid.
  - Non-work day: covered by `sick_leave`, `annual_leave`, `family_leave` or
    `other` (training is work). Worked day = paid day that is not a
    non-work day.
  - Sick day / training day: covered by a sick_leave / training absence,
    paid or not (calendar days of that absence within the employment).
-#}
with spans as (
    select
        employment_id,
        first_day,
        last_day
    from {{ ref('int_employment_spans_clipped') }}
),

absences as (
    select
        absences.employment_id,
        absences.absence_type,
        absences.paid,
        {{ tietopohja.greatest_of_dates(['absences.start_date', 'spans.first_day']) }} as first_day,
        {{ tietopohja.least_of_dates(['absences.end_date', 'spans.last_day']) }} as last_day
    from {{ ref('stg_hr__absences') }} as absences
    inner join spans
        on
            absences.employment_id = spans.employment_id
            and absences.start_date <= spans.last_day
            and absences.end_date >= spans.first_day
),

absence_days as (
    select
        absences.employment_id,
        calendar.calendar_date,
        calendar.month_start,
        max(
            case when absences.absence_type = 'unpaid_leave' or not absences.paid then 1 else 0 end
        ) as has_unpaid_absence,
        max(
            case
                when absences.absence_type in ('sick_leave', 'annual_leave', 'family_leave', 'other') then 1
                else 0
            end
        ) as has_non_work_absence,
        max(case when absences.absence_type = 'sick_leave' then 1 else 0 end) as has_sick_leave,
        max(case when absences.absence_type = 'training' then 1 else 0 end) as has_training
    from absences
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on calendar.calendar_date between absences.first_day and absences.last_day
    group by
        absences.employment_id,
        calendar.calendar_date,
        calendar.month_start
)

select
    employment_id,
    calendar_date,
    month_start,
    has_unpaid_absence = 1 as is_unpaid_day,
    has_non_work_absence = 1 as is_non_work_day,
    has_sick_leave = 1 as is_sick_day,
    has_training = 1 as is_training_day
from absence_days
