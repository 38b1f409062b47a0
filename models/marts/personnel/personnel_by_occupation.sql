{#-
  Henkilöstö ammattiluokittain — personnel by occupation (Statistics
  Finland occupation classification 2010) per county and month, quarter,
  year, with changes. Same measures as personnel_by_organisation.
-#}
{{ tietopohja.personnel_breakdown_mart({
    'occupation_code': 'measures.occupation_code',
}) }}
