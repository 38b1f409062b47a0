{#-
  Odotusajat asiakasryhmittäin — the measures of
  availability_waits_by_service (the same definitions, period rules and
  changes) by the client's home municipality, age group (age on the day the
  wait starts) and sex (`breakdown`, `breakdown_value`), for the equity
  view.
-#}
with aggregated as (
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        rule,
        service_code,
        breakdown,
        breakdown_value,
        wait_length_unit,
        waits,
        waits_left_queue,
        mean_wait,
        median_wait,
        waits_over_limit,
        share_over_limit_pct,
        waits_within_7d,
        share_within_7d_pct,
        waits_within_14d,
        share_within_14d_pct,
        service_clients,
        over_limit_per_1000_clients,
        open_waits,
        open_over_limit,
        open_mean_wait
    from {{ ref('int_availability_waits_aggregated') }}
    where breakdown <> 'all' and rule_scope = 'governing'
),

measured as (
    {#- the social-care rules' value_status is the `social` source group's,
        every other rule's the `patient` group's -#}
    select
        aggregated.*,
        case
            when {{ tietopohja.is_social_care_rule('aggregated.rule') }}
                then {{ tietopohja.value_status_column(['social'], 'any', 'aggregated') }}
            else {{ tietopohja.value_status_column(['patient'], 'any', 'aggregated') }}
        end as value_status
    from aggregated
),

with_changes as (
    {{ tietopohja.period_changes(
        'measured',
        ['county_code', 'rule', 'service_code', 'breakdown', 'breakdown_value'],
        ['waits', 'waits_over_limit', 'share_over_limit_pct', 'mean_wait', 'open_waits', 'open_over_limit',
            'share_within_7d_pct', 'share_within_14d_pct'],
        status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    period_end,
    rule,
    service_code,
    breakdown,
    breakdown_value,
    wait_length_unit,
    {{ tietopohja.delivered('waits') }} as waits,
    {{ tietopohja.delivered('waits_left_queue') }} as waits_left_queue,
    {{ tietopohja.delivered('mean_wait') }} as mean_wait,
    {{ tietopohja.delivered('median_wait') }} as median_wait,
    {{ tietopohja.delivered('waits_over_limit') }} as waits_over_limit,
    {{ tietopohja.delivered('share_over_limit_pct') }} as share_over_limit_pct,
    {{ tietopohja.delivered('waits_within_7d') }} as waits_within_7d,
    {{ tietopohja.delivered('share_within_7d_pct') }} as share_within_7d_pct,
    {{ tietopohja.delivered('waits_within_14d') }} as waits_within_14d,
    {{ tietopohja.delivered('share_within_14d_pct') }} as share_within_14d_pct,
    {{ tietopohja.delivered('service_clients') }} as service_clients,
    {{ tietopohja.delivered('over_limit_per_1000_clients') }} as over_limit_per_1000_clients,
    {{ tietopohja.delivered('open_waits') }} as open_waits,
    {{ tietopohja.delivered('open_over_limit') }} as open_over_limit,
    {{ tietopohja.delivered('open_mean_wait') }} as open_mean_wait,
    {{ tietopohja.period_change_columns({
        'waits': dbt.type_bigint(),
        'waits_over_limit': dbt.type_bigint(),
        'share_over_limit_pct': tietopohja.type_double(),
        'mean_wait': tietopohja.type_double(),
        'open_waits': dbt.type_bigint(),
        'open_over_limit': dbt.type_bigint(),
        'share_within_7d_pct': tietopohja.type_double(),
        'share_within_14d_pct': tietopohja.type_double()
    }) }},
    value_status
from with_changes
