{#-
  Invariant: per county, cost centre and year, the paid and worked HTV of
  the year (int_personnel_periods_aggregated, year grain, its cost-centre
  rows with any HTV: the rows are dense over the periods) equal the sum of
  the months of int_cost_center_htv_monthly and the HTV computed directly
  per calendar year, without months: the days of the employment's counted
  span (int_employment_spans_clipped) in the year, less its unpaid (for
  worked: unpaid or not worked) days of int_employment_absence_days_flagged
  in the year, × work_time_pct / 100 / days in the year; to a relative 1e-9
  (sums in another order differ in the last bits of a double). Cost
  centre-years with no HTV on either side are left out.
  Returns the rows that differ.
-#}
with yearly as (
    select
        county_code,
        cost_center,
        period_start as year_start,
        sum(htv_paid) as htv_paid,
        sum(htv_worked) as htv_worked
    from {{ ref('int_personnel_periods_aggregated') }}
    where period_grain = 'year' and breakdown = 'organisation'
    group by
        county_code,
        cost_center,
        period_start
    having sum(htv_paid) <> 0 or sum(htv_worked) <> 0
),

monthly as (
    select
        county_code,
        cost_center,
        cast({{ dbt.date_trunc('year', 'month_start') }} as date) as year_start,
        sum(htv_paid) as htv_paid,
        sum(htv_worked) as htv_worked
    from {{ ref('int_cost_center_htv_monthly') }}
    where county_code is not null
    group by
        county_code,
        cost_center,
        cast({{ dbt.date_trunc('year', 'month_start') }} as date)
    having sum(htv_paid) <> 0 or sum(htv_worked) <> 0
),

years as (
    select
        year_start,
        cast({{ dbt.last_day('year_start', 'year') }} as date) as year_end,
        {{ dbt.datediff('year_start', tietopohja.add_months('year_start', 12), 'day') }}
            as days_in_year
    from {{ ref('int_calendar_days_generated') }}
    where calendar_date = year_start
),

absence_years as (
    select
        employment_id,
        cast({{ dbt.date_trunc('year', 'calendar_date') }} as date) as year_start,
        sum(case when is_unpaid_day then 1 else 0 end) as unpaid_days,
        sum(case when is_unpaid_day or is_non_work_day then 1 else 0 end) as not_worked_days
    from {{ ref('int_employment_absence_days_flagged') }}
    group by
        employment_id,
        cast({{ dbt.date_trunc('year', 'calendar_date') }} as date)
),

employment_years as (
    select
        spans.employment_id,
        spans.county_code,
        spans.cost_center,
        spans.work_time_pct,
        years.year_start,
        years.days_in_year,
        {{ dbt.datediff(
            tietopohja.greatest_of_dates(['spans.first_day', 'years.year_start']),
            tietopohja.least_of_dates(['spans.last_day', 'years.year_end']),
            'day'
        ) }} + 1 as employed_days
    from {{ ref('int_employment_spans_clipped') }} as spans
    inner join years
        on
            spans.last_day >= years.year_start
            and spans.first_day <= years.year_end
    where spans.county_code is not null
),

year_direct as (
    select
        employment_years.county_code,
        employment_years.cost_center,
        employment_years.year_start,
        sum(
            (employment_years.employed_days - coalesce(absence_years.unpaid_days, 0))
            * employment_years.work_time_pct / 100.0 / employment_years.days_in_year
        ) as htv_paid,
        sum(
            (employment_years.employed_days - coalesce(absence_years.not_worked_days, 0))
            * employment_years.work_time_pct / 100.0 / employment_years.days_in_year
        ) as htv_worked
    from employment_years
    left join absence_years
        on
            employment_years.employment_id = absence_years.employment_id
            and employment_years.year_start = absence_years.year_start
    group by
        employment_years.county_code,
        employment_years.cost_center,
        employment_years.year_start
)

select
    coalesce(yearly.county_code, monthly.county_code) as county_code,
    coalesce(yearly.cost_center, monthly.cost_center) as cost_center,
    coalesce(yearly.year_start, monthly.year_start) as year_start,
    yearly.htv_paid as yearly_htv_paid,
    monthly.htv_paid as monthly_htv_paid,
    year_direct.htv_paid as yearly_direct_htv_paid
from yearly
full outer join monthly
    on
        {{ tietopohja.keys_match('yearly', 'monthly', ['county_code', 'cost_center', 'year_start']) }}
left join year_direct
    on
        coalesce(yearly.county_code, monthly.county_code) = year_direct.county_code
        and coalesce(yearly.cost_center, monthly.cost_center) = year_direct.cost_center
        and coalesce(yearly.year_start, monthly.year_start) = year_direct.year_start
where
    yearly.htv_paid is null
    or monthly.htv_paid is null
    or year_direct.htv_paid is null
    or abs(yearly.htv_paid - monthly.htv_paid) > 1e-9 * greatest(1, abs(yearly.htv_paid))
    or abs(yearly.htv_worked - monthly.htv_worked) > 1e-9 * greatest(1, abs(yearly.htv_worked))
    or abs(yearly.htv_paid - year_direct.htv_paid) > 1e-9 * greatest(1, abs(yearly.htv_paid))
    or abs(yearly.htv_worked - year_direct.htv_worked) > 1e-9 * greatest(1, abs(yearly.htv_worked))
