{#-
  Asukasluku raportointijaksoittain — per county and reporting period
  (int_reporting_periods), the county's year-end residents: the latest
  year-end on or before the period's last day ("for a month, the latest
  year-end population"; a year gets its own year-end). A period before the
  first delivered year-end has no row. stat_date says which year-end.
-#}
with county_residents as (
    select
        county_code,
        stat_date,
        sum(residents) as residents
    from {{ ref('int_county_residents_year_end') }}
    group by county_code, stat_date
),

latest_year_end as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        max(county_residents.stat_date) as stat_date
    from {{ ref('int_reporting_periods') }} as periods
    inner join county_residents
        on
            periods.county_code = county_residents.county_code
            and periods.period_end >= county_residents.stat_date
    group by periods.county_code, periods.period_grain, periods.period_start
),

final as (
    select
        latest_year_end.county_code,
        latest_year_end.period_grain,
        latest_year_end.period_start,
        county_residents.residents,
        latest_year_end.stat_date
    from latest_year_end
    inner join county_residents
        on
            latest_year_end.county_code = county_residents.county_code
            and latest_year_end.stat_date = county_residents.stat_date
)

select
    county_code,
    period_grain,
    period_start,
    stat_date,
    residents
from final
