{#-
  Every allocation key, segment split and municipality split sums to 1 per
  sender / service / cost centre and month (so that euros are neither lost
  nor doubled). Returns the keys whose shares do not.
-#}
{{ config(severity='error') }}

select
    {{ dbt.concat(["'allocation_'", 'basis']) }} as share_set,
    county_code,
    month_start,
    sender_cost_center as share_owner,
    sum(share) as share_sum
from {{ ref('int_cost_allocation_keys') }}
group by basis, county_code, month_start, sender_cost_center
having abs(sum(share) - 1) > 1e-9
union all
select
    'segment' as share_set,
    county_code,
    month_start,
    service_code as share_owner,
    sum(share) as share_sum
from {{ ref('int_service_segment_shares') }}
group by county_code, month_start, service_code
having abs(sum(share) - 1) > 1e-9
union all
select
    'municipality' as share_set,
    county_code,
    month_start,
    cost_center as share_owner,
    sum(share) as share_sum
from {{ ref('int_cost_center_municipality_shares') }}
group by county_code, month_start, cost_center
having abs(sum(share) - 1) > 1e-9
