{#-
  Segmenttiosuudet — per county, month and service, the share of the
  service's euros that goes to each client segment (minimum-data "Outputs
  and clients"):
  - a service with a fixed segment: that segment, share 1 (basis `fixed`);
  - a `by_age` service: in proportion to its outputs by segment in the
    month — visits for outpatient services (structure_level `outpatient`),
    care or service days for the others (basis `outputs`). Where the
    service has none of its own kind of output but has the other kind (an
    outpatient service that delivers service periods, e.g. home care), the
    other kind is used (spec silent; documented choice);
  - a `by_age` service with costs but no outputs in the month, an unknown
    service, or unallocated euros: segment `unknown`, share 1.
  Only services that have euros in the month (int_costs_allocated) get rows.
  The split is made per month; quarters and years sum the months.
-#}

with costed as (
    select distinct
        costs.county_code,
        costs.month_start,
        costs.service_code,
        services.service_segment,
        services.structure_level
    from {{ ref('int_costs_allocated') }} as costs
    left join {{ ref('int_services_classified') }} as services
        on costs.service_code = services.service_code
),

outputs_by_kind as (
    select
        outputs.county_code,
        outputs.month_start,
        outputs.service_code,
        outputs.segment,
        case when outputs.output_type = 'visit' then 'visit' else 'day' end as output_kind,
        sum(outputs.output_count) as output_count
    from {{ ref('int_service_outputs_daily') }} as outputs
    group by
        outputs.county_code,
        outputs.month_start,
        outputs.service_code,
        outputs.segment,
        case when outputs.output_type = 'visit' then 'visit' else 'day' end
),

ranked_kinds as (
    select
        outputs_by_kind.*,
        case
            when
                (costed.structure_level = 'outpatient' and outputs_by_kind.output_kind = 'visit')
                or (costed.structure_level <> 'outpatient' and outputs_by_kind.output_kind = 'day')
                then 1
            else 2
        end as kind_rank
    from outputs_by_kind
    inner join costed
        on
            {{ tietopohja.keys_match('outputs_by_kind', 'costed', ['county_code', 'month_start', 'service_code']) }}
    where costed.service_segment = 'by_age' and outputs_by_kind.output_count > 0
),

chosen_kind as (
    select
        county_code,
        month_start,
        service_code,
        min(kind_rank) as kind_rank
    from ranked_kinds
    group by county_code, month_start, service_code
),

by_age_shares as (
    select
        ranked_kinds.county_code,
        ranked_kinds.month_start,
        ranked_kinds.service_code,
        ranked_kinds.segment,
        'outputs' as share_basis,
        cast(ranked_kinds.output_count as double) / sum(ranked_kinds.output_count) over (
            partition by ranked_kinds.county_code, ranked_kinds.month_start, ranked_kinds.service_code
        ) as share
    from ranked_kinds
    inner join chosen_kind
        on
            {{ tietopohja.keys_match(
                'ranked_kinds', 'chosen_kind', ['county_code', 'month_start', 'service_code', 'kind_rank']
            ) }}
)

select * from by_age_shares
union all
select
    costed.county_code,
    costed.month_start,
    costed.service_code,
    case
        when costed.service_segment is not null and costed.service_segment <> 'by_age' then costed.service_segment
        else 'unknown'
    end as segment,
    case
        when costed.service_segment is not null and costed.service_segment <> 'by_age' then 'fixed'
        else 'no_outputs'
    end as share_basis,
    cast(1 as double) as share
from costed
left join chosen_kind
    on
        {{ tietopohja.keys_match('costed', 'chosen_kind', ['county_code', 'month_start', 'service_code']) }}
where
    coalesce(costed.service_segment, 'unknown') <> 'by_age'
    or chosen_kind.kind_rank is null
