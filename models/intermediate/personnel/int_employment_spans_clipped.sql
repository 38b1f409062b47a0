{#-
  Palvelussuhdejaksot — one row per employment (both payroll systems merged
  in stg_hr__employments) with the span of days it is counted for: its
  first_day and last_day clipped to the county's personnel window.

  - Days employed: start_date .. end_date inclusive; an open end runs to the
    end of the county's reporting periods. Days are clipped to the county's
    personnel window (int_personnel_windows_derived: every day of its
    reporting periods — whole years — from the first month of its HR data),
    so that the HTV of a quarter or year counts all its calendar days ("paid
    calendar days in the period"), also those outside the months with other
    data. The county is the employment's cost centre's county (employments
    of an unknown cost centre use the span of all counties' windows).
  - An employment with no day inside the window has no row. Employed on a
    day d ⇔ first_day <= d <= last_day: the months
    (int_employment_months_aggregated) count the overlap of this span with
    each calendar month, the headcounts and leavers
    (int_personnel_periods_aggregated) test the span directly, and only the
    days covered by absences are expanded day by day
    (int_employment_absence_days_flagged).
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
        cast(employments.work_time_pct as {{ tietopohja.type_double() }}) as work_time_pct
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
)

select
    employment_id,
    employee_pseudonym,
    county_code,
    cost_center,
    occupation_code,
    employment_type,
    start_date,
    end_date,
    end_reason,
    work_time_pct,
    first_day,
    last_day
from clipped
where first_day <= last_day
