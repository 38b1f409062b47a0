{#-
  Henkilöstö organisaatioittain, julkaistava —
  marts.personnel_by_organisation for publication
  (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). Headcounts, permanent
  headcounts and permanent leavers are counts of persons (employees);
  turnover, sick and training days and the rates built on them are hidden
  with the headcounts (sickness absence of a few employees is health data).
  HTV are shown.
  The spec, shared with the theme's other public marts:
  tietopohja.publishable_personnel_mart (macros/publishable/publishable_theme_marts.sql).
-#}
{{ tietopohja.publishable_personnel_mart(
    ref('personnel_by_organisation'), ['division', 'department', 'section', 'cost_center']
) }}
