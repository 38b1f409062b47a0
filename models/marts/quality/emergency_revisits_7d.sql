{#-
  Päivystyksen uusintakäynnit 7 vrk — share of emergency (PAIVYSTYS) visits
  followed by another PAIVYSTYS visit of the same person within 7 days
  (int_emergency_visits_revisit_flagged), per month, quarter and year of
  the first visit; revisit_pct = revisited visits ÷ emergency visits × 100.
  Dense over the county's periods (0 visits, rate NULL in a period without).
-#}
with grouped as (
    {#- the emergency-revisit rows of int_need_measures_aggregated (whole
        county), where the rate is computed -#}
    select
        county_code,
        period_grain,
        period_start,
        emergency_visits,
        revisits_7d,
        emergency_persons as persons,
        revisit_pct
    from {{ ref('int_need_measures_aggregated') }}
    where emergency_visits is not null
),

densified as (
    {{ tietopohja.dense_over_periods(
        'grouped', [], ['emergency_visits', 'revisits_7d', 'persons'], rate_columns=['revisit_pct']
    ) }}
),

rates as (
    select
        densified.*,
        {{ tietopohja.value_status_column(['patient'], 'any', 'densified') }} as value_status
    from densified
),

changes as (
    {{ tietopohja.period_changes('rates', ['county_code'], ['revisit_pct'], status_column='value_status') }}
)

select
    county_code,
    period_grain,
    period_start,
    {{ tietopohja.delivered('emergency_visits') }} as emergency_visits,
    {{ tietopohja.delivered('revisits_7d') }} as revisits_7d,
    {{ tietopohja.delivered('persons') }} as persons,
    cast({{ tietopohja.delivered('revisit_pct') }} as double) as revisit_pct,
    {{ tietopohja.period_change_columns({'revisit_pct': tietopohja.type_double()}) }},
    value_status
from changes
