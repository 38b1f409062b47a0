{#- Aiheuttamisperiaate — the one allocation rule of the costs theme, for the
    actual costs (int_costs_allocated) and the plan and latest forecast
    (int_plan_costs_allocated). `lines` is a relation with columns basis
    (`actual`, `budget`, `forecast`: the basis of int_cost_allocation_keys),
    county_code, month_start, cost_center, cost_center_kind, account_class,
    account_group, production_mode and amount_eur (one row per line).
    Returns every euro on a receiving service centre: lines of service
    centres (and of centres of unknown kind) directly (cost_source
    `direct`), lines of support and administration centres × the shares of
    int_cost_allocation_keys of the same basis (cost_source = the sender's
    kind). Allocated lines keep the sender's account group and production
    mode. A line with no receiver (allocation_method `unallocated`) keeps
    cost_center NULL and service_code `unallocated`; a receiving centre
    without a service has service_code `unknown`.
    The allocated lines are the model's rows: `basis_column` names the basis
    column of the output (int_plan_costs_allocated: `plan_type`); none leaves
    it out (int_costs_allocated, whose basis is always `actual`). -#}
{%- macro allocate_operating_lines(lines, basis_column=none) -%}
select
    {%- if basis_column %}
    unioned.basis as {{ basis_column }},
    {%- endif %}
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
from (
    select
        direct_lines.basis,
        direct_lines.county_code,
        direct_lines.month_start,
        direct_lines.cost_center,
        'direct' as cost_source,
        cast(null as {{ dbt.type_string() }}) as sender_cost_center,
        'direct' as allocation_method,
        direct_lines.account_class,
        direct_lines.account_group,
        direct_lines.production_mode,
        direct_lines.amount_eur
    from {{ lines }} as direct_lines
    where coalesce(direct_lines.cost_center_kind, 'service') not in ('support', 'administration')
    union all
    select
        sent_lines.basis,
        sent_lines.county_code,
        sent_lines.month_start,
        allocation_keys.receiving_cost_center as cost_center,
        sent_lines.cost_center_kind as cost_source,
        sent_lines.cost_center as sender_cost_center,
        allocation_keys.allocation_method,
        sent_lines.account_class,
        sent_lines.account_group,
        sent_lines.production_mode,
        sent_lines.amount_eur * allocation_keys.share as amount_eur
    from {{ lines }} as sent_lines
    inner join {{ ref('int_cost_allocation_keys') }} as allocation_keys
        on
            sent_lines.basis = allocation_keys.basis
            and sent_lines.county_code = allocation_keys.county_code
            and sent_lines.month_start = allocation_keys.month_start
            and sent_lines.cost_center = allocation_keys.sender_cost_center
    where sent_lines.cost_center_kind in ('support', 'administration')
) as unioned
left join {{ ref('int_cost_centers_mapped') }} as cost_centers
    on unioned.cost_center = cost_centers.cost_center
{%- endmacro -%}
