{#-
  Henkilöstö palveluittain — personnel allocated through the cost centre's
  service: service, structure level and segment, per county and month,
  quarter, year, with changes. Choices: staff of support and
  administration centres have no service (all three columns NULL: they are
  not allocated to services here); the segment is the service's segment,
  `by_age` for services whose clients' segment follows their age (staff are
  not split by clients' age). The measures are computed once, in
  int_personnel_periods_aggregated (its `service` rows); this mart adds the
  `personnel` group's value_status (the measures NULL where it is
  `not_delivered`) and the changes. v1.1: htv_paid_per_1000 (paid HTV ÷ the
  county's year-end residents × 1000; NULL also where the population is
  not delivered: its own status, personnel/population, as the key figure)
  and fixed_term_htv_share_pct (fixed-term share of paid HTV, %).
-#}
with measures as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        structure_level,
        segment,
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
        training_days_per_headcount,
        htv_paid_per_1000,
        fixed_term_htv_share_pct
    from {{ ref('int_personnel_periods_aggregated') }}
    where breakdown = 'service'
),

measured as (
    select
        measures.*,
        {{ tietopohja.source_group_value_status('personnel/population', 'measures') }} as per_resident_status,
        {{ tietopohja.value_status_column(['personnel'], 'any', 'measures') }} as value_status
    from measures
),

changed as (
    {#- the personnel marts' changes, and the two per-service rates (HTV per
        1,000 residents is delivered where personnel and population are) -#}
    {{ tietopohja.period_changes(
        'measured',
        ['county_code', 'service_code', 'structure_level', 'segment'],
        tietopohja.personnel_change_columns({
            'htv_paid_per_1000': 'per_resident_status',
            'fixed_term_htv_share_pct': 'value_status',
        })
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    service_code,
    structure_level,
    segment,
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
    {{ tietopohja.delivered('htv_paid_per_1000', 'per_resident_status') }} as htv_paid_per_1000,
    {{ tietopohja.delivered('fixed_term_htv_share_pct') }} as fixed_term_htv_share_pct,
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
    htv_paid_per_1000_change,
    htv_paid_per_1000_change_yoy,
    htv_paid_per_1000_growth_yoy_pct,
    fixed_term_htv_share_pct_change,
    fixed_term_htv_share_pct_change_yoy,
    fixed_term_htv_share_pct_growth_yoy_pct,
    value_status
from changed
