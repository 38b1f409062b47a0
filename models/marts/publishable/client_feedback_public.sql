{#-
  Asiakaspalaute, julkaistava — marts.client_feedback for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Responses, promoters
  and detractors are counts of respondents; the mean score is hidden with
  the responses, the NPS with any of the three.
-#}
{{ tietopohja.publishable_mart(
    ref('client_feedback'),
    key_columns=['county_code', 'service_code', 'unit_id'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'service_code',
        'unit_id',
    ],
    person_counts={
        'responses': [],
        'promoters': [],
        'detractors': [],
    },
    computed={
        'mean_score': ['responses'],
        'nps': ['responses', 'promoters', 'detractors'],
    },
    changes={
        'nps': ['change', 'change_yoy', 'growth_yoy_pct'],
        'mean_score': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
