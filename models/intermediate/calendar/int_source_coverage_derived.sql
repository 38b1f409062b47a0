{#-
  Lähteiden kattavuus johdettuna — per county and source group, the months
  the delivered data cover, derived from the data (minimum-data spec,
  "Coverage"): used where the delivery does not declare its extraction
  window in `delivery/coverage` (int_source_coverage).

  Source groups and their activity dates (each date counts once in the
  month it falls in; dates after the build day, var future_date_cutoff, do
  not count):
  - ledger: finance/gl_entries, one per posting in its accounting period
    (county of the posting's cost centre);
  - plan: finance/budget, one per plan or forecast row in its period;
  - patient: contacts, visits, referrals, inpatient episodes — the start and
    the end of each (int_client_events_mapped; its county);
  - social: social cases and service periods — the start and the end of
    each;
  - personnel: employments (both payroll layouts) — start and end — and
    absences — start and end (county of the employment's cost centre);
  - staffing: hr/work_hours, one per row on its work date (county of the
    unit's cost centre);
  - population: population/residents — a year-end 31.12.Y covers the twelve
    months of Y (from January of the first delivered year-end's year to
    December of the last one's).

  The rule for the event groups: a month counts as covered when it holds at
  least a third of the group's typical monthly count, where the typical count
  is the activity-weighted median of the monthly counts (the monthly count
  of the month that holds the middle activity date when the months are
  ordered by their count: half of the dates lie in months at least that
  busy). The coverage runs from the first to the last such month (months
  between them count as covered even if quiet). A stock record — a social
  service period, an inpatient episode, an employment — counts by its end
  (and its absences), not by its start: an extract delivers every record
  open during its window however long before it began, while a record that
  ended before the window is not in it. (Only a group whose every date is
  such a start — a delivery of open records only — goes by the starts.)
  So the rows an extract drags along from before its window — a service
  period opened years earlier, an employment begun in 2009, one stray old
  contact — sit in months far below the typical count and do not stretch
  the coverage, nor does a first or last month that the extract caught only
  a few days of; in a small delivery where every month holds a row or two,
  every month with a row counts.
-#}
{%- set cutoff = tietopohja.future_date_cutoff() -%}

with cost_centers as (
    select
        cost_center,
        county_code
    from {{ ref('stg_finance__cost_centers') }}
),

unit_counties as (
    select distinct
        unit_id,
        county_code
    from {{ ref('int_units_mapped') }}
    where county_code is not null
),

employments as (
    select
        employments.employment_id,
        employments.start_date,
        employments.end_date,
        cost_centers.county_code
    from {{ ref('stg_hr__employments') }} as employments
    inner join cost_centers
        on employments.cost_center = cost_centers.cost_center
),

activity as (
    select
        cost_centers.county_code,
        'ledger' as source_group,
        {{ tietopohja.period_to_date('ledger.period') }} as activity_date,
        false as is_stock_start
    from {{ ref('stg_finance__gl_entries') }} as ledger
    inner join cost_centers
        on ledger.cost_center = cost_centers.cost_center
    union all
    select
        cost_centers.county_code,
        'plan' as source_group,
        {{ tietopohja.period_to_date('plan.period') }} as activity_date,
        false as is_stock_start
    from {{ ref('stg_finance__budget') }} as plan
    inner join cost_centers
        on plan.cost_center = cost_centers.cost_center
    union all
    select
        county_code,
        case when event_type in ('social_case', 'service_period') then 'social' else 'patient' end as source_group,
        event_date as activity_date,
        event_type in ('service_period', 'inpatient_episode') as is_stock_start
    from {{ ref('int_client_events_mapped') }}
    union all
    select
        county_code,
        case when event_type in ('social_case', 'service_period') then 'social' else 'patient' end as source_group,
        event_end_date as activity_date,
        false as is_stock_start
    from {{ ref('int_client_events_mapped') }}
    where event_end_date is not null
    union all
    select
        county_code,
        'personnel' as source_group,
        start_date as activity_date,
        true as is_stock_start
    from employments
    union all
    select
        county_code,
        'personnel' as source_group,
        end_date as activity_date,
        false as is_stock_start
    from employments
    where end_date is not null
    union all
    select
        employments.county_code,
        'personnel' as source_group,
        absences.start_date as activity_date,
        false as is_stock_start
    from {{ ref('stg_hr__absences') }} as absences
    inner join employments
        on absences.employment_id = employments.employment_id
    union all
    select
        employments.county_code,
        'personnel' as source_group,
        absences.end_date as activity_date,
        false as is_stock_start
    from {{ ref('stg_hr__absences') }} as absences
    inner join employments
        on absences.employment_id = employments.employment_id
    where absences.end_date is not null
    union all
    select
        unit_counties.county_code,
        'staffing' as source_group,
        work_hours.work_date as activity_date,
        false as is_stock_start
    from {{ ref('stg_hr__work_hours') }} as work_hours
    inner join unit_counties
        on work_hours.unit_id = unit_counties.unit_id
),

dated as (
    {#- a stock record's start counts only in a group that has nothing else
        to go by (a delivery of open records only) -#}
    select
        county_code,
        source_group,
        activity_date,
        is_stock_start,
        min(case when is_stock_start then 1 else 0 end) over (
            partition by county_code, source_group
        ) = 1 as has_only_stock_starts
    from activity
    where
        county_code is not null
        and activity_date is not null
        and activity_date <= {{ cutoff }}
),

monthly as (
    select
        county_code,
        source_group,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month_start,
        count(*) as activity_count
    from dated
    where not is_stock_start or has_only_stock_starts
    group by
        county_code,
        source_group,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date)
),

ranked as (
    select
        county_code,
        source_group,
        month_start,
        activity_count,
        sum(activity_count) over (
            partition by county_code, source_group
            order by activity_count asc, month_start asc
            rows between unbounded preceding and current row
        ) as cumulative_count,
        sum(activity_count) over (partition by county_code, source_group) as total_count
    from monthly
),

typical as (
    {#- the activity-weighted median of the monthly counts: the first month,
        in order of its count, by which half of the dates are reached -#}
    select
        county_code,
        source_group,
        min(activity_count) as typical_count
    from ranked
    where 2 * cumulative_count >= total_count
    group by county_code, source_group
),

event_coverage as (
    select
        monthly.county_code,
        monthly.source_group,
        min(monthly.month_start) as first_month,
        max(monthly.month_start) as last_month
    from monthly
    inner join typical
        on
            monthly.county_code = typical.county_code
            and monthly.source_group = typical.source_group
    where 3 * monthly.activity_count >= typical.typical_count
    group by monthly.county_code, monthly.source_group
),

population_coverage as (
    select
        county_code,
        'population' as source_group,
        cast({{ dbt.date_trunc('year', 'min(stat_date)') }} as date) as first_month,
        cast({{ dbt.date_trunc('month', dbt.last_day('max(stat_date)', 'year')) }} as date) as last_month
    from {{ ref('int_county_residents_year_end') }}
    where stat_date <= {{ cutoff }}
    group by county_code
)

select
    county_code,
    source_group,
    first_month,
    last_month
from event_coverage
union all
select
    county_code,
    source_group,
    first_month,
    last_month
from population_coverage
