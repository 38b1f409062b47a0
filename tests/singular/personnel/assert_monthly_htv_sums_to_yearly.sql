{#-
  Invariant: per county, cost centre and year, the paid and worked HTV of
  the year (int_personnel_periods_aggregated, year grain) equal the sum of
  the months of int_cost_center_htv_monthly and the sum of the day-level
  HTV of int_employment_days_expanded, to a relative 1e-9 (sums of millions
  of day fractions in another order differ in the last bits of a double).
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
    where period_grain = 'year'
    group by
        county_code,
        cost_center,
        period_start
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
),

daily as (
    select
        county_code,
        cost_center,
        cast({{ dbt.date_trunc('year', 'calendar_date') }} as date) as year_start,
        sum(htv_paid) as htv_paid,
        sum(htv_worked) as htv_worked
    from {{ ref('int_employment_days_expanded') }}
    where county_code is not null
    group by
        county_code,
        cost_center,
        cast({{ dbt.date_trunc('year', 'calendar_date') }} as date)
)

select
    coalesce(yearly.county_code, monthly.county_code) as county_code,
    coalesce(yearly.cost_center, monthly.cost_center) as cost_center,
    coalesce(yearly.year_start, monthly.year_start) as year_start,
    yearly.htv_paid as yearly_htv_paid,
    monthly.htv_paid as monthly_htv_paid,
    daily.htv_paid as daily_htv_paid
from yearly
full outer join monthly
    on
        {{ tietopohja.keys_match('yearly', 'monthly', ['county_code', 'cost_center', 'year_start']) }}
left join daily
    on
        coalesce(yearly.county_code, monthly.county_code) = daily.county_code
        and coalesce(yearly.cost_center, monthly.cost_center) = daily.cost_center
        and coalesce(yearly.year_start, monthly.year_start) = daily.year_start
where
    yearly.htv_paid is null
    or monthly.htv_paid is null
    or daily.htv_paid is null
    or abs(yearly.htv_paid - monthly.htv_paid) > 1e-9 * greatest(1, abs(yearly.htv_paid))
    or abs(yearly.htv_worked - monthly.htv_worked) > 1e-9 * greatest(1, abs(yearly.htv_worked))
    or abs(yearly.htv_paid - daily.htv_paid) > 1e-9 * greatest(1, abs(yearly.htv_paid))
    or abs(yearly.htv_worked - daily.htv_worked) > 1e-9 * greatest(1, abs(yearly.htv_worked))
