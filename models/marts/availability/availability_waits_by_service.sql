{#-
  Odotusajat ja hoitotakuun ylitykset palveluittain — waiting times and
  care-guarantee breaches per county, period (month, quarter, year), rule
  and service (service_code NULL = all services of the rule), with the
  change from the previous period and from the same period a year earlier
  (minimum-data spec, availability). Waits count in the period they ended;
  open waits are the stock on the period's last day. Definitions and the
  choices the spec left open: int_availability_waits_aggregated,
  int_availability_waits_measured.
-#}
with by_service as (
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        rule,
        service_code,
        wait_length_unit,
        waits,
        waits_left_queue,
        mean_wait,
        median_wait,
        waits_over_limit,
        share_over_limit_pct,
        service_clients,
        over_limit_per_1000_clients,
        open_waits,
        open_over_limit,
        open_mean_wait
    from {{ ref('int_availability_waits_aggregated') }}
    where breakdown = 'all'
),

with_changes as (
    {{ tietopohja.period_changes(
        'by_service',
        ['county_code', 'rule', 'service_code'],
        ['waits', 'waits_over_limit', 'share_over_limit_pct', 'mean_wait', 'open_waits', 'open_over_limit']
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    period_end,
    rule,
    service_code,
    wait_length_unit,
    waits,
    waits_left_queue,
    mean_wait,
    median_wait,
    waits_over_limit,
    share_over_limit_pct,
    service_clients,
    over_limit_per_1000_clients,
    open_waits,
    open_over_limit,
    open_mean_wait,
    cast(waits_change as {{ dbt.type_bigint() }}) as waits_change,
    cast(waits_change_yoy as {{ dbt.type_bigint() }}) as waits_change_yoy,
    cast(waits_growth_yoy_pct as {{ tietopohja.type_double() }}) as waits_growth_yoy_pct,
    cast(waits_over_limit_change as {{ dbt.type_bigint() }}) as waits_over_limit_change,
    cast(waits_over_limit_change_yoy as {{ dbt.type_bigint() }}) as waits_over_limit_change_yoy,
    cast(waits_over_limit_growth_yoy_pct as {{ tietopohja.type_double() }}) as waits_over_limit_growth_yoy_pct,
    cast(share_over_limit_pct_change as {{ tietopohja.type_double() }}) as share_over_limit_pct_change,
    cast(share_over_limit_pct_change_yoy as {{ tietopohja.type_double() }}) as share_over_limit_pct_change_yoy,
    cast(share_over_limit_pct_growth_yoy_pct as {{ tietopohja.type_double() }})
        as share_over_limit_pct_growth_yoy_pct,
    cast(mean_wait_change as {{ tietopohja.type_double() }}) as mean_wait_change,
    cast(mean_wait_change_yoy as {{ tietopohja.type_double() }}) as mean_wait_change_yoy,
    cast(mean_wait_growth_yoy_pct as {{ tietopohja.type_double() }}) as mean_wait_growth_yoy_pct,
    cast(open_waits_change as {{ dbt.type_bigint() }}) as open_waits_change,
    cast(open_waits_change_yoy as {{ dbt.type_bigint() }}) as open_waits_change_yoy,
    cast(open_waits_growth_yoy_pct as {{ tietopohja.type_double() }}) as open_waits_growth_yoy_pct,
    cast(open_over_limit_change as {{ dbt.type_bigint() }}) as open_over_limit_change,
    cast(open_over_limit_change_yoy as {{ dbt.type_bigint() }}) as open_over_limit_change_yoy,
    cast(open_over_limit_growth_yoy_pct as {{ tietopohja.type_double() }}) as open_over_limit_growth_yoy_pct
from with_changes
