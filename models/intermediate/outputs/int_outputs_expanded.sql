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

  Bounded memory (CONTRIBUTING, "Memory"): every join here has a small build
  side and streams the events through it. The days of a stay come from two
  equi-joins on small tables (the county's months, then the calendar days of
  each month; a range join of the events with the whole calendar checked
  every event against every day); each output row carries its event's
  columns instead of being joined back to the events at the end (a hash
  table of all output days); visits and stays read the events table each
  with its own filter (a CTE read twice is materialised whole, in memory
  first: 1 GB of events at 550,000 residents).
-#}
{{ config(
    materialized=tietopohja.incremental_by_month_materialized(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ tietopohja.delete_changed_months(tietopohja.in_changed_output_months('stale.output_date', 'stale.output_type')) }}"
) }}

with data_end as (
    select
        county_code,
        cast({{ dbt.last_day('data_end_month', 'month') }} as date) as data_end_date
    from ({{ tietopohja.county_coverage_span() }}) as county_span
),

county_months as (
    select
        data_end.county_code,
        data_end.data_end_date,
        months.month_start
    from data_end
    inner join (
        select distinct month_start
        from {{ ref('int_calendar_days_generated') }}
    ) as months
        on data_end.data_end_date >= months.month_start
),

visits as (
    select
        events.county_code,
        'visit' as output_type,
        events.event_type,
        events.event_id,
        events.event_date as output_date,
        events.person_pseudonym,
        events.birth_date,
        events.sex,
        events.home_municipality_code,
        events.unit_id,
        events.cost_center,
        events.service_code,
        events.segment,
        events.sector,
        events.production_mode,
        visits.contact_type
    from {{ ref('int_client_events_mapped') }} as events
    inner join {{ ref('stg_patient__visits') }} as visits
        on events.event_id = visits.visit_id
    where
        events.is_output and events.event_type = 'visit'
        and {{ tietopohja.in_changed_months('events.event_date', "'stg_patient__visits'") }}
),

stays as (
    select
        county_code,
        event_type,
        event_id,
        event_date,
        event_end_date,
        person_pseudonym,
        birth_date,
        sex,
        home_municipality_code,
        unit_id,
        cost_center,
        service_code,
        segment,
        sector,
        production_mode
    from {{ ref('int_client_events_mapped') }}
    where is_output and event_type in ('inpatient_episode', 'service_period')
),

stay_months as (
    select
        stays.*,
        county_months.data_end_date,
        county_months.month_start
    from stays
    inner join county_months
        on
            stays.county_code = county_months.county_code
            and county_months.month_start >= cast({{ dbt.date_trunc('month', 'stays.event_date') }} as date)
            and {{ tietopohja.in_changed_output_months('county_months.month_start', "'stay'") }}
            and (
                stays.event_end_date is null
                or stays.event_end_date > county_months.month_start
            )
),

stay_days as (
    select
        stay_months.*,
        calendar.calendar_date as output_date,
        {{ tietopohja.age_in_years('stay_months.birth_date', 'calendar.calendar_date') }} as age_on_date
    from stay_months
    inner join {{ ref('int_calendar_days_generated') }} as calendar
        on
            stay_months.month_start = calendar.month_start
            and stay_months.event_date <= calendar.calendar_date
            and (stay_months.event_end_date is null or stay_months.event_end_date > calendar.calendar_date)
            and stay_months.data_end_date >= calendar.calendar_date
),

stay_days_mapped as (
    select
        stay_days.county_code,
        case when stay_days.event_type = 'inpatient_episode' then 'care_day' else 'service_day' end as output_type,
        stay_days.event_type,
        stay_days.event_id,
        stay_days.output_date,
        stay_days.person_pseudonym,
        stay_days.birth_date,
        stay_days.sex,
        stay_days.home_municipality_code,
        stay_days.unit_id,
        coalesce(units.cost_center, stay_days.cost_center) as cost_center,
        stay_days.service_code,
        case
            when services.service_segment = 'by_age' then age_bands.segment
            else services.service_segment
        end as segment,
        stay_days.sector,
        stay_days.production_mode,
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
    outputs.county_code,
    outputs.output_type,
    outputs.event_type,
    outputs.event_id,
    outputs.output_date,
    outputs.person_pseudonym,
    outputs.birth_date,
    outputs.sex,
    outputs.home_municipality_code,
    outputs.unit_id,
    outputs.cost_center,
    outputs.service_code,
    outputs.segment,
    outputs.sector,
    coalesce(services.is_24h, false) as is_24h_service,
    outputs.production_mode,
    outputs.contact_type
from outputs
left join {{ ref('int_services_classified') }} as services
    on outputs.service_code = services.service_code
