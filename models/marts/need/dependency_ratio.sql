{#-
  Huoltosuhde — the demographic dependency ratio of the county and of each
  municipality per statistics year: (residents aged 0–14 + residents aged
  65 or over) ÷ residents aged 15–64 (seeds/rules/dependency_age_bands.csv),
  as a plain ratio (0.65, not 65), with the change from the previous year.
  municipality_code NULL = whole county. NULL when there are no 15–64-year-olds.
  Computed once, in int_need_measures_aggregated (also read by
  int_key_figures__need, which publishes every month and quarter too).
-#}
with ratios as (
    {#- the year rows at their own year end (int_need_measures_aggregated
        has every period, a month at the latest year end before it) -#}
    select
        county_code,
        period_grain,
        period_start,
        stat_date,
        municipality_code,
        residents_young,
        residents_working_age,
        residents_old,
        dependency_ratio,
        {{ tietopohja.value_status_column(['population'], 'any', 'measures') }} as value_status
    from {{ ref('int_need_measures_aggregated') }} as measures
    where
        period_grain = 'year'
        and cast({{ dbt.date_trunc('year', 'stat_date') }} as date) = period_start
        and service_code is null
        and segment is null
        and age_group is null
        and unit_id is null
        and residents is not null
),

changes as (
    {{ tietopohja.period_changes(
        'ratios', ['county_code', 'municipality_code'], ['dependency_ratio'], status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    stat_date,
    municipality_code,
    {{ tietopohja.delivered('residents_young') }} as residents_young,
    {{ tietopohja.delivered('residents_working_age') }} as residents_working_age,
    {{ tietopohja.delivered('residents_old') }} as residents_old,
    cast({{ tietopohja.delivered('dependency_ratio') }} as double) as dependency_ratio,
    {{ tietopohja.period_change_columns({'dependency_ratio': tietopohja.type_double()}) }},
    value_status
from changes
