{#-
  Uloskirjaukset ja uusintajaksot — every discharge from a ward episode
  (patient/inpatient_episodes with a discharged_at), flagged when the same
  person was admitted again within 30 days (minimum-data spec, quality).

  - Readmission: another ward episode of the same person in the same county
    admitted strictly after the discharge moment (admitted_at >
    discharged_at, so a transfer recorded with the same timestamp is not a
    readmission) and at most 30 calendar days after the discharge day
    (admission day − discharge day ≤ 30). Any ward of the county counts,
    whatever its service.
  - The denominator of the rate is the discharges of the period (by the
    discharge day: "counts of events are by the month the event ended").
    Discharges in the last 30 days of the data have an incomplete follow-up
    window; they count in the denominator as the spec defines it.
  - No diagnosis, planned-admission or death exclusions: the landing
    contract carries neither planned/acute status nor deaths.
-#}
with episodes as (
    select
        events.county_code,
        events.event_id as episode_id,
        events.person_pseudonym,
        events.home_municipality_code,
        events.unit_id,
        events.service_code,
        events.production_mode,
        episodes.admitted_at,
        episodes.discharged_at
    from {{ ref('int_client_events_mapped') }} as events
    inner join {{ ref('stg_patient__inpatient_episodes') }} as episodes
        on events.event_id = episodes.episode_id
    where events.event_type = 'inpatient_episode'
),

readmissions as (
    select
        discharges.episode_id,
        min(later.admitted_at) as next_admitted_at
    from episodes as discharges
    inner join episodes as later
        on
            discharges.county_code = later.county_code
            and discharges.person_pseudonym = later.person_pseudonym
            and discharges.episode_id <> later.episode_id
            and discharges.discharged_at < later.admitted_at
            and {{ dbt.datediff('cast(discharges.discharged_at as date)', 'cast(later.admitted_at as date)', 'day') }}
            <= 30
    where discharges.discharged_at is not null
    group by discharges.episode_id
)

select
    episodes.county_code,
    episodes.episode_id,
    episodes.person_pseudonym,
    episodes.home_municipality_code,
    episodes.unit_id,
    episodes.service_code,
    episodes.production_mode,
    episodes.admitted_at,
    episodes.discharged_at,
    cast(episodes.discharged_at as date) as discharge_date,
    readmissions.next_admitted_at,
    readmissions.episode_id is not null as is_readmitted_30d
from episodes
left join readmissions
    on episodes.episode_id = readmissions.episode_id
where episodes.discharged_at is not null
