{#- Every key combination of the model (per county) has a row in every
    reporting period of its county at every grain (int_reporting_periods):
    a dense mart, where the change from a period with nothing is defined.
    Fails with the key combinations that miss periods. With
    periods_of_model: true, the periods are those the model has for the
    county (a mart with a narrower span, e.g. the personnel window). -#}
{% test has_every_period(model, key_columns=[], periods_of_model=false) %}
{%- set keys = ['county_code', 'period_grain'] + key_columns -%}
with rows_per_key as (
    select
        {{ keys | join(', ') }},
        count(distinct period_start) as periods_with_rows
    from {{ model }}
    group by {{ keys | join(', ') }}
),

county_periods as (
    select
        county_code,
        period_grain,
        count(distinct period_start) as periods
    from {{ model if periods_of_model else ref('int_reporting_periods') }}
    group by county_code, period_grain
)

select rows_per_key.*
from rows_per_key
inner join county_periods
    on
        rows_per_key.county_code = county_periods.county_code
        and rows_per_key.period_grain = county_periods.period_grain
where rows_per_key.periods_with_rows <> county_periods.periods
{% endtest %}
