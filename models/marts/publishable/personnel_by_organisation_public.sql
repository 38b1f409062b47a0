{#-
  Henkilöstö organisaatioittain, julkaistava —
  marts.personnel_by_organisation for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Headcounts, permanent
  headcounts and permanent leavers are counts of persons (employees);
  turnover, sick and training days and the rates built on them are hidden
  with the headcounts (sickness absence of a few employees is health data).
  HTV are shown.
-#}
{{ tietopohja.publishable_mart(
    ref('personnel_by_organisation'),
    key_columns=['county_code', 'division', 'department', 'section', 'cost_center'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'division',
        'department',
        'section',
        'cost_center',
        'htv_paid',
        'htv_paid_permanent',
        'htv_paid_fixed_term',
        'htv_worked',
        'htv_worked_permanent',
        'htv_worked_fixed_term',
    ],
    person_counts={
        'headcount_start': [],
        'headcount_end': [],
        'permanent_headcount_start': [],
        'permanent_headcount_end': [],
        'permanent_leavers': [],
    },
    computed={
        'sick_days': ['headcount_start', 'headcount_end'],
        'training_days': ['headcount_start', 'headcount_end'],
        'turnover_permanent_pct': ['permanent_leavers', 'permanent_headcount_start', 'permanent_headcount_end'],
        'sick_days_per_htv': ['headcount_start', 'headcount_end'],
        'training_days_per_headcount': ['headcount_start', 'headcount_end'],
    },
    changes={
        'htv_paid': ['change', 'change_yoy', 'growth_yoy_pct'],
        'htv_worked': ['change', 'change_yoy', 'growth_yoy_pct'],
        'turnover_permanent_pct': ['change', 'change_yoy', 'growth_yoy_pct'],
        'sick_days_per_htv': ['change', 'change_yoy', 'growth_yoy_pct'],
        'training_days_per_headcount': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
