{#-
  Päivystyksen uusintakäynnit 7 vrk, julkaistava —
  marts.emergency_revisits_7d for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Emergency visits,
  revisits and persons are counts of persons' events; visits are hidden also
  when 1–4 persons visited, the share when any of the three is hidden.
-#}
{{ tietopohja.publishable_mart(
    ref('emergency_revisits_7d'),
    key_columns=['county_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
    ],
    person_counts={
        'emergency_visits': ['persons'],
        'revisits_7d': [],
        'persons': [],
    },
    computed={
        'revisit_pct': ['emergency_visits', 'revisits_7d', 'persons'],
    },
    changes={
        'revisit_pct': ['change', 'change_yoy', 'growth_yoy_pct'],
    }) }}
