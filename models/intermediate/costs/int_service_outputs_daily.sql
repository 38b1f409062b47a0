{#-
  Palvelujen suoritteet päivittäin — the outputs of services (minimum-data
  "Outputs and clients"), one row per output and day:
  - `visit`: every visit (every contact type), on the visit date;
  - `care_day`: each day of a ward episode, start ≤ day < end;
  - `service_day`: each day of a social-care service period, start ≤ day < end.
  The discharge / end day is not counted; an open end runs to the last day
  of the county's latest reporting month ("the end of the data"). An episode
  or period that ends on its start day has no day; it still gets one row
  with output_count 0 on its start date, so that its client counts as a
  client of the month (the episode is an output).
  The segment of a `by_age` service follows the client's age on the day
  (seeds/rules/segment_age_bands.csv); otherwise the service's fixed segment.
  unit_municipality_code is the municipality of the unit (the row of
  int_units_mapped of the event's unit and cost centre, latest valid_from).
  Contacts, referrals and social cases are waits, not outputs.
-#}
{{ config(materialized='table') }}

with outputs as (
    select *
    from {{ ref('int_client_events_mapped') }}
    where is_output
),

data_end as (
    select
        county_code,
        max(period_end) as last_day
    from {{ ref('int_reporting_periods') }}
    where period_grain = 'month'
    group by county_code
),

unit_municipalities as (
    select
        unit_id,
        cost_center,
        municipality_code,
        row_number() over (
            partition by unit_id, cost_center order by valid_from desc nulls last
        ) as row_rank
    from {{ ref('int_units_mapped') }}
),

visit_days as (
    select
        outputs.event_type,
        outputs.event_id,
        'visit' as output_type,
        outputs.event_date as output_date,
        1 as output_count,
        outputs.segment
    from outputs
    where outputs.event_type = 'visit'
),

stay_days as (
    select
        outputs.event_type,
        outputs.event_id,
        case when outputs.event_type = 'inpatient_episode' then 'care_day' else 'service_day' end as output_type,
        calendar.calendar_date as output_date,
        1 as output_count,
        case
            when services.service_segment = 'by_age' then age_bands.segment
            else coalesce(services.service_segment, outputs.segment)
        end as segment
    from outputs
    inner join data_end
        on outputs.county_code = data_end.county_code
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on
            outputs.event_date <= calendar.calendar_date
            and (
                (outputs.event_end_date is not null and outputs.event_end_date > calendar.calendar_date)
                or (outputs.event_end_date is null and data_end.last_day >= calendar.calendar_date)
            )
    left join {{ ref('int_services_classified') }} as services
        on outputs.service_code = services.service_code
    left join {{ ref('segment_age_bands') }} as age_bands
        on
            {{ tietopohja.age_in_years('outputs.birth_date', 'calendar.calendar_date') }}
            between age_bands.age_from and age_bands.age_to
    where outputs.event_type in ('inpatient_episode', 'service_period')
),

zero_length_stays as (
    select
        outputs.event_type,
        outputs.event_id,
        case when outputs.event_type = 'inpatient_episode' then 'care_day' else 'service_day' end as output_type,
        outputs.event_date as output_date,
        0 as output_count,
        outputs.segment
    from outputs
    where
        outputs.event_type in ('inpatient_episode', 'service_period')
        and outputs.event_end_date <= outputs.event_date
),

days as (
    select * from visit_days
    union all
    select * from stay_days
    union all
    select * from zero_length_stays
)

select
    outputs.county_code,
    days.event_type,
    days.event_id,
    days.output_type,
    days.output_date,
    cast({{ dbt.date_trunc('month', 'days.output_date') }} as date) as month_start,
    days.output_count,
    outputs.person_pseudonym,
    outputs.home_municipality_code,
    outputs.unit_id,
    unit_municipalities.municipality_code as unit_municipality_code,
    outputs.cost_center,
    coalesce(outputs.service_code, 'unknown') as service_code,
    coalesce(days.segment, 'unknown') as segment,
    outputs.production_mode
from days
inner join outputs
    on
        days.event_type = outputs.event_type
        and days.event_id = outputs.event_id
left join unit_municipalities
    on
        outputs.unit_id = unit_municipalities.unit_id
        and outputs.cost_center = unit_municipalities.cost_center
        and unit_municipalities.row_rank = 1
