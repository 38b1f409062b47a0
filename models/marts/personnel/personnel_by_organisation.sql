{#-
  Henkilöstö organisaatioittain — personnel by the organisation hierarchy
  (division → department → section → cost centre, the cost centre's row in
  finance/cost_centers) per county and month, quarter, year: paid and worked
  HTV (permanent, fixed-term, together), headcount, turnover of permanent
  staff, sickness-absence days per paid HTV, training days per headcount,
  with change from the previous period and year on year. The additive
  columns roll up to any level of the hierarchy; recompute the rates from
  the sums. Definitions: int_personnel_periods_aggregated.
-#}
{{ tietopohja.personnel_breakdown_mart({
    'division': 'cost_centers.division',
    'department': 'cost_centers.department',
    'section': 'cost_centers.section',
    'cost_center': 'measures.cost_center',
}) }}
