{#-
  Palvelujen yhteensovittaminen, julkaistava —
  marts.client_service_coordination for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients, clients of
  both sectors and clients of three or more services are counts of persons;
  the shares are hidden with their counts.
-#}
{{ tietopohja.publishable_mart(
    ref('client_service_coordination'),
    key_columns=['county_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
    ],
    person_counts={
        'clients': [],
        'clients_health_and_social': [],
        'clients_3plus_services': [],
    },
    computed={
        'health_and_social_pct': ['clients_health_and_social', 'clients'],
        'three_plus_services_pct': ['clients_3plus_services', 'clients'],
    },
    changes={
        'clients_health_and_social': ['change', 'change_yoy', 'growth_yoy_pct'],
        'health_and_social_pct': ['change', 'change_yoy'],
        'clients_3plus_services': ['change', 'change_yoy'],
    }) }}
