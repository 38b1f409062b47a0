{#-
  Suunnitelma ja ennuste palveluille kohdistettuina — the plan (version
  `budget`) and the latest forecast (int_budget_lines_selected; plan_type)
  allocated to services by the same rule as the actual costs
  (tietopohja.allocate_operating_lines with the keys of
  int_cost_allocation_keys of basis `budget` / `forecast`: the period's
  drivers, else the receiving centres' paid HTV; a month outside the
  personnel coverage uses the HTV key of the latest covered month), at
  month grain. Only operating cost and income lines; amounts are exact
  doubles, so that per county, month and plan type the operating-cost lines
  sum to the plan's operating costs (singular test
  assert_allocation_reconciles). Plan lines on cost centres not in
  finance/cost_centers have no county and are left out, as in the ledger.
  Not split by client segment or municipality (the splits follow the
  outputs and units of the actual months).
-#}

with plan_lines as (
    select
        plan.plan_type as basis,
        plan.county_code,
        plan.month_start,
        plan.cost_center,
        cost_centers.cost_center_kind,
        plan.account_class,
        plan.account_group,
        plan.production_mode,
        cast(sum(plan.amount_eur) as double) as amount_eur
    from {{ ref('int_budget_lines_selected') }} as plan
    left join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on plan.cost_center = cost_centers.cost_center
    where
        plan.account_class in ('operating_cost', 'operating_income')
        and plan.county_code is not null
    group by
        plan.plan_type,
        plan.county_code,
        plan.month_start,
        plan.cost_center,
        cost_centers.cost_center_kind,
        plan.account_class,
        plan.account_group,
        plan.production_mode
)

{{ tietopohja.allocate_operating_lines('plan_lines', basis_column='plan_type') }}
