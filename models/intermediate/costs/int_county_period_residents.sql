{#-
  Asukasluku raportointijaksoittain — per county and reporting period the
  county's year-end residents: int_residents_periodized summed, at the
  population statistics date int_reporting_periods_stat_dated assigns to
  the period (the latest year-end on or before the period's last day; "for
  a month, the latest year-end population"; before the first delivered
  year-end, that first one). stat_date says which year-end.
-#}
select
    county_code,
    period_grain,
    period_start,
    stat_date,
    cast(sum(residents) as {{ dbt.type_bigint() }}) as residents
from {{ ref('int_residents_periodized') }}
group by county_code, period_grain, period_start, stat_date
