{#-
  Every completed wait (governing rule row) is counted exactly once per grain
  in availability_waits_by_service (all-services rows): the sum of `waits`
  over a county's months, quarters and years equals the number of completed
  waits that ended inside the county's reporting periods; likewise for the
  waits that left the queue. Returns the county, rule and grain that differ.
-#}
with span as (
    select
        county_code,
        min(period_start) as first_day,
        max(period_end) as last_day
    from {{ ref('int_reporting_periods') }}
    group by county_code
),

expected as (
    select
        waits.county_code,
        waits.rule,
        sum(case when waits.wait_status = 'completed' then 1 else 0 end) as completed_waits,
        sum(case when waits.wait_status = 'left_queue' then 1 else 0 end) as left_queue_waits
    from {{ ref('int_availability_waits_measured') }} as waits
    inner join span
        on
            waits.county_code = span.county_code
            and waits.closed_date between span.first_day and span.last_day
    where waits.is_governing
    group by waits.county_code, waits.rule
),

reported as (
    select
        county_code,
        rule,
        period_grain,
        sum(waits) as completed_waits,
        sum(waits_left_queue) as left_queue_waits
    from {{ ref('availability_waits_by_service') }}
    where service_code is null
    group by county_code, rule, period_grain
)

select
    coalesce(expected.county_code, reported.county_code) as county_code,
    coalesce(expected.rule, reported.rule) as rule,
    reported.period_grain,
    expected.completed_waits as expected_completed,
    reported.completed_waits as reported_completed,
    expected.left_queue_waits as expected_left_queue,
    reported.left_queue_waits as reported_left_queue
from expected
full outer join reported
    on expected.county_code = reported.county_code and expected.rule = reported.rule
where
    -- a rule with no waits at all is reported as 0 and expected as nothing
    reported.completed_waits is null
    or coalesce(expected.completed_waits, 0) <> reported.completed_waits
    or coalesce(expected.left_queue_waits, 0) <> reported.left_queue_waits
