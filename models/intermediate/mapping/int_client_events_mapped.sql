{#-
  Asiakastapahtumat kohdistettuina — every client event of the patient and
  social-care systems mapped event → unit → cost centre → service → AURA
  class, segment and structure level, respecting validity dates.

  - The unit row is the one valid on the event date. When no row is valid
    then (a unit used outside its validity), the nearest earlier row is used,
    else the earliest; `unit_match` says which, and the mapping report lists it.
  - The service is the event's own service_code where the landing contract
    has one (contacts, social cases, service periods), else the unit's.
  - county_code is the county of the unit's cost centre (the county that
    delivered the data); when the unit or cost centre is unknown, the county
    of the client's home municipality in the event's year.
  - The segment of a `by_age` service follows the client's age on the event
    date (seeds/rules/segment_age_bands.csv); other services have a fixed
    segment.
  - Outputs (visits, ward episodes, service periods) and waits (contacts,
    referrals, social cases) are flagged: only outputs make a client.
-#}
{{ config(
    materialized=tietopohja.incremental_by_month_materialized(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ tietopohja.delete_changed_months(tietopohja.in_changed_event_months('stale.event_type', 'stale.event_date')) }}"
) }}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{#- event type: staging model, id, own service, start date, end date,
    production mode, is output, and every date on which something happens
    to the event (first/last activity: the reporting periods span them).
    A service period's planned end after today (future_date_cutoff) is no
    activity yet: such a period counts as open, so it does not stretch the
    reporting periods (and its days) into the future. -#}
{%- set event_sources = {
    'contact': {
        'model': 'stg_patient__contacts', 'id': 'contact_id', 'service': 'service_code',
        'start': 'cast(contacted_at as date)', 'end': 'cast(treatment_at as date)',
        'mode': null_text, 'output': 'false',
        'dates': ['contacted_at', 'assessed_at', 'treatment_at']},
    'visit': {
        'model': 'stg_patient__visits', 'id': 'visit_id', 'service': null_text,
        'start': 'cast(visit_at as date)', 'end': 'cast(visit_at as date)',
        'mode': 'production_mode', 'output': 'true',
        'dates': ['visit_at']},
    'referral': {
        'model': 'stg_patient__referrals', 'id': 'referral_id', 'service': null_text,
        'start': 'received_at', 'end': 'coalesce(treatment_started_at, cancelled_at)',
        'mode': null_text, 'output': 'false',
        'dates': ['received_at', 'assessment_started_at', 'assessment_completed_at',
            'treatment_started_at', 'cancelled_at']},
    'inpatient_episode': {
        'model': 'stg_patient__inpatient_episodes', 'id': 'episode_id', 'service': null_text,
        'start': 'cast(admitted_at as date)', 'end': 'cast(discharged_at as date)',
        'mode': 'production_mode', 'output': 'true',
        'dates': ['admitted_at', 'discharged_at']},
    'social_case': {
        'model': 'stg_social__cases', 'id': 'case_id', 'service': 'service_code',
        'start': 'pending_at', 'end': 'service_started_at',
        'mode': null_text, 'output': 'false',
        'dates': ['pending_at', 'assessment_started_at', 'assessment_completed_at',
            'decision_at', 'service_started_at']},
    'service_period': {
        'model': 'stg_social__service_periods', 'id': 'period_id', 'service': 'service_code',
        'start': 'start_date', 'end': 'end_date',
        'mode': 'production_mode', 'output': 'true',
        'dates': ['start_date', 'case when end_date <= ' ~ tietopohja.future_date_cutoff()
            ~ ' then ' ~ dbt.dateadd('day', -1, 'end_date') ~ ' end']},
} -%}

with events as (
    {%- for event_type, spec in event_sources.items() %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        '{{ event_type }}' as event_type,
        {{ spec.id }} as event_id,
        person_pseudonym,
        birth_date,
        sex,
        home_municipality_code,
        unit_id,
        {{ spec.service }} as service_code,
        {{ spec.start }} as event_date,
        {{ spec.end }} as event_end_date,
        {{ spec.mode }} as production_mode,
        {{ spec.output }} as is_output,
        {{ tietopohja.least_of_dates(spec.dates) }} as first_activity_date,
        {{ tietopohja.greatest_of_dates(spec.dates) }} as last_activity_date
    from {{ ref(spec.model) }}
    where {{ tietopohja.in_changed_months(spec.start, "'" ~ spec.model ~ "'") }}
    {%- endfor %}
),

unit_days as (
    {#- the unit row an event uses depends only on its unit and its day: the
        rows are ranked once per unit and day (~200,000 at 550,000
        residents), not once per event (~8 M) -#}
    select distinct
        unit_id,
        event_date
    from events
),

unit_candidates as (
    select
        unit_days.unit_id,
        unit_days.event_date,
        units.cost_center,
        units.county_code as unit_county_code,
        units.service_code as unit_service_code,
        units.is_24h_care,
        case
            when units.unit_id is null then 'unknown_unit'
            when {{ tietopohja.is_valid_on('unit_days.event_date', 'units.valid_from', 'units.valid_to') }} then 'valid'
            else 'outside_validity'
        end as unit_match,
        row_number() over (
            partition by unit_days.unit_id, unit_days.event_date
            order by
                {{ tietopohja.validity_preference('unit_days.event_date', 'units.valid_from', 'units.valid_to') }}
        ) as candidate_rank
    from unit_days
    left join {{ ref('int_units_mapped') }} as units
        on unit_days.unit_id = units.unit_id
),

classification_years as (
    select
        min(year) as first_year,
        max(year) as last_year
    from {{ ref('ref_municipality_county') }}
),

home_county as (
    select
        year as classification_year,
        municipality_code,
        county_code
    from {{ ref('ref_municipality_county') }}
),

resolved as (
    select
        events.*,
        unit_candidates.cost_center,
        unit_candidates.unit_match,
        unit_candidates.is_24h_care,
        coalesce(events.service_code, unit_candidates.unit_service_code) as resolved_service_code,
        case when events.service_code is not null then 'event' else 'unit' end as service_code_source,
        coalesce(unit_candidates.unit_county_code, home_county.county_code) as county_code,
        {{ tietopohja.age_in_years('events.birth_date', 'events.event_date') }} as age_at_event
    from events
    inner join unit_candidates
        on
            {{ tietopohja.null_safe_equal('events.unit_id', 'unit_candidates.unit_id') }}
            and {{ tietopohja.null_safe_equal('events.event_date', 'unit_candidates.event_date') }}
            and unit_candidates.candidate_rank = 1
    cross join classification_years
    left join home_county
        on
            events.home_municipality_code = home_county.municipality_code
            and home_county.classification_year = greatest(
                least(extract(year from events.event_date), classification_years.last_year),
                classification_years.first_year
            )
)

select
    resolved.event_type,
    resolved.event_id,
    resolved.person_pseudonym,
    resolved.birth_date,
    resolved.sex,
    resolved.age_at_event,
    resolved.home_municipality_code,
    resolved.county_code,
    resolved.unit_id,
    resolved.unit_match,
    resolved.is_24h_care,
    resolved.cost_center,
    resolved.resolved_service_code as service_code,
    resolved.service_code_source,
    services.aura_class,
    case
        when services.service_segment = 'by_age' then age_bands.segment
        else services.service_segment
    end as segment,
    services.structure_level,
    services.sector,
    resolved.production_mode,
    resolved.event_date,
    resolved.event_end_date,
    resolved.is_output,
    resolved.first_activity_date,
    resolved.last_activity_date,
    services.service_code is not null as is_service_known
from resolved
left join {{ ref('int_services_classified') }} as services
    on resolved.resolved_service_code = services.service_code
left join {{ ref('segment_age_bands') }} as age_bands
    on resolved.age_at_event between age_bands.age_from and age_bands.age_to
