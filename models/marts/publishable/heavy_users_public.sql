{#-
  Suurkäyttäjät, julkaistava — marts.heavy_users for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Clients and top
  clients are counts of persons; the share of clients, the euros of the
  clients and of the costliest clients and the cost share are hidden with
  the counts they are computed from (the cost of one to four persons is
  personal data).
-#}
{{ tietopohja.publishable_mart(
    ref('heavy_users'),
    key_columns=['county_code'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
    ],
    person_counts={
        'clients': [],
        'top_clients': [],
    },
    computed={
        'top_client_share_pct': ['top_clients', 'clients'],
        'clients_allocated_cost_eur': ['clients'],
        'top_allocated_cost_eur': ['top_clients'],
        'top10_cost_share_pct': ['top_clients', 'clients'],
    }) }}
