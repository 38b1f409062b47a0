{#-
  Palvelukustannukset segmenteittäin ja kunnittain — the full-cost lines of
  int_costs_allocated (month grain) split across client segments
  (int_service_segment_shares, per service) and the units' municipalities
  (int_cost_center_municipality_shares, per receiving cost centre). The two
  splits are independent: amount × segment share × municipality share.
  Both share sets sum to 1, so the euros of a county and month are kept
  exactly (doubles, not rounded).
-#}

with split as (
    select
        costs.county_code,
        costs.month_start,
        costs.cost_center,
        costs.service_code,
        segments.segment,
        municipalities.municipality_code,
        costs.production_mode,
        costs.account_class,
        costs.account_group,
        costs.cost_source,
        costs.amount_eur * segments.share * municipalities.share as amount_eur
    from {{ ref('int_costs_allocated') }} as costs
    inner join {{ ref('int_service_segment_shares') }} as segments
        on
            {{ tietopohja.keys_match('costs', 'segments', ['county_code', 'month_start', 'service_code']) }}
    inner join {{ ref('int_cost_center_municipality_shares') }} as municipalities
        on
            {{ tietopohja.keys_match('costs', 'municipalities', ['county_code', 'month_start'], ['cost_center']) }}
)

select
    county_code,
    month_start,
    cost_center,
    service_code,
    segment,
    municipality_code,
    production_mode,
    account_class,
    account_group,
    sum(case when cost_source = 'direct' then amount_eur else 0 end) as direct_eur,
    sum(case when cost_source = 'support' then amount_eur else 0 end) as allocated_support_eur,
    sum(case when cost_source = 'administration' then amount_eur else 0 end) as allocated_administration_eur,
    sum(amount_eur) as total_eur
from split
group by
    county_code,
    month_start,
    cost_center,
    service_code,
    segment,
    municipality_code,
    production_mode,
    account_class,
    account_group
