{#-
  Asukkaat raportointijaksoittain — the year-end residents that apply to
  every reporting period: the rows of int_residents_classified at the
  statistics date int_reporting_periods_stat_dated gives the period (the
  latest year-end on or before the period's last day; before the first
  delivered year-end, that first one). One row per period and resident
  group (municipality, sex, age); the one place where a period gets its
  population, for every per-1,000 rate and resident count.
-#}
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
from {{ ref('int_reporting_periods_stat_dated') }} as periods
inner join {{ ref('int_residents_classified') }} as residents
    on
        periods.county_code = residents.county_code
        and periods.stat_date = residents.stat_date
