{#-
  Uusintajaksot 30 vrk — share of ward discharges followed by a new
  admission of the same person within 30 days
  (int_discharges_readmission_flagged), per month, quarter and year of the
  discharge day; by the discharging ward's service (service_code NULL = all
  wards). readmission_pct = readmissions ÷ discharges × 100; the denominator
  is the discharges of the period. The latest 30 days' discharges have not
  had their full follow-up yet. Dense over the county's periods: a ward
  with no discharges in a period has a row (0 discharges, rate NULL).
-#}
with grouped as (
    {#- the readmission rows of int_need_measures_aggregated, where the
        rate is computed once (int_key_figures__need publishes the whole
        county's) -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        discharges,
        readmissions,
        persons_discharged,
        readmission_pct
    from {{ ref('int_need_measures_aggregated') }}
    where discharges is not null
),

densified as (
    {{ tietopohja.dense_over_periods(
        'grouped', ['service_code'], ['discharges', 'readmissions', 'persons_discharged'],
        rate_columns=['readmission_pct']
    ) }}
),

rates as (
    select
        densified.*,
        {{ tietopohja.value_status_column(['patient'], 'any', 'densified') }} as value_status
    from densified
),

changes as (
    {{ tietopohja.period_changes(
        'rates', ['county_code', 'service_code'], ['readmission_pct'], status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    service_code,
    {{ tietopohja.delivered('discharges') }} as discharges,
    {{ tietopohja.delivered('readmissions') }} as readmissions,
    {{ tietopohja.delivered('persons_discharged') }} as persons_discharged,
    cast({{ tietopohja.delivered('readmission_pct') }} as double) as readmission_pct,
    {{ tietopohja.period_change_columns({'readmission_pct': tietopohja.type_double()}) }},
    value_status
from changes
