{#-
  Palvelussuhteet kuukausittain — one row per employment and calendar month
  with its days and HTV (henkilötyövuosi).

  - Employed days: the overlap of the employment's counted span
    (int_employment_spans_clipped: start_date .. end_date inclusive, clipped
    to the county's personnel window) with the calendar month; a month
    without such a day has no row.
  - Paid days = employed days − unpaid days; worked days = employed days −
    days that are unpaid or not worked (sick, annual, family or other
    leave; training is work); sick and training days. These come from the
    absence days (int_employment_absence_days_flagged: each day once,
    however many absences of either payroll system cover it), see there
    for which days are unpaid and not worked.
  - HTV of a day = work_time_pct / 100 / days in the day's year (365/366):
    within a month every day has the same HTV weight, so the month's paid
    HTV = paid days × work_time_pct / 100 / days in the year, and quarters
    and years are sums of months (months sum to the year). Worked HTV
    likewise from worked days.
-#}
with spans as (
    select
        employment_id,
        employee_pseudonym,
        county_code,
        cost_center,
        occupation_code,
        employment_type,
        work_time_pct,
        first_day,
        last_day
    from {{ ref('int_employment_spans_clipped') }}
),

months as (
    select
        month_start,
        cast({{ dbt.last_day('month_start', 'month') }} as date) as month_end,
        {{ dbt.datediff('year_start', tietopohja.add_months('year_start', 12), 'day') }}
            as days_in_year
    from {{ ref('int_calendar_days_generated') }}
    where calendar_date = month_start
),

employment_months as (
    select
        spans.employment_id,
        months.month_start,
        spans.employee_pseudonym,
        spans.county_code,
        spans.cost_center,
        spans.occupation_code,
        spans.employment_type,
        spans.work_time_pct,
        months.days_in_year,
        {{ dbt.datediff(
            tietopohja.greatest_of_dates(['spans.first_day', 'months.month_start']),
            tietopohja.least_of_dates(['spans.last_day', 'months.month_end']),
            'day'
        ) }} + 1 as employed_days
    from spans
    inner join months
        on
            spans.last_day >= months.month_start
            and spans.first_day <= months.month_end
),

absence_months as (
    select
        employment_id,
        month_start,
        sum(case when is_unpaid_day then 1 else 0 end) as unpaid_days,
        sum(case when is_unpaid_day or is_non_work_day then 1 else 0 end) as not_worked_days,
        sum(case when is_sick_day then 1 else 0 end) as sick_days,
        sum(case when is_training_day then 1 else 0 end) as training_days
    from {{ ref('int_employment_absence_days_flagged') }}
    group by
        employment_id,
        month_start
),

monthly as (
    select
        employment_months.*,
        employment_months.employed_days - coalesce(absence_months.unpaid_days, 0) as paid_days,
        employment_months.employed_days - coalesce(absence_months.not_worked_days, 0) as worked_days,
        coalesce(absence_months.sick_days, 0) as sick_days,
        coalesce(absence_months.training_days, 0) as training_days
    from employment_months
    left join absence_months
        on
            employment_months.employment_id = absence_months.employment_id
            and employment_months.month_start = absence_months.month_start
)

select
    employment_id,
    month_start,
    employee_pseudonym,
    county_code,
    cost_center,
    occupation_code,
    employment_type,
    work_time_pct,
    days_in_year,
    cast(employed_days as bigint) as employed_days,
    cast(paid_days as bigint) as paid_days,
    cast(worked_days as bigint) as worked_days,
    cast(sick_days as bigint) as sick_days,
    cast(training_days as bigint) as training_days,
    paid_days * work_time_pct / 100.0 / days_in_year as htv_paid,
    worked_days * work_time_pct / 100.0 / days_in_year as htv_worked
from monthly
