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
{%- set bigint = dbt.type_bigint() -%}
with discharges as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        coalesce(flagged.service_code, 'unknown') as service_code,
        flagged.person_pseudonym,
        flagged.is_readmitted_30d
    from {{ ref('int_discharges_readmission_flagged') }} as flagged
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            flagged.county_code = periods.county_code
            and flagged.discharge_date between periods.period_start and periods.period_end
),

grouped as (
    {{ tietopohja.union_of_groupings(
        'discharges',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['service_code'],
        sets=[[], ['service_code']],
        measures=[
            'cast(count(*) as ' ~ bigint ~ ') as discharges',
            'cast(sum(case when is_readmitted_30d then 1 else 0 end) as ' ~ bigint ~ ') as readmissions',
            'cast(count(distinct person_pseudonym) as ' ~ bigint ~ ') as persons_discharged',
        ]
    ) }}
),

densified as (
    {{ tietopohja.dense_over_periods(
        'grouped', ['service_code'], ['discharges', 'readmissions', 'persons_discharged']
    ) }}
),

rates as (
    select
        densified.*,
        densified.readmissions * 100.0 / nullif(densified.discharges, 0) as readmission_pct,
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
