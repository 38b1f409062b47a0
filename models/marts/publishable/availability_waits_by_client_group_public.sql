{#-
  Odotusajat asiakasryhmittäin, julkaistava —
  marts.availability_waits_by_client_group for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). As
  availability_waits_by_service_public, per home municipality, age group and
  sex.
  The spec, shared with the theme's other public marts:
  tietopohja.publishable_availability_waits_mart (macros/publishable/publishable_theme_marts.sql).
-#}
{{ tietopohja.publishable_availability_waits_mart(
    ref('availability_waits_by_client_group'), ['breakdown', 'breakdown_value']
) }}
