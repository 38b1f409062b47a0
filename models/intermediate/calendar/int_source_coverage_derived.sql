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
  - patient: contacts, visits, referrals — the start and the end of each —
    and inpatient episodes (stocks, below; int_client_events_mapped and its
    county);
  - social: social cases — start and end — and service periods (stocks,
    below);
  - personnel: employments of both payroll layouts (stocks, below) and
    absences — start and end (county of the employment's cost centre);
  - staffing: hr/work_hours, one per row on its work date (county of the
    unit's cost centre);
  - population: population/residents, by year-end (below).

  The rule for the event groups: the months with activity dates fall into
  stretches — months at most 12 months apart (a gap of a whole year without
  any activity separates two stretches) — and the coverage runs from the first
  to the last month of the stretch that holds the most activity dates (on a
  tie the latest). A stock record — a social service period, an inpatient
  episode, an employment — counts by its end (and its absences), not by its
  start: an extract delivers every record open during its window however
  long before it began, while a record that ended before the window is not
  in it. (Only a group whose every date is such a start — a delivery of
  open records only — goes by the starts.) So the rows an extract drags
  along from before its window — a service period opened years earlier, an
  employment begun in 2009, one stray old contact — do not stretch the
  coverage, while every month of a continuous delivery counts, however few
  rows it holds.

  population: a year-end 31.12.Y is the population of December Y and the
  population in force until the next year-end: the coverage runs from the
  month of the first year-end to that of the last one, and after it as far
  as the other groups' data reach (at most to the following December).
-#}
{%- set cutoff = tietopohja.future_date_cutoff() -%}
{#- months between two activity months that still belong to one stretch of data -#}
{%- set max_gap = 12 -%}

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

activity_months as (
    {#- the activity dates counted by month: the rules below read months, so
        the ~21 M dates of a 550,000 county are grouped once and the window
        and both passes read a row per month -#}
    select
        county_code,
        source_group,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month_start,
        is_stock_start,
        count(*) as activity_count
    from activity
    where
        county_code is not null
        and activity_date is not null
        and activity_date <= {{ cutoff }}
    group by
        county_code,
        source_group,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date),
        is_stock_start
),

dated as (
    {#- a stock record's start counts only in a group that has nothing else
        to go by (a delivery of open records only) -#}
    select
        county_code,
        source_group,
        month_start,
        is_stock_start,
        activity_count,
        min(case when is_stock_start then 1 else 0 end) over (
            partition by county_code, source_group
        ) = 1 as has_only_stock_starts
    from activity_months
),

{#- two passes: first without the starts of stock records; then with
    those of them that lie inside the county's event data (from the first
    month of the first pass's coverage of any group) -#}
{%- for pass_name in ['events', 'all'] %}
monthly_{{ pass_name }} as (
    select
        dated.county_code,
        dated.source_group,
        dated.month_start,
        sum(dated.activity_count) as activity_count
    {%- if pass_name == 'all' %}
    from dated
    left join event_start
        on dated.county_code = event_start.county_code
    {%- else %}
    from dated
    {%- endif %}
    where
        not dated.is_stock_start
        or dated.has_only_stock_starts
        {%- if pass_name == 'all' %}
        or dated.month_start >= event_start.first_month
        {%- endif %}
    group by
        dated.county_code,
        dated.source_group,
        dated.month_start
),

numbered_{{ pass_name }} as (
    select
        county_code,
        source_group,
        month_start,
        activity_count,
        {{ tietopohja.month_number('month_start') }} as month_number
    from monthly_{{ pass_name }}
),

gaps_{{ pass_name }} as (
    select
        county_code,
        source_group,
        month_start,
        activity_count,
        case
            when
                month_number - lag(month_number) over (
                    partition by county_code, source_group order by month_start
                ) <= {{ max_gap }}
                then 0
            else 1
        end as starts_cluster
    from numbered_{{ pass_name }}
),

clustered_{{ pass_name }} as (
    select
        county_code,
        source_group,
        month_start,
        activity_count,
        sum(starts_cluster) over (
            partition by county_code, source_group
            order by month_start
            rows between unbounded preceding and current row
        ) as cluster_number
    from gaps_{{ pass_name }}
),

clusters_{{ pass_name }} as (
    select
        county_code,
        source_group,
        cluster_number,
        min(month_start) as first_month,
        max(month_start) as last_month,
        sum(activity_count) as cluster_count
    from clustered_{{ pass_name }}
    group by county_code, source_group, cluster_number
),

ranked_clusters_{{ pass_name }} as (
    select
        county_code,
        source_group,
        first_month,
        last_month,
        row_number() over (
            partition by county_code, source_group
            order by cluster_count desc, last_month desc
        ) as cluster_rank
    from clusters_{{ pass_name }}
),

event_coverage_{{ pass_name }} as (
    {#- the stretch holding the most activity dates (on a tie the latest) -#}
    select
        county_code,
        source_group,
        first_month,
        last_month
    from ranked_clusters_{{ pass_name }}
    where cluster_rank = 1
),
{%- if pass_name == 'events' %}

event_start as (
    select
        county_code,
        min(first_month) as first_month
    from event_coverage_events
    group by county_code
),
{%- endif %}
{% endfor %}

year_ends as (
    select
        county_code,
        cast({{ dbt.date_trunc('month', 'min(stat_date)') }} as date) as first_month,
        cast({{ dbt.date_trunc('month', 'max(stat_date)') }} as date) as last_month
    from {{ ref('int_county_residents_year_end') }}
    where stat_date <= {{ cutoff }}
    group by county_code
),

other_data_end as (
    select
        county_code,
        max(last_month) as last_month
    from event_coverage_all
    group by county_code
),

population_coverage as (
    {#- from the month of the first year-end to that of the last one, and on
        as far as the other data reach (at most the following December):
        the latest year-end is the population in force until the next -#}
    select
        year_ends.county_code,
        'population' as source_group,
        year_ends.first_month,
        case
            when other_data_end.last_month > year_ends.last_month
                then {{ tietopohja.least_of_dates([
                    'other_data_end.last_month', tietopohja.add_months('year_ends.last_month', 12)]) }}
            else year_ends.last_month
        end as last_month
    from year_ends
    left join other_data_end
        on year_ends.county_code = other_data_end.county_code
)

select
    county_code,
    source_group,
    first_month,
    last_month
from event_coverage_all
union all
select
    county_code,
    source_group,
    first_month,
    last_month
from population_coverage
