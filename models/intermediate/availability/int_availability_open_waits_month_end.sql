{#-
  Avoimet odotukset kuukauden lopussa — every wait still open on the last
  day of a month, once per month end (a wait open across several month
  ends appears at each): how long it had waited by then and whether it was
  over its limit (minimum-data spec, calendar rules).

  - Open on day D: started on or before D and not ended (completed or left
    the queue) by D — a wait that ends on the last day of the month is no
    longer open at that month end (start ≤ D < end, like presence in care).
  - Month ends are those of the county's reporting months
    (int_reporting_periods); a quarter's or year's stock is the stock of its
    stock_date: its last month end, or for a quarter or year that runs past
    the data, the end of the county's last reporting month.
  - Over the limit at month end: the month end is after the wait's deadline.
-#}
with month_ends as (
    select
        county_code,
        period_start as month_start,
        period_end as month_end
    from {{ ref('int_reporting_periods') }}
    where period_grain = 'month'
),

open_waits as (
    select
        waits.*,
        month_ends.month_start,
        month_ends.month_end
    from {{ ref('int_availability_waits_measured') }} as waits
    inner join month_ends
        on
            waits.county_code = month_ends.county_code
            and waits.wait_start_date <= month_ends.month_end
            and (waits.closed_date is null or waits.closed_date > month_ends.month_end)
)

select
    open_waits.county_code,
    open_waits.month_start,
    open_waits.month_end,
    open_waits.rule,
    open_waits.applies_to,
    open_waits.event_type,
    open_waits.event_id,
    open_waits.is_governing,
    open_waits.person_pseudonym,
    open_waits.sex,
    open_waits.age_group,
    open_waits.home_municipality_code,
    open_waits.service_code,
    open_waits.segment,
    open_waits.limit_value,
    open_waits.limit_unit,
    open_waits.wait_start_date,
    open_waits.deadline_date,
    {{ dbt.datediff('open_waits.wait_start_date', 'open_waits.month_end', 'day') }} as waited_days,  -- noqa: LT05
    {{ tietopohja.business_days_between('start_day', 'month_end_day') }} as waited_business_days,
    case
        when open_waits.limit_unit = 'business_days'
            then {{ tietopohja.business_days_between('start_day', 'month_end_day') }}
        else {{ dbt.datediff('open_waits.wait_start_date', 'open_waits.month_end', 'day') }}  -- noqa: LT05
    end as waited_length,
    open_waits.month_end > open_waits.deadline_date as is_over_limit
from open_waits
{{ tietopohja.calendar_day_join('start_day', 'open_waits.wait_start_date') }}
{{ tietopohja.calendar_day_join('month_end_day', 'open_waits.month_end') }}
