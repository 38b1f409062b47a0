{#-
  Odotusajat asiakasryhmittäin, julkaistava —
  marts.availability_waits_by_client_group for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). As
  availability_waits_by_service_public, per home municipality, age group and
  sex.
-#}
{{ tietopohja.publishable_mart(
    ref('availability_waits_by_client_group'),
    key_columns=['county_code', 'rule', 'service_code', 'breakdown', 'breakdown_value'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'period_end',
        'rule',
        'service_code',
        'breakdown',
        'breakdown_value',
        'wait_length_unit',
    ],
    person_counts={
        'waits': [],
        'waits_left_queue': [],
        'waits_over_limit': [],
        'service_clients': [],
        'open_waits': [],
        'open_over_limit': [],
    },
    computed={
        'mean_wait': ['waits'],
        'median_wait': ['waits'],
        'share_over_limit_pct': ['waits_over_limit', 'waits'],
        'over_limit_per_1000_clients': ['waits_over_limit', 'service_clients'],
        'open_mean_wait': ['open_waits'],
    },
    changes={
        'waits': ['change', 'change_yoy', 'growth_yoy_pct'],
        'waits_over_limit': ['change', 'change_yoy', 'growth_yoy_pct'],
        'share_over_limit_pct': ['change', 'change_yoy', 'growth_yoy_pct'],
        'mean_wait': ['change', 'change_yoy', 'growth_yoy_pct'],
        'open_waits': ['change', 'change_yoy', 'growth_yoy_pct'],
        'open_over_limit': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
