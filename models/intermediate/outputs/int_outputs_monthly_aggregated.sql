{#-
  Suoritteet kuukausittain — outputs (int_outputs_expanded) counted per
  county, month, output type, service, segment, cost centre, production
  mode and the client's home municipality. Counts of outputs are additive
  (quarters and years are sums of months); counts of clients are not and
  are not here (see int_clients_periodized). The building block for cost
  per output and for splitting a `by_age` service's euros across segments.
-#}
{{ config(
    materialized=tietopohja.incremental_by_month_materialized(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ tietopohja.delete_changed_months(tietopohja.in_changed_output_months('stale.month_start')) }}"
) }}

select
    county_code,
    cast({{ dbt.date_trunc('month', 'output_date') }} as date) as month_start,
    output_type,
    service_code,
    segment,
    cost_center,
    production_mode,
    home_municipality_code,
    cast(count(*) as {{ dbt.type_bigint() }}) as outputs,
    cast(
        sum(case when contact_type in ('R10', 'R20', 'R30', 'R40', 'R41', 'R52') then 1 else 0 end)
        as {{ dbt.type_bigint() }}
    ) as outpatient_visits
from {{ ref('int_outputs_expanded') }}
where {{ tietopohja.in_changed_output_months('output_date') }}
group by
    county_code,
    cast({{ dbt.date_trunc('month', 'output_date') }} as date),
    output_type,
    service_code,
    segment,
    cost_center,
    production_mode,
    home_municipality_code
