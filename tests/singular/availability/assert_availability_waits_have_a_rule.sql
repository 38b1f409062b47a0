{{ config(severity='warn') }}
{#-
  Data gap or missing configuration: every contact has a primary-care
  assessment wait and every referral a handling wait, i.e. its service (or
  specialty) is in seeds/rules/care_guarantee_service_groups.csv. Lists the
  events no care-guarantee rule measures.
-#}
select
    events.county_code,
    events.event_type,
    events.event_id,
    events.service_code
from {{ ref('int_client_events_mapped') }} as events
left join {{ ref('int_availability_waits_measured') }} as waits
    on
        events.event_type = waits.event_type
        and events.event_id = waits.event_id
        and waits.rule in ('pc_assessment', 'sc_handling')
where events.event_type in ('contact', 'referral') and waits.event_id is null
