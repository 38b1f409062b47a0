{#-
  PLACEHOLDER (costs theme) — a stand-in for the personnel theme's
  `int_cost_center_htv_monthly`, with the same name and columns, so that the
  costs theme's allocation can be built and tested against the interface.
  The lead replaces this file (and _personnel__placeholder.yml) with the
  personnel theme's model when merging.

  Palkalliset henkilötyövuodet kustannuspaikoittain — per cost centre and
  month: days employed in the month × work_time_pct / 100 ÷ days in the
  year (365 or 366), from stg_hr__employments. Absences are ignored here
  (htv_worked = htv_paid); the personnel theme subtracts them.
-#}
with employment_days as (
    select
        employments.cost_center,
        calendar.month_start,
        calendar.calendar_year,
        employments.work_time_pct
    from {{ ref('stg_hr__employments') }} as employments
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on
            employments.start_date <= calendar.calendar_date
            and (employments.end_date is null or employments.end_date >= calendar.calendar_date)
),

year_lengths as (
    select
        calendar_year,
        count(*) as days_in_year
    from {{ ref('int_calendar_days_generated') }}
    group by calendar_year
)

select
    cost_centers.county_code,
    employment_days.cost_center,
    employment_days.month_start,
    cast(sum(employment_days.work_time_pct / 100.0 / year_lengths.days_in_year) as double) as htv_paid,
    cast(sum(employment_days.work_time_pct / 100.0 / year_lengths.days_in_year) as double) as htv_worked
from employment_days
inner join year_lengths
    on employment_days.calendar_year = year_lengths.calendar_year
left join {{ ref('stg_finance__cost_centers') }} as cost_centers
    on employment_days.cost_center = cost_centers.cost_center
group by
    cost_centers.county_code,
    employment_days.cost_center,
    employment_days.month_start
