{#-
  Odotusajat ja hoitotakuun ylitykset palveluittain — waiting times and
  care-guarantee breaches per county, period (month, quarter, year), rule
  and service (service_code NULL = all services of the rule), with the
  change from the previous period and from the same period a year earlier
  (minimum-data spec, availability). Waits count in the period they ended;
  open waits are the stock on the period's last day. Definitions and the
  choices the spec left open: int_availability_waits_aggregated,
  int_availability_waits_measured. The select:
  tietopohja.availability_waits_mart (macros/availability/availability.sql).
-#}
{{ tietopohja.availability_waits_mart([]) }}
