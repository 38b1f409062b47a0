{#-
  Odotukset — every wait of the care and service guarantees, one row per
  event and wait span (start column → end column of the landing contract),
  with the event's county, service and client from int_client_events_mapped.
  Which rule measures a span is decided by the rule table
  (seeds/rules/care_guarantee_rules.csv: `wait_start`, `wait_end`) in
  int_availability_waits_measured; this model only lists the spans.

  - Time stamps count by their date part.
  - A span exists when its start is known: the treatment wait of a contact
    only when the assessment found a need (`treatment_needed`) or a
    treatment is recorded; the elderly-care wait after a decision only when
    the decision was not a denial.
  - Leaving the queue: a referral's `cancelled_at` and a social case's
    denial (on `decision_at`) end every span of the event that is still open
    on that day (`exit_date`, `exit_reason`); such waits count neither as met
    nor as breached.
-#}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{%- set null_date = 'cast(null as date)' -%}
{%- set null_bool = 'cast(null as boolean)' -%}
{%- set event_types = {
    'contact': {
        'model': 'stg_patient__contacts', 'id': 'contact_id',
        'specialty': null_text, 'urgent': "urgency = 'urgent'", 'hca': null_bool,
        'exit': null_date, 'exit_reason': null_text,
        'spans': [
            {'start': 'contacted_at', 'end': 'assessed_at', 'exists': 'true'},
            {'start': 'assessed_at', 'end': 'treatment_at',
                'exists': '(treatment_needed or treatment_at is not null)'},
        ]},
    'referral': {
        'model': 'stg_patient__referrals', 'id': 'referral_id',
        'specialty': 'specialty', 'urgent': null_bool, 'hca': null_bool,
        'exit': 'cancelled_at', 'exit_reason': "case when cancelled_at is not null then 'cancelled' end",
        'spans': [
            {'start': 'received_at', 'end': 'assessment_started_at', 'exists': 'true'},
            {'start': 'received_at', 'end': 'assessment_completed_at', 'exists': 'true'},
            {'start': 'assessment_completed_at', 'end': 'treatment_started_at', 'exists': 'true'},
        ]},
    'social_case': {
        'model': 'stg_social__cases', 'id': 'case_id',
        'specialty': null_text, 'urgent': 'urgent', 'hca': 'highest_care_allowance',
        'exit': "case when decision = 'denied' then decision_at end",
        'exit_reason': "case when decision = 'denied' then 'denied' end",
        'spans': [
            {'start': 'pending_at', 'end': 'assessment_started_at', 'exists': 'true'},
            {'start': 'pending_at', 'end': 'assessment_completed_at', 'exists': 'true'},
            {'start': 'pending_at', 'end': 'service_started_at', 'exists': 'true'},
            {'start': 'decision_at', 'end': 'service_started_at',
                'exists': "(decision is null or decision <> 'denied')"},
        ]},
} -%}

{%- set ns = namespace(first=true) %}

with spans as (
    {%- for event_type, spec in event_types.items() %}
    {%- for span in spec.spans %}
    {%- if not ns.first %}
    union all
    {%- endif %}
    {%- set ns.first = false %}
    select
        '{{ event_type }}' as event_type,
        {{ spec.id }} as event_id,
        '{{ span.start }}' as wait_start_column,
        '{{ span.end }}' as wait_end_column,
        {{ spec.specialty }} as specialty,
        {{ spec.urgent }} as is_urgent,
        {{ spec.hca }} as has_highest_care_allowance,
        cast({{ span.start }} as date) as wait_start_date,
        cast({{ span['end'] }} as date) as wait_end_date,
        cast({{ spec.exit }} as date) as exit_date,
        {{ spec.exit_reason }} as exit_reason
    from {{ ref(spec.model) }}
    where {{ span.start }} is not null and {{ span.exists }}
    {%- endfor %}
    {%- endfor %}
)

select
    events.county_code,
    spans.event_type,
    spans.event_id,
    spans.wait_start_column,
    spans.wait_end_column,
    events.person_pseudonym,
    events.birth_date,
    events.sex,
    events.home_municipality_code,
    events.service_code,
    services.service_segment,
    events.segment,
    spans.specialty,
    spans.is_urgent,
    spans.has_highest_care_allowance,
    spans.wait_start_date,
    spans.wait_end_date,
    spans.exit_date,
    spans.exit_reason
from spans
inner join {{ ref('int_client_events_mapped') }} as events
    on spans.event_type = events.event_type and spans.event_id = events.event_id
left join {{ ref('int_services_classified') }} as services
    on events.service_code = services.service_code
