{#-
  Odotusajat asiakasryhmittäin — the measures of
  availability_waits_by_service (the same definitions, period rules and
  changes) by the client's home municipality, age group (age on the day the
  wait starts) and sex (`breakdown`, `breakdown_value`), for the equity
  view. The select: tietopohja.availability_waits_mart
  (macros/availability/availability.sql).
-#}
{{ tietopohja.availability_waits_mart(['breakdown', 'breakdown_value']) }}
