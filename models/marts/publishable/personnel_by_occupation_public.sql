{#-
  Henkilöstö ammattiluokittain, julkaistava — marts.personnel_by_occupation
  for publication (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). As
  personnel_by_organisation_public, by occupation.
-#}
{{ tietopohja.publishable_mart(
    ref('personnel_by_occupation'),
    key_columns=['county_code', 'occupation_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'occupation_code',
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
