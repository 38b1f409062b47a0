{#-
  Odotusajat ja hoitotakuun ylitykset palveluittain, julkaistava —
  marts.availability_waits_by_service for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Waits (completed, left
  the queue, over the limit, open, open over the limit) and the clients of
  the service are counts of persons; the mean, median and open mean wait are
  hidden with their waits, the share and the rate per 1,000 clients with
  their counts.
  The spec, shared with the theme's other public marts:
  tietopohja.publishable_availability_waits_mart (macros/publishable/publishable_theme_marts.sql).
-#}
{{ tietopohja.publishable_availability_waits_mart(ref('availability_waits_by_service'), []) }}
