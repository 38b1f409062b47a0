{#-
  Odotusajat asiakasryhmittäin — the measures of
  availability_waits_by_service by the client's home municipality, age group
  (age on the day the wait starts) and sex (`breakdown`, `breakdown_value`),
  for the equity view; per county, period, rule and service (service_code
  NULL = all services of the rule), with the
  change from the previous period and from the same period a year earlier
  (minimum-data spec, availability). Waits count in the period they ended;
  open waits are the stock on the period's last day. Definitions and the
  choices the spec left open: int_availability_waits_aggregated,
  int_availability_waits_measured. The select:
  tietopohja.availability_waits_mart (macros/availability/availability.sql).
-#}
{{ tietopohja.availability_waits_mart(['breakdown', 'breakdown_value']) }}
