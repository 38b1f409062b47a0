{#-
  Raportointijaksot — the months, quarters and years every key figure is
  published for, per county: every period from the first to the last month
  of the union of the county's source groups' coverage (declared in
  delivery/coverage or derived from the data; int_source_coverage),
  periods without events included. Quarters and years are those that
  contain these months. It reads nothing but the coverage and the
  calendar (itself the coverage and the vars).

  stock_date: the day stock measures (open waits) are taken on, "at the
  period's last day" (minimum-data spec) — period_end, except for a quarter
  or year that runs past the end of the county's event data (data_end_month
  of tietopohja.county_coverage_span(): the last month of the ledger's and
  the client data's coverage): its last day inside the data
  (the end of that month), as a wait still open at the end of the data is
  measured there and not projected beyond it. A period wholly after the
  event data (inside the population's or the plan's coverage only) keeps
  period_end: its event measures are not_delivered.
-#}
with county_span as (
    {{ tietopohja.county_coverage_span() }}
),

months as (
    select distinct
        county_span.county_code,
        cast({{ dbt.last_day('county_span.data_end_month', 'month') }} as date) as data_end,
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
    case
        when period_end > data_end and period_start <= data_end then data_end
        else period_end
    end as stock_date
from periods
