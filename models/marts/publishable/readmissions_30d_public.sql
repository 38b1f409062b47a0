{#-
  Uusintajaksot 30 vrk, julkaistava — marts.readmissions_30d for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Discharges,
  readmissions and persons discharged are counts of persons' events (1–4
  events concern 1–4 persons); discharges are hidden also when 1–4 persons
  were discharged, the share when any of the three is hidden.
-#}
{{ tietopohja.publishable_mart(
    ref('readmissions_30d'),
    key_columns=['county_code', 'service_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'service_code',
    ],
    person_counts={
        'discharges': ['persons_discharged'],
        'readmissions': [],
        'persons_discharged': [],
    },
    computed={
        'readmission_pct': ['discharges', 'readmissions', 'persons_discharged'],
    },
    changes={
        'readmission_pct': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
