{#-
  Data gap (warn): a support or administration centre had euros in a month
  but neither allocation drivers nor receiving service centres with paid
  HTV; its euros were allocated evenly to the county's service centres
  (`even`) or, with no service centre at all, kept on an `unallocated` line.
  No euro is lost either way; the county should deliver drivers or HTV.
-#}
{{ config(severity='warn') }}

select
    basis,
    county_code,
    month_start,
    sender_cost_center,
    allocation_method,
    count(*) as receivers
from {{ ref('int_cost_allocation_keys') }}
where allocation_method in ('even', 'unallocated')
group by basis, county_code, month_start, sender_cost_center, allocation_method
