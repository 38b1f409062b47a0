{#-
  Yksikkökustannukset, julkaistava — marts.service_unit_costs for
  publication (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients are the count
  of persons; their outputs (visits, care days, service days) and every cost
  per client or per output are hidden with them. Euros, residents and cost
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
    },
    computed={
        'visits': ['clients'],
        'care_days': ['clients'],
        'service_days': ['clients'],
        'cost_per_client_eur': ['clients'],
        'cost_per_visit_eur': ['clients'],
        'cost_per_care_day_eur': ['clients'],
        'cost_per_service_day_eur': ['clients'],
    },
    changes={
        'allocated_cost_eur': ['change', 'change_yoy', 'growth_yoy_pct'],
        'clients': ['change', 'change_yoy', 'growth_yoy_pct'],
        'cost_per_client_eur': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
