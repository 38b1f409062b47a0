{#-
  Palvelussuhteet kuukausittain — one row per employment and calendar month
  with its days and HTV (henkilötyövuosi).

  HTV is computed per day (work_time_pct / 100 / days in the year) and
  summed: within a month every day has the same HTV weight, so the month's
  paid HTV = paid days × work_time_pct / 100 / days in the year (365/366),
  and quarters and years are sums of months (months sum to the year).
  Worked HTV likewise from worked days. See int_employment_days_expanded
  for which days are paid and worked.
-#}
with monthly as (
    select
        employment_id,
        month_start,
        max(employee_pseudonym) as employee_pseudonym,
        max(county_code) as county_code,
        max(cost_center) as cost_center,
        max(occupation_code) as occupation_code,
        max(employment_type) as employment_type,
        max(work_time_pct) as work_time_pct,
        max(days_in_year) as days_in_year,
        count(*) as employed_days,
        sum(case when is_paid_day then 1 else 0 end) as paid_days,
        sum(case when is_worked_day then 1 else 0 end) as worked_days,
        sum(case when is_sick_day then 1 else 0 end) as sick_days,
        sum(case when is_training_day then 1 else 0 end) as training_days
    from {{ ref('int_employment_days_expanded') }}
    group by
        employment_id,
        month_start
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
