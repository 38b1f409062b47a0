{#-
  Väestörakenne — year-end residents of the county by municipality, sex and
  age group (seeds/rules/population_age_groups.csv) per statistics year,
  with the change from the previous year end. Rows: municipality × sex × age
  group, and totals where the breakdown is NULL (municipality_code NULL =
  whole county; sex and age_group NULL = all). The county of a municipality
  is that of the statistics year's classification. The totals are
  `grouping sets` (`noqa: PRS, LT02`: sqlfluff's DuckDB dialect does not
  parse them; DuckDB and Spark run them).
-#}
with residents as (
    select
        county_code,
        'year' as period_grain,
        cast({{ dbt.date_trunc('year', 'stat_date') }} as date) as period_start,
        stat_date,
        municipality_code,
        sex,
        age_group,
        residents
    from {{ ref('int_residents_classified') }}
    where county_code is not null
),

grouped_sets as (
    select
        county_code,
        period_grain,
        period_start,
        stat_date,
        municipality_code,
        sex,
        age_group,
        grouping(municipality_code) as is_all_municipalities,
        grouping(sex) as is_all_sexes,
        cast(sum(residents) as {{ dbt.type_bigint() }}) as residents
    from residents
    group by
        county_code,
        period_grain,
        period_start,
        stat_date,
        grouping sets ((municipality_code, sex, age_group), (municipality_code), (sex, age_group), ())  -- noqa: PRS, LT02, LT05
),

grouped as (
    {#- a resident without a known municipality or sex counts only in the
        rows not broken down by it (NULL always means "all") -#}
    select
        county_code,
        period_grain,
        period_start,
        stat_date,
        municipality_code,
        sex,
        age_group,
        residents
    from grouped_sets
    where
        (is_all_municipalities = 1 or municipality_code is not null)
        and (is_all_sexes = 1 or sex is not null)
),

statused as (
    select
        grouped.*,
        {{ tietopohja.value_status_column(['population'], 'any', 'grouped') }} as value_status
    from grouped
),

changes as (
    {{ tietopohja.period_changes(
        'statused', ['county_code', 'municipality_code', 'sex', 'age_group'], ['residents'],
        status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    stat_date,
    municipality_code,
    cast(sex as {{ dbt.type_bigint() }}) as sex,
    age_group,
    {{ tietopohja.delivered('residents') }} as residents,
    {{ tietopohja.period_change_columns({'residents': dbt.type_bigint()}) }},
    value_status
from changes
