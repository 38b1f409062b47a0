{#-
  Henkilöstö ammattiluokittain — personnel by occupation (Statistics
  Finland occupation classification 2010) per county and month, quarter,
  year, with changes. Same measures as personnel_by_organisation, computed
  once in int_personnel_periods_aggregated (its `occupation` rows: dense
  over the county's personnel periods, rates from the sums); this mart adds
  the `personnel` group's value_status (the measures NULL where it is
  `not_delivered`) and the changes from the previous period and a year
  earlier.
-#}
with measures as (
    select
        county_code,
        period_grain,
        period_start,
        occupation_code,
        htv_paid,
        htv_paid_permanent,
        htv_paid_fixed_term,
        htv_worked,
        htv_worked_permanent,
        htv_worked_fixed_term,
        headcount_start,
        headcount_end,
        permanent_headcount_start,
        permanent_headcount_end,
        permanent_leavers,
        sick_days,
        training_days,
        turnover_permanent_pct,
        sick_days_per_htv,
        training_days_per_headcount
    from {{ ref('int_personnel_periods_aggregated') }}
    where breakdown = 'occupation'
),

measured as (
    select
        measures.*,
        {{ tietopohja.value_status_column(['personnel'], 'any', 'measures') }} as value_status
    from measures
),

changed as (
    {{ tietopohja.period_changes(
        'measured',
        ['county_code', 'occupation_code'],
        tietopohja.personnel_change_columns()
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
