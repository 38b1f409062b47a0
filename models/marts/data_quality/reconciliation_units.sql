{%- set event_types = [
    'contact', 'visit', 'referral', 'inpatient_episode', 'social_case', 'service_period', 'work_hours'
] -%}
{#-
  Yksiköiden täsmäytys — every unit id used by patient and social-care events
  or HR working hours, beside the units of `org/units`: units used but not
  in the master, used outside their validity, or in the master but unused.
  `findings` is NULL when the unit agrees everywhere.
-#}
with usage as (
    select
        unit_id,
        event_type as used_by,
        event_date,
        unit_match
    from {{ ref('int_client_events_mapped') }}
    union all
    select
        work_hours.unit_id,
        'work_hours' as used_by,
        work_hours.work_date as event_date,
        case
            when units.unit_id is null then 'unknown_unit'
            else 'valid'
        end as unit_match
    from {{ ref('stg_hr__work_hours') }} as work_hours
    left join (select distinct unit_id from {{ ref('stg_org__units') }}) as units
        on work_hours.unit_id = units.unit_id
),

usage_by_unit as (
    select
        unit_id,
        {%- for used_by in event_types %}
        sum(case when used_by = '{{ used_by }}' then 1 else 0 end) as {{ used_by }}_rows,
        {%- endfor %}
        sum(case when unit_match = 'outside_validity' then 1 else 0 end) as rows_outside_validity,
        min(event_date) as first_used,
        max(event_date) as last_used
    from usage
    group by unit_id
),

master as (
    select
        unit_id,
        min(unit_name) as unit_name,
        count(*) as validity_rows,
        min(valid_from) as first_valid_from
    from {{ ref('stg_org__units') }}
    group by unit_id
),

joined as (
    select
        coalesce(master.unit_id, usage_by_unit.unit_id) as unit_id,
        master.unit_name,
        master.unit_id is not null as is_in_org_units,
        cast(coalesce(master.validity_rows, 0) as {{ dbt.type_bigint() }}) as validity_rows,
        {%- for used_by in event_types %}
        cast(coalesce(usage_by_unit.{{ used_by }}_rows, 0) as {{ dbt.type_bigint() }}) as {{ used_by }}_rows,
        {%- endfor %}
        cast(coalesce(usage_by_unit.rows_outside_validity, 0) as {{ dbt.type_bigint() }}) as rows_outside_validity,
        usage_by_unit.first_used,
        usage_by_unit.last_used
    from master
    full outer join usage_by_unit
        on master.unit_id = usage_by_unit.unit_id
)

select
    joined.*,
    {{ tietopohja.concat_non_null([
        "case when not is_in_org_units then 'used_but_not_in_org_units' end",
        "case when rows_outside_validity > 0 then 'used_outside_validity' end",
        "case when is_in_org_units and first_used is null then 'in_org_units_but_unused' end",
    ], '; ') }} as findings
from joined
