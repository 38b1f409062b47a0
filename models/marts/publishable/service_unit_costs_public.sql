{#-
  Yksikkökustannukset, julkaistava — marts.service_unit_costs for
  publication (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients and the
  persons behind each kind of output (visit_clients, care_day_clients,
  service_day_clients) are counts of persons; the outputs (visits, care
  days, service days) and every cost per client or per output are hidden
  with the counts they are built on: a total row of many clients does not
  show the care days of one or two persons. Euros, residents and cost
  per resident are shown (residents are official population statistics, as
  in key_figures).
-#}
{{ tietopohja.publishable_mart(
    ref('service_unit_costs'),
    key_columns=['county_code', 'service_code', 'segment'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'service_code',
        'aura_class',
        'structure_level',
        'sector',
        'segment',
        'allocated_cost_eur',
        'residents',
        'cost_per_resident_eur',
    ],
    person_counts={
        'clients': [],
        'visit_clients': [],
        'care_day_clients': [],
        'service_day_clients': [],
    },
    computed={
        'visits': ['clients', 'visit_clients'],
        'care_days': ['clients', 'care_day_clients'],
        'service_days': ['clients', 'service_day_clients'],
        'cost_per_client_eur': ['clients'],
        'cost_per_visit_eur': ['clients', 'visit_clients'],
        'cost_per_care_day_eur': ['clients', 'care_day_clients'],
        'cost_per_service_day_eur': ['clients', 'service_day_clients'],
    },
    changes={
        'allocated_cost_eur': ['change', 'change_yoy', 'growth_yoy_pct'],
        'clients': ['change', 'change_yoy', 'growth_yoy_pct'],
        'cost_per_client_eur': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
