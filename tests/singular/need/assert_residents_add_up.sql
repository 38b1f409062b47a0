-- Population structure: the whole-county total of every year equals the sum
-- of its municipality × sex × age-group rows and the delivered residents.
with detail as (
    select
        county_code,
        period_start,
        sum(residents) as residents
    from {{ ref('population_structure') }}
    where municipality_code is not null and sex is not null and age_group is not null
    group by county_code, period_start
),

total as (
    select
        county_code,
        period_start,
        residents
    from {{ ref('population_structure') }}
    where municipality_code is null and sex is null and age_group is null
),

delivered as (
    select
        county_code,
        cast({{ dbt.date_trunc('year', 'stat_date') }} as date) as period_start,
        sum(residents) as residents
    from {{ ref('int_residents_classified') }}
    where county_code is not null
    group by county_code, cast({{ dbt.date_trunc('year', 'stat_date') }} as date)
)

select
    delivered.county_code,
    delivered.period_start,
    delivered.residents as delivered_residents,
    detail.residents as detail_residents,
    total.residents as total_residents
from delivered
left join detail
    on delivered.county_code = detail.county_code and delivered.period_start = detail.period_start
left join total
    on delivered.county_code = total.county_code and delivered.period_start = total.period_start
where
    detail.residents is null or total.residents is null
    or detail.residents <> delivered.residents or total.residents <> delivered.residents
