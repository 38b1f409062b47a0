{#-
  Alueelliset hyvinvointi-indikaattorit — socio-economic indicators by
  municipality and year as delivered (population/area_indicators: e.g.
  unemployment_rate_pct, median_income_eur, low_income_share_pct), with the
  county of the municipality in that year's classification (nearest year
  when outside the reference) and the change from the previous year. Only
  what the county delivered: the file is optional.
-#}
with classification_years as (
    select
        min(year) as first_year,
        max(year) as last_year
    from {{ ref('ref_municipality_county') }}
),

indicators as (
    select
        municipalities.county_code,
        'year' as period_grain,
        {{ tietopohja.period_to_date(dbt.concat(['cast(indicators.year as ' ~ dbt.type_string() ~ ')', "'-01'"])) }}
            as period_start,
        indicators.municipality_code,
        indicators.indicator,
        cast(indicators.value as double) as indicator_value
    from {{ ref('stg_population__area_indicators') }} as indicators
    cross join classification_years
    left join {{ ref('ref_municipality_county') }} as municipalities
        on
            indicators.municipality_code = municipalities.municipality_code
            and municipalities.year = greatest(
                least(indicators.year, classification_years.last_year),
                classification_years.first_year
            )
),

statused as (
    select
        indicators.*,
        {{ tietopohja.value_status_column(['population'], 'any', 'indicators') }} as value_status
    from indicators
),

changes as (
    {{ tietopohja.period_changes(
        'statused', ['county_code', 'municipality_code', 'indicator'], ['indicator_value'],
        status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    municipality_code,
    indicator,
    {{ tietopohja.delivered('indicator_value') }} as indicator_value,
    {{ tietopohja.period_change_columns({'indicator_value': tietopohja.type_double()}) }},
    value_status
from changes
