{#-
  Henkilöstö ammattiluokittain — personnel by occupation (Statistics
  Finland occupation classification 2010) per county and month, quarter,
  year, with changes. Same measures as personnel_by_organisation: the
  additive columns of int_personnel_periods_aggregated summed per
  occupation, dense over the county's personnel periods (0 HTV and
  headcount where the occupation had no employees, so the change from such
  a period is defined), the rates computed from the sums
  (macros/personnel/personnel_rates.sql), changes from the previous period
  and a year earlier, and the `personnel` group's value_status (the
  measures NULL where it is `not_delivered`).
-#}
with summed as (
    select
        measures.county_code,
        measures.period_grain,
        measures.period_start,
        measures.occupation_code,
        {{ tietopohja.personnel_sums('measures') }}
    from {{ ref('int_personnel_periods_aggregated') }} as measures
    group by
        measures.county_code,
        measures.period_grain,
        measures.period_start,
        measures.occupation_code
),

personnel_periods as (
    select
        reporting_periods.county_code,
        reporting_periods.period_grain,
        reporting_periods.period_start,
        reporting_periods.period_end
    from {{ ref('int_reporting_periods') }} as reporting_periods
    inner join (
        select distinct
            county_code,
            period_grain,
            period_start
        from {{ ref('int_personnel_periods_aggregated') }}
    ) as personnel
        on
            {{ tietopohja.keys_match(
                'reporting_periods', 'personnel', ['county_code', 'period_grain', 'period_start']
            ) }}
),

densified as (
    {{ tietopohja.dense_over_periods(
        'summed',
        ['occupation_code'],
        tietopohja.personnel_additive_columns().keys() | list,
        periods='personnel_periods'
    ) }}
),

measured as (
    select
        densified.*,
        {{ tietopohja.personnel_rates('densified') }},
        {{ tietopohja.value_status_column(['personnel'], 'any', 'densified') }} as value_status
    from densified
),

changed as (
    {{ tietopohja.period_changes(
        'measured',
        ['county_code', 'occupation_code'],
        tietopohja.personnel_change_columns(),
        status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    occupation_code,
    {{ tietopohja.delivered('htv_paid') }} as htv_paid,
    {{ tietopohja.delivered('htv_paid_permanent') }} as htv_paid_permanent,
    {{ tietopohja.delivered('htv_paid_fixed_term') }} as htv_paid_fixed_term,
    {{ tietopohja.delivered('htv_worked') }} as htv_worked,
    {{ tietopohja.delivered('htv_worked_permanent') }} as htv_worked_permanent,
    {{ tietopohja.delivered('htv_worked_fixed_term') }} as htv_worked_fixed_term,
    {{ tietopohja.delivered('headcount_start') }} as headcount_start,
    {{ tietopohja.delivered('headcount_end') }} as headcount_end,
    {{ tietopohja.delivered('permanent_headcount_start') }} as permanent_headcount_start,
    {{ tietopohja.delivered('permanent_headcount_end') }} as permanent_headcount_end,
    {{ tietopohja.delivered('permanent_leavers') }} as permanent_leavers,
    {{ tietopohja.delivered('sick_days') }} as sick_days,
    {{ tietopohja.delivered('training_days') }} as training_days,
    {{ tietopohja.delivered('turnover_permanent_pct') }} as turnover_permanent_pct,
    {{ tietopohja.delivered('sick_days_per_htv') }} as sick_days_per_htv,
    {{ tietopohja.delivered('training_days_per_headcount') }} as training_days_per_headcount,
    htv_paid_change,
    htv_paid_change_yoy,
    htv_paid_growth_yoy_pct,
    htv_worked_change,
    htv_worked_change_yoy,
    htv_worked_growth_yoy_pct,
    turnover_permanent_pct_change,
    turnover_permanent_pct_change_yoy,
    turnover_permanent_pct_growth_yoy_pct,
    sick_days_per_htv_change,
    sick_days_per_htv_change_yoy,
    sick_days_per_htv_growth_yoy_pct,
    training_days_per_headcount_change,
    training_days_per_headcount_change_yoy,
    training_days_per_headcount_growth_yoy_pct,
    value_status
from changed
