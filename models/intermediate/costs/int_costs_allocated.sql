{#-
  Palveluille kohdistetut kustannukset — the full-cost view at month grain:
  every operating cost and income euro of the ledger on a receiving service
  centre, either directly (`cost_source` = `direct`: postings on service
  centres) or allocated from a support or administration centre
  (`support`, `administration`) with the keys of int_cost_allocation_keys.

  Allocated lines keep the sender's account group and production mode (a
  support centre's purchased services stay `purchased`). Amounts are exact
  doubles (amount × share, never rounded here), so that per county and
  month the lines sum to the ledger's operating costs and income (singular
  test assert_costs_allocation_reconciles). Lines with no receiver
  (allocation_method `unallocated`) keep cost_center NULL and service_code
  `unallocated`. Postings on cost centres not in finance/cost_centers have
  no county and are left out (they are in the mapping report).
-#}

with operating_lines as (
    select
        county_code,
        month_start,
        cost_center,
        cost_center_kind,
        account_class,
        account_group,
        production_mode,
        cast(sum(amount_eur) as double) as amount_eur
    from {{ ref('int_gl_entries_classified') }}
    where
        account_class in ('operating_cost', 'operating_income')
        and county_code is not null
    group by
        county_code,
        month_start,
        cost_center,
        cost_center_kind,
        account_class,
        account_group,
        production_mode
),

direct_lines as (
    select
        county_code,
        month_start,
        cost_center,
        'direct' as cost_source,
        cast(null as {{ dbt.type_string() }}) as sender_cost_center,
        'direct' as allocation_method,
        account_class,
        account_group,
        production_mode,
        amount_eur
    from operating_lines
    where coalesce(cost_center_kind, 'service') not in ('support', 'administration')
),

allocated_lines as (
    select
        operating_lines.county_code,
        operating_lines.month_start,
        keys.receiving_cost_center as cost_center,
        operating_lines.cost_center_kind as cost_source,
        operating_lines.cost_center as sender_cost_center,
        keys.allocation_method,
        operating_lines.account_class,
        operating_lines.account_group,
        operating_lines.production_mode,
        operating_lines.amount_eur * keys.share as amount_eur
    from operating_lines
    inner join {{ ref('int_cost_allocation_keys') }} as keys
        on
            {{ tietopohja.keys_match('operating_lines', 'keys', ['county_code', 'month_start']) }}
            and operating_lines.cost_center = keys.sender_cost_center
    where operating_lines.cost_center_kind in ('support', 'administration')
),

unioned as (
    select * from direct_lines
    union all
    select * from allocated_lines
)

select
    unioned.county_code,
    unioned.month_start,
    unioned.cost_center,
    coalesce(
        cost_centers.service_code,
        case when unioned.cost_center is null then 'unallocated' end,
        'unknown'
    ) as service_code,
    unioned.cost_source,
    unioned.sender_cost_center,
    unioned.allocation_method,
    unioned.account_class,
    unioned.account_group,
    unioned.production_mode,
    unioned.amount_eur
from unioned
left join {{ ref('int_cost_centers_mapped') }} as cost_centers
    on unioned.cost_center = cost_centers.cost_center
