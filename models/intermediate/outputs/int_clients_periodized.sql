{#-
  Asiakkaat jaksoittain — one row per county, reporting period (month,
  quarter, year of int_reporting_periods), client, service, segment and home
  municipality in which the client had at least one output
  (int_outputs_expanded) in the period, with the outputs counted by type.
  "Clients of a service in a period: distinct persons with at least one
  output of the service in the period" = count(distinct person_pseudonym)
  over these rows. A client belongs to every segment and every home
  municipality in which they had an output in the period.

  age_at_period_end / age_group: the client's age on the period's last day
  (seeds/rules/population_age_groups.csv) — one age per client and period,
  as population statistics count residents at year end.
-#}
{{ config(
    materialized=tietopohja.incremental_by_month_materialized(),
    incremental_strategy='append',
    on_schema_change='sync_all_columns',
    pre_hook="{{ tietopohja.delete_changed_months(tietopohja.period_output_rows_stale()) }}"
) }}

{%- set bigint = dbt.type_bigint() -%}
with month_outputs as (
    {#- a client's outputs of a month first: the months join their periods
        (the month, its quarter and its year), not every output day -#}
    select
        county_code,
        person_pseudonym,
        service_code,
        sector,
        segment,
        home_municipality_code,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date) as month_start,
        max(birth_date) as birth_date,
        max(sex) as sex,
        count(*) as outputs,
        sum(case when output_type = 'visit' then 1 else 0 end) as visits,
        sum(case when output_type = 'care_day' then 1 else 0 end) as care_days,
        sum(case when output_type = 'service_day' then 1 else 0 end) as service_days
    from {{ ref('int_outputs_expanded') }}
    group by
        county_code,
        person_pseudonym,
        service_code,
        sector,
        segment,
        home_municipality_code,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date)
),

period_outputs as (
    select
        month_outputs.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        month_outputs.person_pseudonym,
        month_outputs.service_code,
        month_outputs.sector,
        month_outputs.segment,
        month_outputs.home_municipality_code,
        max(month_outputs.birth_date) as birth_date,
        max(month_outputs.sex) as sex,
        cast(sum(month_outputs.outputs) as {{ bigint }}) as outputs,
        cast(sum(month_outputs.visits) as {{ bigint }}) as visits,
        cast(sum(month_outputs.care_days) as {{ bigint }}) as care_days,
        cast(sum(month_outputs.service_days) as {{ bigint }}) as service_days
    from month_outputs
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('month_outputs', 'month_start') }}
    where {{ tietopohja.period_not_built('periods') }}
    group by
        month_outputs.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        month_outputs.person_pseudonym,
        month_outputs.service_code,
        month_outputs.sector,
        month_outputs.segment,
        month_outputs.home_municipality_code
),

period_outputs_aged as (
    select
        *,
        {{ tietopohja.age_in_years('birth_date', 'period_end') }} as age_at_period_end
    from period_outputs
),

age_group_of_age as (
    {#- each age that occurs placed in its age group once: the rows join it
        by equality (a range join sorted all 7.6 M rows at 550,000
        residents) -#}
    select
        ages.age_at_period_end,
        age_groups.age_group
    from (select distinct age_at_period_end from period_outputs_aged) as ages
    inner join {{ ref('population_age_groups') }} as age_groups
        on ages.age_at_period_end between age_groups.age_from and age_groups.age_to
)

select
    period_outputs_aged.county_code,
    period_outputs_aged.period_grain,
    period_outputs_aged.period_start,
    period_outputs_aged.period_end,
    period_outputs_aged.person_pseudonym,
    period_outputs_aged.service_code,
    period_outputs_aged.sector,
    period_outputs_aged.segment,
    period_outputs_aged.home_municipality_code,
    period_outputs_aged.birth_date,
    period_outputs_aged.sex,
    period_outputs_aged.age_at_period_end,
    coalesce(age_group_of_age.age_group, 'unknown') as age_group,
    period_outputs_aged.outputs,
    period_outputs_aged.visits,
    period_outputs_aged.care_days,
    period_outputs_aged.service_days
from period_outputs_aged
left join age_group_of_age
    on period_outputs_aged.age_at_period_end = age_group_of_age.age_at_period_end
