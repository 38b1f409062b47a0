{#-
  Palveluille kohdistetut kustannukset — the full-cost view at month grain:
  every operating cost and income euro of the ledger on a receiving service
  centre, either directly (`cost_source` = `direct`: postings on service
  centres) or allocated from a support or administration centre
  (`support`, `administration`) with the keys of int_cost_allocation_keys
  (basis `actual`), by the rule the plan shares
  (tietopohja.allocate_operating_lines).

  Allocated lines keep the sender's account group and production mode (a
  support centre's purchased services stay `purchased`). Amounts are exact
  doubles (amount × share, never rounded here), so that per county and
  month the lines sum to the ledger's operating costs and income (singular
  test assert_allocation_reconciles). Lines with no receiver
  (allocation_method `unallocated`) keep cost_center NULL and service_code
  `unallocated`. Postings on cost centres not in finance/cost_centers have
  no county and are left out (they are in the mapping report).
-#}

with operating_lines as (
    select
        'actual' as basis,
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
)

{#- tietopohja.allocate_operating_lines: the rule shared with the plan and
    forecast (int_plan_costs_allocated) -#}
{{ tietopohja.allocate_operating_lines('operating_lines') }}
