{#-
  Asukkaat raportointijaksoittain — the year-end residents that apply to
  every reporting period of a county (int_reporting_periods): the rows of
  int_residents_classified at the period's population statistics date, the
  latest year end (stat_date) of the county's residents on or before the
  period's last day ("year-end residents of the county; latest year-end
  for months and quarters"). A year uses its own year end; the months of
  2024 use 31.12.2023 until December 2024, whose last day is the year end
  2024. A period before the first delivered year end uses that first year
  end (the nearest population there is; spec silent — a county that
  delivers only 31.12.2024 still gets residents for the months of 2024).
  One row per period and resident group (municipality, sex, age); the one
  place where a period gets its population, for every per-1,000 rate and
  resident count.
-#}
with county_stat_dates as (
    select distinct
        county_code,
        stat_date
    from {{ ref('int_residents_classified') }}
    where county_code is not null
),

candidates as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        county_stat_dates.stat_date,
        row_number() over (
            partition by periods.county_code, periods.period_grain, periods.period_start
            order by
                case when county_stat_dates.stat_date <= periods.period_end then 0 else 1 end,
                case when county_stat_dates.stat_date <= periods.period_end then county_stat_dates.stat_date end desc,
                county_stat_dates.stat_date asc
        ) as stat_rank
    from {{ ref('int_reporting_periods') }} as periods
    inner join county_stat_dates
        on periods.county_code = county_stat_dates.county_code
),

stat_dated_periods as (
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        stat_date
    from candidates
    where stat_rank = 1
)

select
    periods.county_code,
    periods.period_grain,
    periods.period_start,
    periods.period_end,
    periods.stat_date,
    residents.municipality_code,
    residents.sex,
    residents.age,
    residents.age_group,
    residents.dependency_band,
    residents.residents
from stat_dated_periods as periods
inner join {{ ref('int_residents_classified') }} as residents
    on
        periods.county_code = residents.county_code
        and periods.stat_date = residents.stat_date
