{#-
  Henkilöstö palveluittain, julkaistava — marts.personnel_by_service for
  publication (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). As
  personnel_by_organisation_public, by the cost centre's service.
  The spec, shared with the theme's other public marts:
  tietopohja.publishable_personnel_mart (macros/publishable/publishable_theme_marts.sql).
-#}
{{ tietopohja.publishable_personnel_mart(
    ref('personnel_by_service'), ['service_code', 'structure_level', 'segment']
) }}
