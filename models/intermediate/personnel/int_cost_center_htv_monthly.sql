{#-
  Kustannuspaikan henkilötyövuodet kuukausittain — paid and worked HTV of
  every cost centre per calendar month (the costs theme's default
  allocation key: support and administration costs go to the receiving
  centres in proportion to their paid HTV). county_code is the cost
  centre's county (NULL when the cost centre is not in finance/cost_centers).
  Interface: keep the name and the columns.
-#}
select
    county_code,
    cost_center,
    month_start,
    cast(sum(htv_paid) as double) as htv_paid,
    cast(sum(htv_worked) as double) as htv_worked
from {{ ref('int_employment_months_aggregated') }}
group by
    county_code,
    cost_center,
    month_start
