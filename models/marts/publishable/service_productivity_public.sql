{#-
  Tuottavuus palveluittain, julkaistava — marts.service_productivity for
  publication (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients are the count
  of persons; the outputs of those clients, cost per output and outputs per
  worked HTV are hidden with them. Euros and HTV are shown.
-#}
{{ tietopohja.publishable_mart(
    ref('service_productivity'),
    key_columns=['county_code', 'service_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'period_end',
        'service_code',
        'service_name_fi',
        'aura_class',
        'structure_level',
        'sector',
        'output_kind',
        'allocated_cost_eur',
        'htv_paid',
        'htv_worked',
    ],
    person_counts={
        'clients': [],
    },
    computed={
        'visits': ['clients'],
        'care_days': ['clients'],
        'service_days': ['clients'],
        'outputs': ['clients'],
        'cost_per_visit_eur': ['clients'],
        'cost_per_care_day_eur': ['clients'],
        'cost_per_service_day_eur': ['clients'],
        'cost_per_output_eur': ['clients'],
        'outputs_per_htv_worked': ['clients'],
    },
    changes={
        'outputs': ['change', 'change_yoy', 'growth_yoy_pct'],
        'htv_worked': ['change', 'change_yoy', 'growth_yoy_pct'],
        'cost_per_output_eur': ['change', 'change_yoy', 'growth_yoy_pct'],
        'outputs_per_htv_worked': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
