{#-
  Palvelujen käyttö väestöryhmittäin, julkaistava —
  marts.service_use_by_resident_group for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients and visit
  clients are counts of persons; outputs and the rates per 1,000 residents
  are hidden with the clients they are computed from. Residents are shown
  (official population statistics).
-#}
{{ tietopohja.publishable_mart(
    ref('service_use_by_resident_group'),
    key_columns=['county_code', 'municipality_code', 'sex', 'age_group'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'municipality_code',
        'sex',
        'age_group',
        'residents',
    ],
    person_counts={
        'clients': [],
        'visit_clients': [],
    },
    computed={
        'outputs': ['clients'],
        'clients_per_1000': ['clients'],
        'visit_clients_per_1000': ['visit_clients'],
        'outputs_per_1000': ['clients'],
    },
    changes={
        'clients_per_1000': ['change', 'change_yoy', 'growth_yoy_pct'],
        'outputs_per_1000': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
