-- Every ward episode and service period has exactly as many day rows in
-- int_outputs_expanded as calendar days from its start (inclusive) to its
-- end (exclusive), capped at the end of the county's data (open end = to
-- the last day of the county's data_end_month, inclusive: the end of the
-- ledger's and the client data's coverage).
with data_end as (
    select
        county_code,
        cast({{ dbt.last_day('data_end_month', 'month') }} as date) as data_end_date
    from ({{ tietopohja.county_coverage_span() }}) as county_span
),

expected as (
    select
        events.event_type,
        events.event_id,
        greatest(
            0,
            {{ dbt.datediff(
                'events.event_date',
                'least(coalesce(events.event_end_date, ' ~ dbt.dateadd('day', 1, 'data_end.data_end_date') ~ '), '
                ~ dbt.dateadd('day', 1, 'data_end.data_end_date') ~ ')',
                'day') }}
        ) as expected_days
    from {{ ref('int_client_events_mapped') }} as events
    inner join data_end
        on events.county_code = data_end.county_code
    where events.event_type in ('inpatient_episode', 'service_period')
),

actual as (
    select
        event_type,
        event_id,
        count(*) as actual_days
    from {{ ref('int_outputs_expanded') }}
    where output_type in ('care_day', 'service_day')
    group by event_type, event_id
)

select
    expected.event_type,
    expected.event_id,
    expected.expected_days,
    coalesce(actual.actual_days, 0) as actual_days
from expected
left join actual
    on
        expected.event_type = actual.event_type
        and expected.event_id = actual.event_id
where expected.expected_days <> coalesce(actual.actual_days, 0)
