{#-
  Odotusten tunnusluvut — the availability measures of the minimum-data
  spec per county, period (month, quarter, year), rule, rule scope and
  service, for the whole client base (`breakdown` = 'all') and by the
  client's home municipality, age group (seeds/rules/availability_age_groups.csv,
  age on the day the wait starts) and sex. The availability measures are
  computed here once: the marts of models/marts/availability and the
  availability key figures (int_key_figures__availability) select from it.

  - Waits count in the period that contains their end (`closed_date`):
    completed waits give the number of waits, mean and median wait (in the
    rule's unit: business days for business-day limits, else calendar days),
    and the number and share over the limit; waits that left the queue
    (cancelled referral, denied case) are counted on their own and nowhere
    else.
  - `rule_scope` = 'governing': each wait once, under the rule row that
    governs it (see int_availability_waits_measured) — the rows the marts
    show, in every breakdown. `rule_scope` = a service group
    (care_guarantee_rules.applies_to, e.g. `specialised_care`): every wait
    of that group measured against the group's own limit, whether that row
    governs the wait or not (breakdown 'all' only) — for measures defined by
    a general limit (`sc_treatment_over_limit`: "more than 6 months" also
    for a child-psychiatry referral governed by its 3-month limit).
  - A wait without a service counts in the all-services row only.
  - Waits within 7 and 14 days (THL's 0–7 and 0–14 day classes): completed
    waits of at most 7 / 14 calendar days (`wait_days`, whatever the rule's
    unit), and their share of the completed waits; `wait_length_sum` (the
    sum of the completed waits' lengths) lets a reader pool rules (the
    mean of primary and oral care treatments together).
  - Open waits: the stock on the period's last day (the last month end of
    a quarter or year; for a quarter or year that runs past the data, the
    end of the county's last reporting month: int_reporting_periods.stock_date).
  - Clients of the service: int_availability_clients_counted (distinct
    persons with an output of the service in the period, in the same
    breakdown); 0 when the service had none. Over the limit per 1,000
    clients is given for single services only; rows with service_code NULL
    (all services of the rule) leave both NULL.
  - Every (rule, service, breakdown value) that a county has in any period
    has a row in every period of the county (counts 0, means NULL), so that
    period changes are well defined.
-#}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{%- set breakdowns = tietopohja.availability_breakdowns() -%}
{%- set keys = [
    'county_code', 'period_grain', 'period_start', 'rule', 'rule_scope', 'service_code', 'breakdown',
    'breakdown_value',
] -%}
{%- set closed_columns = ['rule', 'rule_scope', 'wait_status', 'wait_length', 'wait_days', 'is_over_limit'] -%}
{%- set open_columns = ['rule', 'rule_scope', 'waited_length', 'is_over_limit'] -%}

with periods as (
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        stock_date
    from {{ ref('int_reporting_periods') }}
),

closed_in_period as (
    {#- every wait once, under its governing rule row -#}
    select
        periods.period_grain,
        periods.period_start,
        waits.county_code,
        waits.rule,
        'governing' as rule_scope,
        waits.service_code,
        waits.home_municipality_code,
        waits.age_group,
        waits.sex,
        waits.wait_status,
        waits.wait_length,
        waits.wait_days,
        waits.is_over_limit
    from {{ ref('int_availability_waits_measured') }} as waits
    inner join periods
        on {{ tietopohja.in_period('waits', 'closed_date') }}
    where waits.is_governing and waits.wait_status in ('completed', 'left_queue')
),

closed_in_group as (
    {#- every wait of a service group against the group's own limit,
        governing or not (read again with its own filter: a CTE read twice
        is materialised whole) -#}
    select
        periods.period_grain,
        periods.period_start,
        waits.county_code,
        waits.rule,
        waits.applies_to as rule_scope,
        waits.service_code,
        waits.wait_status,
        waits.wait_length,
        waits.wait_days,
        waits.is_over_limit
    from {{ ref('int_availability_waits_measured') }} as waits
    inner join periods
        on {{ tietopohja.in_period('waits', 'closed_date') }}
    where waits.wait_status in ('completed', 'left_queue')
),

open_at_end as (
    select
        periods.period_grain,
        periods.period_start,
        open_waits.county_code,
        open_waits.rule,
        'governing' as rule_scope,
        open_waits.service_code,
        open_waits.home_municipality_code,
        open_waits.age_group,
        open_waits.sex,
        open_waits.waited_length,
        open_waits.is_over_limit
    from {{ ref('int_availability_open_waits_month_end') }} as open_waits
    inner join periods
        on
            open_waits.county_code = periods.county_code
            and open_waits.month_end = periods.stock_date
    where open_waits.is_governing
),

open_in_group as (
    select
        periods.period_grain,
        periods.period_start,
        open_waits.county_code,
        open_waits.rule,
        open_waits.applies_to as rule_scope,
        open_waits.service_code,
        open_waits.waited_length,
        open_waits.is_over_limit
    from {{ ref('int_availability_open_waits_month_end') }} as open_waits
    inner join periods
        on
            open_waits.county_code = periods.county_code
            and open_waits.month_end = periods.stock_date
),

closed_expanded as (
    {{ tietopohja.availability_breakdown_rows(
        'closed_in_period', breakdowns, ['service_code', null_text], closed_columns
    ) }}
    union all
    {{ tietopohja.availability_breakdown_rows(
        'closed_in_group', breakdowns[:1], ['service_code', null_text], closed_columns
    ) }}
),

open_expanded as (
    {{ tietopohja.availability_breakdown_rows(
        'open_at_end', breakdowns, ['service_code', null_text], open_columns
    ) }}
    union all
    {{ tietopohja.availability_breakdown_rows(
        'open_in_group', breakdowns[:1], ['service_code', null_text], open_columns
    ) }}
),

closed_measures as (
    select
        {{ keys | join(',\n        ') }},
        sum(case when wait_status = 'completed' then 1 else 0 end) as waits,
        sum(case when wait_status = 'left_queue' then 1 else 0 end) as waits_left_queue,
        avg(case when wait_status = 'completed' then wait_length end) as mean_wait,
        {{ tietopohja.median("case when wait_status = 'completed' then wait_length end") }}
            as median_wait,
        sum(case when wait_status = 'completed' then wait_length end) as wait_length_sum,
        sum(case when is_over_limit then 1 else 0 end) as waits_over_limit,
        sum(case when wait_status = 'completed' and wait_days <= 7 then 1 else 0 end) as waits_within_7d,
        sum(case when wait_status = 'completed' and wait_days <= 14 then 1 else 0 end) as waits_within_14d
    from closed_expanded
    group by {{ keys | join(', ') }}
),

open_measures as (
    select
        {{ keys | join(',\n        ') }},
        count(*) as open_waits,
        sum(case when is_over_limit then 1 else 0 end) as open_over_limit,
        avg(waited_length) as open_mean_wait
    from open_expanded
    group by {{ keys | join(', ') }}
),

client_counts as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        breakdown,
        breakdown_value,
        service_clients
    from {{ ref('int_availability_clients_counted') }}
),

combinations as (
    select
        county_code,
        rule,
        rule_scope,
        service_code,
        breakdown,
        breakdown_value
    from closed_measures
    union
    select
        county_code,
        rule,
        rule_scope,
        service_code,
        breakdown,
        breakdown_value
    from open_measures
),

rule_units as (
    select
        rule,
        max(case when limit_unit = 'business_days' then 'business_days' else 'days' end) as wait_length_unit
    from {{ ref('care_guarantee_rules') }}
    group by rule
),

spine as (
    select
        combinations.*,
        periods.period_grain,
        periods.period_start,
        periods.period_end
    from combinations
    inner join periods
        on combinations.county_code = periods.county_code
)

select
    spine.county_code,
    spine.period_grain,
    spine.period_start,
    spine.period_end,
    spine.rule,
    spine.rule_scope,
    spine.service_code,
    spine.breakdown,
    spine.breakdown_value,
    rule_units.wait_length_unit,
    cast(coalesce(closed_measures.waits, 0) as {{ dbt.type_bigint() }}) as waits,
    cast(coalesce(closed_measures.waits_left_queue, 0) as {{ dbt.type_bigint() }}) as waits_left_queue,
    cast(closed_measures.mean_wait as {{ tietopohja.type_double() }}) as mean_wait,
    cast(closed_measures.median_wait as {{ tietopohja.type_double() }}) as median_wait,
    cast(closed_measures.wait_length_sum as {{ tietopohja.type_double() }}) as wait_length_sum,
    cast(coalesce(closed_measures.waits_over_limit, 0) as {{ dbt.type_bigint() }}) as waits_over_limit,
    cast(
        closed_measures.waits_over_limit * 100.0 / nullif(closed_measures.waits, 0)
        as {{ tietopohja.type_double() }}
    ) as share_over_limit_pct,
    cast(coalesce(closed_measures.waits_within_7d, 0) as {{ dbt.type_bigint() }}) as waits_within_7d,
    cast(
        closed_measures.waits_within_7d * 100.0 / nullif(closed_measures.waits, 0)
        as {{ tietopohja.type_double() }}
    ) as share_within_7d_pct,
    cast(coalesce(closed_measures.waits_within_14d, 0) as {{ dbt.type_bigint() }}) as waits_within_14d,
    cast(
        closed_measures.waits_within_14d * 100.0 / nullif(closed_measures.waits, 0)
        as {{ tietopohja.type_double() }}
    ) as share_within_14d_pct,
    cast(
        case when spine.service_code is not null then coalesce(client_counts.service_clients, 0) end
        as {{ dbt.type_bigint() }}
    ) as service_clients,
    cast(
        coalesce(closed_measures.waits_over_limit, 0) * 1000.0 / nullif(client_counts.service_clients, 0)
        as {{ tietopohja.type_double() }}
    ) as over_limit_per_1000_clients,
    cast(coalesce(open_measures.open_waits, 0) as {{ dbt.type_bigint() }}) as open_waits,
    cast(coalesce(open_measures.open_over_limit, 0) as {{ dbt.type_bigint() }}) as open_over_limit,
    cast(open_measures.open_mean_wait as {{ tietopohja.type_double() }}) as open_mean_wait
from spine
left join rule_units
    on spine.rule = rule_units.rule
left join closed_measures
    on
        {{ tietopohja.keys_match('spine', 'closed_measures', [], keys) }}
left join open_measures
    on
        {{ tietopohja.keys_match('spine', 'open_measures', [], keys) }}
left join client_counts
    on
        spine.service_code is not null
        and {{ tietopohja.keys_match(
            'spine', 'client_counts', ['county_code', 'period_grain', 'period_start', 'service_code', 'breakdown'],
            ['breakdown_value']
        ) }}
