{#-
  Toiminnan aikaväli — per county, the first and last month in which it has
  a ledger posting (by accounting period; the county of the posting's cost
  centre) or any client event (a contact, visit, referral, ward episode or
  social case on any of its dates, or a day of a service period; see
  int_client_events_mapped). It bounds the county's reporting periods
  (int_reporting_periods) and makes the generated calendar
  (int_calendar_days_generated) reach back to the earliest data, however
  old: the contract sets no lower bound on dates.
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
)

select
    county_code,
    cast({{ dbt.date_trunc('month', 'min(first_date)') }} as date) as first_month,
    cast({{ dbt.date_trunc('month', 'max(last_date)') }} as date) as last_month
from activity
where county_code is not null
group by county_code
