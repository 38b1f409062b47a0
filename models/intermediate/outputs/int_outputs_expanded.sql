{#-
  Suoritteet — every output of a service, one row per output (minimum-data
  spec, "Outputs and clients"): a visit (every contact type) on its visit
  day, and every care day of a ward episode and every day of a social-care
  service period.

  - A day belongs to an episode or period when start ≤ day < end: the
    admission / start day counts, the discharge / end day does not. An
    episode admitted and discharged on the same day has no care day.
  - An open end (still in care) runs to the end of the data: the last day
    of the last month of the county's event sources' coverage
    (data_end_month of tietopohja.county_coverage_span()). Days after that are not
    counted even if an end date lies beyond it.
  - The event's mapping (county, service, unit) comes from
    int_client_events_mapped (the unit valid on the event's start day); the
    cost centre of a day is that of the unit row valid on that day (a unit
    moved to another cost centre mid-period moves its later days), falling
    back to the event's cost centre.
  - Segment of a `by_age` service follows the client's age on the output
    day (seeds/rules/segment_age_bands.csv).
  - output_type: `visit`, `care_day` (ward episode), `service_day`
    (social-care service period). contact_type only for visits.
-#}
with events as (
    select *
    from {{ ref('int_client_events_mapped') }}
    where is_output
),

data_end as (
    select
        county_code,
        cast({{ dbt.last_day('data_end_month', 'month') }} as date) as data_end_date
    from ({{ tietopohja.county_coverage_span() }}) as county_span
),

visits as (
    select
        events.event_type,
        events.event_id,
        'visit' as output_type,
        events.event_date as output_date,
        events.age_at_event as age_on_date,
        events.cost_center,
        events.segment,
        visits.contact_type
    from events
    inner join {{ ref('stg_patient__visits') }} as visits
        on events.event_id = visits.visit_id
    where events.event_type = 'visit'
),

stay_days as (
    select
        events.event_type,
        events.event_id,
        case when events.event_type = 'inpatient_episode' then 'care_day' else 'service_day' end as output_type,
        calendar.calendar_date as output_date,
        {{ tietopohja.age_in_years('events.birth_date', 'calendar.calendar_date') }} as age_on_date,
        events.cost_center as event_cost_center,
        events.unit_id,
        events.service_code
    from events
    inner join data_end
        on events.county_code = data_end.county_code
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on
            events.event_date <= calendar.calendar_date
            and (events.event_end_date is null or events.event_end_date > calendar.calendar_date)
            and data_end.data_end_date >= calendar.calendar_date
    where events.event_type in ('inpatient_episode', 'service_period')
),

stay_days_mapped as (
    select
        stay_days.event_type,
        stay_days.event_id,
        stay_days.output_type,
        stay_days.output_date,
        stay_days.age_on_date,
        coalesce(units.cost_center, stay_days.event_cost_center) as cost_center,
        case
            when services.service_segment = 'by_age' then age_bands.segment
            else services.service_segment
        end as segment,
        cast(null as {{ dbt.type_string() }}) as contact_type
    from stay_days
    left join {{ ref('int_units_mapped') }} as units
        on
            stay_days.unit_id = units.unit_id
            and {{ tietopohja.is_valid_on('stay_days.output_date', 'units.valid_from', 'units.valid_to') }}
    left join {{ ref('int_services_classified') }} as services
        on stay_days.service_code = services.service_code
    left join {{ ref('segment_age_bands') }} as age_bands
        on stay_days.age_on_date between age_bands.age_from and age_bands.age_to
),

outputs as (
    select * from visits
    union all
    select * from stay_days_mapped
)

select
    events.county_code,
    outputs.output_type,
    events.event_type,
    events.event_id,
    outputs.output_date,
    events.person_pseudonym,
    events.birth_date,
    events.sex,
    outputs.age_on_date,
    events.home_municipality_code,
    events.unit_id,
    outputs.cost_center,
    events.service_code,
    events.aura_class,
    outputs.segment,
    events.structure_level,
    events.sector,
    coalesce(services.is_24h, false) as is_24h_service,
    events.production_mode,
    outputs.contact_type
from outputs
inner join events
    on
        outputs.event_type = events.event_type
        and outputs.event_id = events.event_id
left join {{ ref('int_services_classified') }} as services
    on events.service_code = services.service_code
