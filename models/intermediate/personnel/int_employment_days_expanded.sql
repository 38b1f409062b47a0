{#-
  Palvelussuhdepäivät — one row per calendar day of each employment (both
  payroll systems merged in stg_hr__employments) with the day's status.

  - Days employed: start_date .. end_date inclusive; an open end runs to the
    end of the county's reporting periods. Days are clipped to the county's
    personnel window (int_personnel_windows_derived: every day of its
    reporting periods — whole years — from the first month of its HR data),
    so that the HTV of a quarter or year counts all its calendar days ("paid
    calendar days in the period"), also those outside the months with other
    data. The county is the employment's cost centre's county (employments
    of an unknown cost centre use the span of all counties' windows).
  - A day is covered by the absences (stg_hr__absences, both systems) whose
    start_date <= day <= end_date. Every calendar day of an employment is one
    row, however many absences cover it: absences with different ids from
    the two payroll systems may overlap and each day counts once.
  - Unpaid day (choice): covered by an absence of type `unpaid_leave` or by
    any absence delivered with paid = false (e.g. unpaid family leave). Paid
    day = employed and not unpaid.
  - Worked day: paid day not covered by `sick_leave`, `annual_leave`,
    `family_leave` or `other` (training is work).
  - Sick day / training day: covered by a sick_leave / training absence,
    paid or not (calendar days of that absence within the employment).
  - HTV of the day = work_time_pct / 100 / days in the day's year (365/366);
    htv_paid and htv_worked are that for paid / worked days, else 0.
-#}
with employments as (
    select
        employments.employment_id,
        employments.employee_pseudonym,
        employments.cost_center,
        cost_centers.county_code,
        employments.occupation_code,
        employments.employment_type,
        employments.start_date,
        employments.end_date,
        employments.end_reason,
        cast(employments.work_time_pct as double) as work_time_pct
    from {{ ref('stg_hr__employments') }} as employments
    left join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on employments.cost_center = cost_centers.cost_center
),

county_windows as (
    select
        county_code,
        window_start,
        window_end
    from {{ ref('int_personnel_windows_derived') }}
),

overall_window as (
    select
        min(window_start) as window_start,
        max(window_end) as window_end
    from county_windows
),

windowed as (
    select
        employments.*,
        coalesce(county_windows.window_start, overall_window.window_start) as window_start,
        coalesce(county_windows.window_end, overall_window.window_end) as window_end
    from employments
    cross join overall_window
    left join county_windows
        on employments.county_code = county_windows.county_code
),

clipped as (
    select
        *,
        case when start_date > window_start then start_date else window_start end as first_day,
        case
            when end_date is not null and end_date < window_end then end_date
            else window_end
        end as last_day
    from windowed
),

employment_days as (
    select
        clipped.employment_id,
        clipped.employee_pseudonym,
        clipped.cost_center,
        clipped.county_code,
        clipped.occupation_code,
        clipped.employment_type,
        clipped.start_date,
        clipped.end_date,
        clipped.end_reason,
        clipped.work_time_pct,
        calendar.calendar_date,
        calendar.month_start,
        calendar.year_start
    from clipped
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on calendar.calendar_date between clipped.first_day and clipped.last_day
),

absence_days as (
    select
        absences.employment_id,
        calendar.calendar_date,
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
    from {{ ref('stg_hr__absences') }} as absences
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on calendar.calendar_date between absences.start_date and absences.end_date
    group by
        absences.employment_id,
        calendar.calendar_date
),

flagged as (
    select
        employment_days.*,
        {{ dbt.datediff('employment_days.year_start', tietopohja.add_months('employment_days.year_start', 12), 'day') }}
            as days_in_year,
        coalesce(absence_days.has_unpaid_absence, 0) = 0 as is_paid_day,
        (
            coalesce(absence_days.has_unpaid_absence, 0) = 0
            and coalesce(absence_days.has_non_work_absence, 0) = 0
        ) as is_worked_day,
        coalesce(absence_days.has_sick_leave, 0) = 1 as is_sick_day,
        coalesce(absence_days.has_training, 0) = 1 as is_training_day
    from employment_days
    left join absence_days
        on
            employment_days.employment_id = absence_days.employment_id
            and employment_days.calendar_date = absence_days.calendar_date
)

select
    employment_id,
    calendar_date,
    month_start,
    employee_pseudonym,
    county_code,
    cost_center,
    occupation_code,
    employment_type,
    start_date,
    end_date,
    end_reason,
    work_time_pct,
    days_in_year,
    is_paid_day,
    is_worked_day,
    is_sick_day,
    is_training_day,
    case when is_paid_day then work_time_pct / 100.0 / days_in_year else 0.0 end as htv_paid,
    case when is_worked_day then work_time_pct / 100.0 / days_in_year else 0.0 end as htv_worked
from flagged
