{#-
  Kohdistusavaimet (aiheuttamisperiaate) — for every basis (`actual`: the
  ledger; `budget`, `forecast`: the plan and the latest forecast of
  int_budget_lines_selected), county, month and sending centre
  (cost_center_kind `support` or `administration`) that has operating costs
  or income of that basis in the month, the receiving service centres and
  the share of the sender's euros each receives. Shares of a sender and
  month sum to 1 (exact doubles; nothing is rounded here). Plan and forecast
  are allocated by the same rule as the actual costs (minimum-data v1.1,
  allocated_budget_cost_eur): one set of keys, one rule.

  The key, first that gives receivers wins (allocation_method):
  1. `driver`: finance/allocation_drivers rows of the period and sending
     centre, in proportion to quantity; only receivers that are service
     centres of the same county with quantity > 0 count.
  2. `htv`: the receiving service centres' paid HTV (same county), from
     int_cost_center_htv_monthly, of the month itself (htv_month_start).
     For plan and forecast, a month outside the county's personnel coverage
     (int_source_coverage) uses the HTV of the latest covered month (the
     spec's rule; also for a plan month before the coverage, spec silent);
     a county without personnel coverage uses the month itself. The actual
     costs keep the month's own HTV.
  3. `even` (spec silent; chosen so that no euro is lost): evenly to the
     county's service centres valid on some day of the month, else to all
     the county's service centres.
  4. `unallocated`: the county has no service centre at all; the euros stay
     on a line without receiver (receiving_cost_center NULL, share 1).
  Methods 3 and 4 are data gaps: the warn test
  assert_costs_allocated_by_fallback lists them.
  Administration is allocated the same way (full-cost view); the AURA
  report view keeps administration as class 1101 instead.
-#}
with sender_months as (
    select distinct
        'actual' as basis,
        county_code,
        month_start,
        cost_center as sender_cost_center,
        cost_center_kind as sender_kind
    from {{ ref('int_gl_entries_classified') }}
    where
        cost_center_kind in ('support', 'administration')
        and account_class in ('operating_cost', 'operating_income')
        and county_code is not null
    union all
    select distinct
        plan.plan_type as basis,
        plan.county_code,
        plan.month_start,
        plan.cost_center as sender_cost_center,
        cost_centers.cost_center_kind as sender_kind
    from {{ ref('int_budget_lines_selected') }} as plan
    inner join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on plan.cost_center = cost_centers.cost_center
    where
        cost_centers.cost_center_kind in ('support', 'administration')
        and plan.account_class in ('operating_cost', 'operating_income')
        and plan.county_code is not null
),

personnel_coverage as (
    select
        county_code,
        first_month,
        last_month
    from {{ ref('int_source_coverage') }}
    where source_group = 'personnel'
),

senders as (
    select
        sender_months.basis,
        sender_months.county_code,
        sender_months.month_start,
        sender_months.sender_cost_center,
        sender_months.sender_kind,
        case
            when
                sender_months.basis <> 'actual'
                and (
                    sender_months.month_start > personnel_coverage.last_month
                    or sender_months.month_start < personnel_coverage.first_month
                )
                then personnel_coverage.last_month
            else sender_months.month_start
        end as htv_month_start
    from sender_months
    left join personnel_coverage
        on sender_months.county_code = personnel_coverage.county_code
),

service_centers as (
    select
        cost_center,
        county_code,
        valid_from,
        valid_to
    from {{ ref('int_cost_centers_mapped') }}
    where cost_center_kind = 'service'
),

driver_candidates as (
    select
        senders.basis,
        senders.county_code,
        senders.month_start,
        senders.sender_cost_center,
        senders.sender_kind,
        senders.htv_month_start,
        service_centers.cost_center as receiving_cost_center,
        'driver' as allocation_method,
        1 as method_rank,
        cast(drivers.quantity as double) as weight
    from senders
    inner join {{ ref('stg_finance__allocation_drivers') }} as drivers
        on
            senders.sender_cost_center = drivers.support_cost_center
            and senders.month_start = {{ tietopohja.period_to_date('drivers.period') }}
    inner join service_centers
        on
            drivers.receiving_cost_center = service_centers.cost_center
            and senders.county_code = service_centers.county_code
    where drivers.quantity > 0
),

htv_candidates as (
    select
        senders.basis,
        senders.county_code,
        senders.month_start,
        senders.sender_cost_center,
        senders.sender_kind,
        senders.htv_month_start,
        service_centers.cost_center as receiving_cost_center,
        'htv' as allocation_method,
        2 as method_rank,
        cast(htv.htv_paid as double) as weight
    from senders
    inner join {{ ref('int_cost_center_htv_monthly') }} as htv
        on senders.htv_month_start = htv.month_start
    inner join service_centers
        on
            htv.cost_center = service_centers.cost_center
            and senders.county_code = service_centers.county_code
    where htv.htv_paid > 0
),

even_candidates as (
    select
        senders.basis,
        senders.county_code,
        senders.month_start,
        senders.sender_cost_center,
        senders.sender_kind,
        senders.htv_month_start,
        service_centers.cost_center as receiving_cost_center,
        'even' as allocation_method,
        case
            when
                (
                    service_centers.valid_from is null
                    or service_centers.valid_from <= cast({{ dbt.last_day('senders.month_start', 'month') }} as date)
                )
                and (service_centers.valid_to is null or service_centers.valid_to >= senders.month_start)
                then 3
            else 4
        end as method_rank,
        cast(1 as double) as weight
    from senders
    inner join service_centers
        on senders.county_code = service_centers.county_code
),

candidates as (
    select * from driver_candidates
    union all
    select * from htv_candidates
    union all
    select * from even_candidates
),

best_method as (
    select
        basis,
        county_code,
        month_start,
        sender_cost_center,
        min(method_rank) as method_rank
    from candidates
    group by basis, county_code, month_start, sender_cost_center
),

chosen as (
    select candidates.*
    from candidates
    inner join best_method
        on
            {{ tietopohja.keys_match(
                'candidates', 'best_method',
                ['basis', 'county_code', 'month_start', 'sender_cost_center', 'method_rank']
            ) }}
)

select
    basis,
    county_code,
    month_start,
    sender_cost_center,
    sender_kind,
    htv_month_start,
    receiving_cost_center,
    allocation_method,
    weight,
    weight / sum(weight) over (
        partition by basis, county_code, month_start, sender_cost_center
    ) as share
from chosen
union all
select
    senders.basis,
    senders.county_code,
    senders.month_start,
    senders.sender_cost_center,
    senders.sender_kind,
    senders.htv_month_start,
    cast(null as {{ dbt.type_string() }}) as receiving_cost_center,
    'unallocated' as allocation_method,
    cast(null as double) as weight,
    cast(1 as double) as share
from senders
left join best_method
    on
        {{ tietopohja.keys_match(
            'senders', 'best_method', ['basis', 'county_code', 'month_start', 'sender_cost_center']
        ) }}
where best_method.method_rank is null
