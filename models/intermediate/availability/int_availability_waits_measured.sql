{#-
  Odotukset mitattuina — every wait of int_availability_waits_unioned
  measured against the care-guarantee rules (seeds/rules/care_guarantee_rules.csv),
  one row per wait, rule and service group (`applies_to`).

  - A wait belongs to the service groups of seeds/rules/care_guarantee_service_groups.csv
    that select it (event type, service, specialty, catalogue segment); a
    rule row applies when its group, its span (`wait_start` → `wait_end`),
    its validity (the rule in force on the day the wait starts), its age
    band (age on the start day), its client condition (e.g. the highest care
    allowance) and its urgency scope (`non_urgent` rows skip urgent cases)
    match. Nothing of this is a constant in SQL.
  - When several rows of one group match (75+ and highest care allowance),
    the first by precedence is taken. When several groups give a wait a
    rule (a child-psychiatry referral of an under-23 is also a specialised-
    care referral), the row with the lowest `precedence` governs
    (`is_governing`); the others stay for measures defined by the general
    limit (`sc_treatment_over_limit`: "more than 6 months").
  - Status: `completed` when the end date is known (and not after leaving
    the queue), `left_queue` when the referral was cancelled or the case
    denied first (counts neither as met nor breached), else `open`.
  - `deadline_date`: the last day within the limit (n-th business day after
    the start; start + n days or 7n days; same day n months later with
    end-of-month clamping). Over the limit = ended after the deadline.
  - `wait_days`: calendar days start → end (or → leaving the queue);
    `wait_business_days`: business days (start = day 0); `wait_length` is the
    one in the rule's unit (business days for business-day limits, else
    calendar days).

  Bounded memory (CONTRIBUTING, "Memory"): what depends on the wait alone
  (status, closing day, its calendar days, age group) is worked out on the
  waits before the rules multiply them, and the service groups are matched
  on the few distinct (event type, service, specialty, segment) keys and
  joined back by equality. The waits then stream through joins with small
  build sides; no DISTINCT over whole wait rows, and only the deadline's day
  is looked up after the rule join.
-#}
with waits as (
    select
        waits.*,
        {{ tietopohja.age_in_years('waits.birth_date', 'waits.wait_start_date') }} as age_at_start,
        case
            when
                waits.wait_end_date is not null
                and (waits.exit_date is null or waits.wait_end_date <= waits.exit_date)
                then 'completed'
            when waits.exit_date is not null then 'left_queue'
            else 'open'
        end as wait_status
    from {{ ref('int_availability_waits_unioned') }} as waits
),

closed as (
    select
        waits.*,
        case
            when waits.wait_status = 'completed' then waits.wait_end_date
            when waits.wait_status = 'left_queue'
                then
                    case
                        when waits.exit_date < waits.wait_start_date
                            then waits.wait_start_date
                        else waits.exit_date
                    end
        end as closed_date
    from waits
),

waits_dated as (
    select
        closed.*,
        start_day.business_day_index as start_business_day_index,
        {{ dbt.datediff('closed.wait_start_date', 'closed.closed_date', 'day') }} as wait_days,  -- noqa: LT05
        {{ tietopohja.business_days_between('start_day', 'closed_day') }} as wait_business_days,
        age_groups.age_group
    from closed
    {{ tietopohja.calendar_day_join('start_day', 'closed.wait_start_date') }}
    {{ tietopohja.calendar_day_join('closed_day', 'closed.closed_date') }}
    left join {{ ref('availability_age_groups') }} as age_groups
        on closed.age_at_start between age_groups.age_from and age_groups.age_to
),

service_groups as (
    select distinct
        service_group,
        event_type,
        service_code,
        specialty,
        service_segment
    from {{ ref('care_guarantee_service_groups') }}
),

wait_keys as (
    select distinct
        event_type,
        service_code,
        specialty,
        service_segment
    from {{ ref('int_availability_waits_unioned') }}
),

wait_key_groups as (
    select distinct
        wait_keys.event_type,
        wait_keys.service_code,
        wait_keys.specialty,
        wait_keys.service_segment,
        service_groups.service_group
    from wait_keys
    inner join service_groups
        on
            wait_keys.event_type = service_groups.event_type
            and (service_groups.service_code is null or wait_keys.service_code = service_groups.service_code)
            and (service_groups.specialty is null or wait_keys.specialty = service_groups.specialty)
            and (
                service_groups.service_segment is null
                or wait_keys.service_segment = service_groups.service_segment
            )
),

waits_grouped as (
    select
        waits_dated.*,
        wait_key_groups.service_group
    from waits_dated
    inner join wait_key_groups
        on
            waits_dated.event_type = wait_key_groups.event_type
            and {{ tietopohja.null_safe_equal('waits_dated.service_code', 'wait_key_groups.service_code') }}
            and {{ tietopohja.null_safe_equal('waits_dated.specialty', 'wait_key_groups.specialty') }}
            and {{ tietopohja.null_safe_equal('waits_dated.service_segment', 'wait_key_groups.service_segment') }}
),

rule_matches as (
    select
        waits_grouped.*,
        rules.rule,
        rules.applies_to,
        rules.valid_from as rule_valid_from,
        rules.precedence,
        rules.limit_value,
        rules.limit_unit,
        row_number() over (
            partition by waits_grouped.event_type, waits_grouped.event_id, rules.rule, rules.applies_to
            order by rules.precedence asc nulls last, rules.age_from asc, rules.client_condition asc nulls first
        ) as row_rank
    from waits_grouped
    inner join {{ ref('care_guarantee_rules') }} as rules
        on
            waits_grouped.service_group = rules.applies_to
            and waits_grouped.wait_start_column = rules.wait_start
            and waits_grouped.wait_end_column = rules.wait_end
            and {{ tietopohja.is_valid_on('waits_grouped.wait_start_date', 'rules.valid_from', 'rules.valid_to') }}
            and waits_grouped.age_at_start between rules.age_from and rules.age_to
            and (
                rules.client_condition is null
                or (
                    rules.client_condition = 'highest_care_allowance'
                    and coalesce(waits_grouped.has_highest_care_allowance, false)
                )
            )
            and (
                rules.urgency_scope = 'all'
                or (rules.urgency_scope = 'non_urgent' and not coalesce(waits_grouped.is_urgent, false))
            )
),

rules_applied as (
    select
        rule_matches.*,
        row_number() over (
            partition by rule_matches.event_type, rule_matches.event_id, rule_matches.rule
            order by rule_matches.precedence asc nulls last, rule_matches.applies_to asc
        ) = 1 as is_governing
    from rule_matches
    where rule_matches.row_rank = 1
),

measured as (
    select
        rules_applied.*,
        {{ tietopohja.wait_deadline(
            'rules_applied.wait_start_date', 'rules_applied.limit_value', 'rules_applied.limit_unit',
            'deadline_day.calendar_date'
        ) }} as deadline_date
    from rules_applied
    left join {{ ref('int_calendar_days_generated') }} as deadline_day
        on
            rules_applied.limit_unit = 'business_days'
            and deadline_day.is_business_day
            and deadline_day.business_day_index = rules_applied.start_business_day_index + rules_applied.limit_value
)

select
    measured.county_code,
    measured.rule,
    measured.applies_to,
    measured.event_type,
    measured.event_id,
    measured.is_governing,
    measured.person_pseudonym,
    measured.birth_date,
    measured.sex,
    measured.age_at_start,
    measured.age_group,
    measured.home_municipality_code,
    measured.service_code,
    measured.segment,
    measured.specialty,
    measured.is_urgent,
    measured.wait_start_column,
    measured.wait_end_column,
    measured.rule_valid_from,
    measured.limit_value,
    measured.limit_unit,
    measured.wait_start_date,
    measured.wait_end_date,
    measured.exit_date,
    measured.exit_reason,
    measured.wait_status,
    measured.closed_date,
    measured.deadline_date,
    measured.wait_days,
    measured.wait_business_days,
    case
        when measured.limit_unit = 'business_days' then measured.wait_business_days
        else measured.wait_days
    end as wait_length,
    case when measured.limit_unit = 'business_days' then 'business_days' else 'days' end as wait_length_unit,
    case
        when measured.wait_status = 'completed' then measured.wait_end_date > measured.deadline_date
    end as is_over_limit
from measured
