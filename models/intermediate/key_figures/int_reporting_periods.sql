{#-
  Raportointijaksot — the months, quarters and years every key figure is
  published for, per county: every period from the earliest to the latest
  month in which the county has a ledger posting (by accounting period) or
  any client event (a contact, visit, referral, ward episode or social case
  on any of its dates, or a day of a service period; see
  int_client_events_mapped), periods without events included. Quarters and
  years are those that contain these months. A ledger posting belongs to
  the county of its cost centre.

  stock_date: the day stock measures (open waits) are taken on, "at the
  period's last day" (minimum-data spec) — period_end, except for a quarter
  or year that runs past the county's last reporting month: its last day
  inside the data (the end of that month), as a wait still open at the end
  of the data is measured there and not projected beyond it.
-#}
with activity as (
    select
        county_code,
        min(first_activity_date) as first_date,
        max(last_activity_date) as last_date
    from {{ ref('int_client_events_mapped') }}
    group by county_code
    union all
    select
        cost_centers.county_code,
        min({{ tietopohja.period_to_date('ledger.period') }}) as first_date,
        max({{ tietopohja.period_to_date('ledger.period') }}) as last_date
    from {{ ref('stg_finance__gl_entries') }} as ledger
    inner join {{ ref('stg_finance__cost_centers') }} as cost_centers
        on ledger.cost_center = cost_centers.cost_center
    group by cost_centers.county_code
),

county_span as (
    select
        county_code,
        {{ dbt.date_trunc('month', 'min(first_date)') }} as first_month,
        {{ dbt.date_trunc('month', 'max(last_date)') }} as last_month
    from activity
    where county_code is not null
    group by county_code
),

months as (
    select distinct
        county_span.county_code,
        cast({{ dbt.last_day('county_span.last_month', 'month') }} as date) as data_end,
        calendar.month_start,
        calendar.quarter_start,
        calendar.year_start
    from county_span
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on calendar.month_start between county_span.first_month and county_span.last_month
),

periods as (
    select
        county_code,
        data_end,
        'month' as period_grain,
        month_start as period_start,
        cast({{ dbt.last_day('month_start', 'month') }} as date) as period_end
    from months
    union all
    select distinct
        county_code,
        data_end,
        'quarter' as period_grain,
        quarter_start as period_start,
        cast({{ dbt.last_day('quarter_start', 'quarter') }} as date) as period_end
    from months
    union all
    select distinct
        county_code,
        data_end,
        'year' as period_grain,
        year_start as period_start,
        cast({{ dbt.last_day('year_start', 'year') }} as date) as period_end
    from months
)

select
    county_code,
    period_grain,
    period_start,
    period_end,
    case when period_end > data_end then data_end else period_end end as stock_date
from periods
