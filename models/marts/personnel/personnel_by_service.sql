{#-
  Henkilöstö palveluittain — personnel allocated through the cost centre's
  service: service, structure level and segment, per county and month,
  quarter, year, with changes. Choices: staff of support and
  administration centres have no service (all three columns NULL: they are
  not allocated to services here); the segment is the service's segment,
  `by_age` for services whose clients' segment follows their age (staff are
  not split by clients' age).
-#}
{{ tietopohja.personnel_breakdown_mart({
    'service_code': 'cost_centers.service_code',
    'structure_level': 'cost_centers.structure_level',
    'segment': 'cost_centers.service_segment',
}) }}
