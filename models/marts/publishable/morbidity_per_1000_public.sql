{#-
  Sairastavuus, julkaistava — marts.morbidity_per_1000 for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients are the count
  of persons; the rate per 1,000 residents is hidden with them. Residents
  are shown.
-#}
{{ tietopohja.publishable_mart(
    ref('morbidity_per_1000'),
    key_columns=['county_code', 'group_type', 'group_code', 'municipality_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'group_type',
        'group_code',
        'municipality_code',
        'residents',
    ],
    person_counts={
        'clients': [],
    },
    computed={
        'clients_per_1000': ['clients'],
    },
    changes={
        'clients_per_1000': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
