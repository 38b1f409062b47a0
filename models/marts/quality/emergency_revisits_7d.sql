{#-
  Päivystyksen uusintakäynnit 7 vrk — share of emergency (PAIVYSTYS) visits
  followed by another PAIVYSTYS visit of the same person within 7 days
  (int_emergency_visits_revisit_flagged), per month, quarter and year of
  the first visit; revisit_pct = revisited visits ÷ emergency visits × 100.
  Dense over the county's periods (0 visits, rate NULL in a period without).
-#}
with visits as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        flagged.person_pseudonym,
        flagged.is_revisited_7d
    from {{ ref('int_emergency_visits_revisit_flagged') }} as flagged
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            flagged.county_code = periods.county_code
            and flagged.visit_date between periods.period_start and periods.period_end
),

grouped as (
    select
        county_code,
        period_grain,
        period_start,
        cast(count(*) as {{ dbt.type_bigint() }}) as emergency_visits,
        cast(sum(case when is_revisited_7d then 1 else 0 end) as {{ dbt.type_bigint() }}) as revisits_7d,
        cast(count(distinct person_pseudonym) as {{ dbt.type_bigint() }}) as persons
    from visits
    group by county_code, period_grain, period_start
),

densified as (
    {{ tietopohja.dense_over_periods('grouped', [], ['emergency_visits', 'revisits_7d', 'persons']) }}
),

rates as (
    select
        densified.*,
        densified.revisits_7d * 100.0 / nullif(densified.emergency_visits, 0) as revisit_pct,
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
