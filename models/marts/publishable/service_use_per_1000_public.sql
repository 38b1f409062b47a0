{#-
  Palvelujen käyttö / 1000 asukasta, julkaistava —
  marts.service_use_per_1000 for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients are the count
  of persons; their outputs and the rates per 1,000 residents are hidden
  with them. Residents are shown (official population statistics).
-#}
{{ tietopohja.publishable_mart(
    ref('service_use_per_1000'),
    key_columns=['county_code', 'service_code', 'segment', 'age_group', 'municipality_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'service_code',
        'segment',
        'age_group',
        'municipality_code',
        'residents',
    ],
    person_counts={
        'clients': [],
    },
    computed={
        'outputs': ['clients'],
        'visits': ['clients'],
        'care_days': ['clients'],
        'service_days': ['clients'],
        'clients_per_1000': ['clients'],
        'outputs_per_1000': ['clients'],
    },
    changes={
        'clients_per_1000': ['change', 'change_yoy', 'growth_yoy_pct'],
        'outputs_per_1000': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
