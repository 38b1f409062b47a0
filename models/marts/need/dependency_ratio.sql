{#-
  Huoltosuhde — the demographic dependency ratio of the county and of each
  municipality per statistics year: (residents aged 0–14 + residents aged
  65 or over) ÷ residents aged 15–64 (seeds/rules/dependency_age_bands.csv),
  as a plain ratio (0.65, not 65), with the change from the previous year.
  municipality_code NULL = whole county. NULL when there are no 15–64-year-olds.
-#}
{%- set bigint = dbt.type_bigint() -%}
with residents as (
    select
        county_code,
        'year' as period_grain,
        cast({{ dbt.date_trunc('year', 'stat_date') }} as date) as period_start,
        stat_date,
        municipality_code,
        dependency_band,
        residents
    from {{ ref('int_residents_classified') }}
    where county_code is not null
),

bands as (
    {{ tietopohja.union_of_groupings(
        'residents',
        keys=['county_code', 'period_grain', 'period_start', 'stat_date'],
        dims=['municipality_code'],
        sets=[['municipality_code'], []],
        measures=[
            'cast(sum(case when dependency_band = \'young\' then residents else 0 end) as ' ~ bigint ~ ') as residents_young',
            'cast(sum(case when dependency_band = \'working_age\' then residents else 0 end) as ' ~ bigint
                ~ ') as residents_working_age',
            'cast(sum(case when dependency_band = \'old\' then residents else 0 end) as ' ~ bigint ~ ') as residents_old',
        ]
    ) }}
),

ratios as (
    select
        bands.*,
        cast((bands.residents_young + bands.residents_old) as double)
        / nullif(bands.residents_working_age, 0) as dependency_ratio,
        {{ tietopohja.value_status_column(['population'], 'any', 'bands') }} as value_status
    from bands
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
