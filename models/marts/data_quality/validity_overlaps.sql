{#-
  Päällekkäiset voimassaolot — two validity rows of one unit (org/units) or
  cost centre (finance/cost_centers) whose validity periods overlap: a
  data-quality finding, reported with both rows. Nothing is dropped or
  corrected: an event dated in the overlap maps to the row with the later
  valid_from (tietopohja.validity_preference, the one rule every mapping
  uses), so the finding says which row won and how many client events are
  dated in the overlap. Cost centres are keyed by cost_center alone, so two
  staged rows of one cost centre cannot occur today; the check is kept for
  both entities so that a key change cannot hide an overlap.
-#}
with validity_rows as (
    select
        'org/units' as entity,
        unit_id as key_value,
        valid_from,
        valid_to,
        cost_center,
        service_code,
        _source_file as source_file,
        _source_line as source_line
    from {{ ref('stg_org__units') }}
    union all
    select
        'finance/cost_centers' as entity,
        cost_center as key_value,
        valid_from,
        valid_to,
        cost_center,
        service_code,
        _source_file as source_file,
        _source_line as source_line
    from {{ ref('stg_finance__cost_centers') }}
),

overlapping_pairs as (
    select
        earlier.entity,
        earlier.key_value,
        earlier.valid_from as earlier_valid_from,
        earlier.valid_to as earlier_valid_to,
        earlier.cost_center as earlier_cost_center,
        earlier.service_code as earlier_service_code,
        earlier.source_file as earlier_source_file,
        earlier.source_line as earlier_source_line,
        later.valid_from as later_valid_from,
        later.valid_to as later_valid_to,
        later.cost_center as later_cost_center,
        later.service_code as later_service_code,
        later.source_file as later_source_file,
        later.source_line as later_source_line,
        -- the later row starts inside the earlier one; the overlap ends with the earlier of the two ends
        later.valid_from as overlap_from,
        case
            when earlier.valid_to is null then later.valid_to
            when later.valid_to is null then earlier.valid_to
            when earlier.valid_to < later.valid_to then earlier.valid_to
            else later.valid_to
        end as overlap_to
    from validity_rows as earlier
    inner join validity_rows as later
        on
            earlier.entity = later.entity
            and earlier.key_value = later.key_value
            and earlier.valid_from < later.valid_from
            and (earlier.valid_to is null or earlier.valid_to >= later.valid_from)
),

events_in_overlap as (
    select
        pairs.entity,
        pairs.key_value,
        pairs.earlier_valid_from,
        pairs.later_valid_from,
        count(events.event_date) as client_events_in_overlap
    from overlapping_pairs as pairs
    left join {{ ref('int_client_events_mapped') }} as events
        on
            pairs.entity = 'org/units'
            and pairs.key_value = events.unit_id
            and {{ tietopohja.is_valid_on('events.event_date', 'pairs.overlap_from', 'pairs.overlap_to') }}
    group by pairs.entity, pairs.key_value, pairs.earlier_valid_from, pairs.later_valid_from
)

select
    pairs.entity,
    pairs.key_value,
    pairs.earlier_valid_from,
    pairs.earlier_valid_to,
    pairs.earlier_cost_center,
    pairs.earlier_service_code,
    pairs.earlier_source_file,
    pairs.earlier_source_line,
    pairs.later_valid_from,
    pairs.later_valid_to,
    pairs.later_cost_center,
    pairs.later_service_code,
    pairs.later_source_file,
    pairs.later_source_line,
    pairs.overlap_from,
    pairs.overlap_to,
    'later_valid_from' as events_in_overlap_map_to,
    cast(events.client_events_in_overlap as {{ dbt.type_bigint() }}) as client_events_in_overlap
from overlapping_pairs as pairs
inner join events_in_overlap as events
    on {{ tietopohja.keys_match('pairs', 'events', ['entity', 'key_value', 'earlier_valid_from', 'later_valid_from']) }}
