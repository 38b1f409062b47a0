{#-
  Henkilöstö raportointijaksoittain — additive personnel quantities per
  county, reporting period (month, quarter, year of int_reporting_periods),
  cost centre and occupation. Every column is a sum, so any breakdown
  (organisation hierarchy, service, whole county) is a sum of these rows and
  the rates are computed from the sums (macros/personnel/personnel_rates.sql).

  - HTV: sums of the employment months in the period (months sum to
    quarters and years).
  - Headcount (choice): employments active on the period's first / last day
    (a person with two concurrent employments counts twice: the turnover
    numerator counts employments too, and the counts add up across the
    organisation). Active = employed that day, absent or not: the day is in
    the employment's counted span (int_employment_spans_clipped: first_day
    <= day <= last_day). The window (int_personnel_windows_derived) covers
    every day of the reporting periods, so these are the period's own first
    and last day; only where the var personnel_first_month cuts a quarter or
    year does its first day inside the window stand for its start (periods
    wholly before it have no rows).
  - Permanent leavers: permanent employments whose last day (end_date) is in
    the period and in the counted span, with end_reason resignation,
    retirement or dismissal. Internal transfers, end of fixed term and
    `other` are not turnover.
  - Sick and training days: calendar days of the employments covered by a
    sick_leave / training absence, each day once.
-#}
with reporting_periods as (
    select
        county_code,
        period_grain,
        period_start,
        period_end
    from {{ ref('int_reporting_periods') }}
),

county_windows as (
    select
        county_code,
        window_start,
        window_end
    from {{ ref('int_personnel_windows_derived') }}
),

periods as (
    select
        reporting_periods.county_code,
        reporting_periods.period_grain,
        reporting_periods.period_start,
        reporting_periods.period_end,
        case
            when reporting_periods.period_start < county_windows.window_start then county_windows.window_start
            else reporting_periods.period_start
        end as stock_start_date,
        case
            when reporting_periods.period_end > county_windows.window_end then county_windows.window_end
            else reporting_periods.period_end
        end as stock_end_date
    from reporting_periods
    inner join county_windows
        on
            reporting_periods.county_code = county_windows.county_code
            and reporting_periods.period_end >= county_windows.window_start
            and reporting_periods.period_start <= county_windows.window_end
),

htv as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        months.cost_center,
        months.occupation_code,
        months.htv_paid,
        case when months.employment_type = 'permanent' then months.htv_paid else 0.0 end as htv_paid_permanent,
        case when months.employment_type = 'fixed_term' then months.htv_paid else 0.0 end as htv_paid_fixed_term,
        months.htv_worked,
        case when months.employment_type = 'permanent' then months.htv_worked else 0.0 end as htv_worked_permanent,
        case when months.employment_type = 'fixed_term' then months.htv_worked else 0.0 end as htv_worked_fixed_term,
        0 as headcount_start,
        0 as headcount_end,
        0 as permanent_headcount_start,
        0 as permanent_headcount_end,
        0 as permanent_leavers,
        months.sick_days,
        months.training_days
    from {{ ref('int_employment_months_aggregated') }} as months
    inner join periods
        on {{ tietopohja.in_period('months') }}
),

stock_and_leavers as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        spans.cost_center,
        spans.occupation_code,
        0.0 as htv_paid,
        0.0 as htv_paid_permanent,
        0.0 as htv_paid_fixed_term,
        0.0 as htv_worked,
        0.0 as htv_worked_permanent,
        0.0 as htv_worked_fixed_term,
        case
            when periods.stock_start_date between spans.first_day and spans.last_day then 1 else 0
        end as headcount_start,
        case
            when periods.stock_end_date between spans.first_day and spans.last_day then 1 else 0
        end as headcount_end,
        case
            when
                periods.stock_start_date between spans.first_day and spans.last_day
                and spans.employment_type = 'permanent'
                then 1
            else 0
        end as permanent_headcount_start,
        case
            when
                periods.stock_end_date between spans.first_day and spans.last_day
                and spans.employment_type = 'permanent'
                then 1
            else 0
        end as permanent_headcount_end,
        case
            when
                spans.end_date between spans.first_day and spans.last_day
                and spans.end_date between periods.period_start and periods.period_end
                and spans.employment_type = 'permanent'
                and spans.end_reason in ('resignation', 'retirement', 'dismissal')
                then 1
            else 0
        end as permanent_leavers,
        0 as sick_days,
        0 as training_days
    from {{ ref('int_employment_spans_clipped') }} as spans
    inner join periods
        on
            spans.county_code = periods.county_code
            and spans.first_day <= periods.period_end
            and spans.last_day >= periods.period_start
    where
        periods.stock_start_date between spans.first_day and spans.last_day
        or periods.stock_end_date between spans.first_day and spans.last_day
        or (
            spans.end_date between spans.first_day and spans.last_day
            and spans.end_date between periods.period_start and periods.period_end
        )
),

unioned as (
    select * from htv
    union all
    select * from stock_and_leavers
)

select
    county_code,
    period_grain,
    period_start,
    cost_center,
    occupation_code,
    cast(sum(htv_paid) as double) as htv_paid,
    cast(sum(htv_paid_permanent) as double) as htv_paid_permanent,
    cast(sum(htv_paid_fixed_term) as double) as htv_paid_fixed_term,
    cast(sum(htv_worked) as double) as htv_worked,
    cast(sum(htv_worked_permanent) as double) as htv_worked_permanent,
    cast(sum(htv_worked_fixed_term) as double) as htv_worked_fixed_term,
    cast(sum(headcount_start) as bigint) as headcount_start,
    cast(sum(headcount_end) as bigint) as headcount_end,
    cast(sum(permanent_headcount_start) as bigint) as permanent_headcount_start,
    cast(sum(permanent_headcount_end) as bigint) as permanent_headcount_end,
    cast(sum(permanent_leavers) as bigint) as permanent_leavers,
    cast(sum(sick_days) as bigint) as sick_days,
    cast(sum(training_days) as bigint) as training_days
from unioned
group by
    county_code,
    period_grain,
    period_start,
    cost_center,
    occupation_code
