{#-
  Asukasluku raportointijaksoittain — per county and reporting period the
  county's year-end residents, at the population statistics date that
  int_reporting_periods_stat_dated assigns to the period (the latest
  year-end on or before the period's last day; "for a month, the latest
  year-end population"; before the first delivered year-end, that first
  one). stat_date says which year-end.
-#}
select
    periods.county_code,
    periods.period_grain,
    periods.period_start,
    periods.stat_date,
    cast(sum(residents.residents) as {{ dbt.type_bigint() }}) as residents
from {{ ref('int_reporting_periods_stat_dated') }} as periods
inner join {{ ref('int_residents_classified') }} as residents
    on
        periods.county_code = residents.county_code
        and periods.stat_date = residents.stat_date
group by periods.county_code, periods.period_grain, periods.period_start, periods.stat_date
