{#-
  Kuntaosuudet — per county, month and receiving cost centre, the share of
  its euros that goes to each municipality. The municipality of a cost is
  the municipality of the unit that produces the service (the unit's, not
  the client's). A cost centre with units in several municipalities: in
  proportion to the outputs of its units in the month (all outputs: visits
  plus care and service days; a centre normally has one kind) (basis
  `outputs`); without outputs, evenly across its units valid in the month,
  else all its units (basis `units`); without units (or unallocated euros)
  municipality NULL, share 1 (basis `none`).
-#}

with costed as (
    select distinct
        county_code,
        month_start,
        cost_center
    from {{ ref('int_costs_allocated') }}
),

output_weights as (
    select
        costed.county_code,
        costed.month_start,
        costed.cost_center,
        outputs.unit_municipality_code as municipality_code,
        'outputs' as share_basis,
        1 as basis_rank,
        cast(sum(outputs.output_count) as double) as weight
    from costed
    inner join {{ ref('int_service_outputs_daily') }} as outputs
        on
            costed.cost_center = outputs.cost_center
            and costed.month_start = outputs.month_start
    where outputs.unit_municipality_code is not null
    group by
        costed.county_code,
        costed.month_start,
        costed.cost_center,
        outputs.unit_municipality_code
    having sum(outputs.output_count) > 0
),

unit_rows as (
    select
        costed.county_code,
        costed.month_start,
        costed.cost_center,
        units.municipality_code,
        case
            when
                (
                    units.valid_from is null
                    or units.valid_from <= cast({{ dbt.last_day('costed.month_start', 'month') }} as date)
                )
                and (units.valid_to is null or units.valid_to >= costed.month_start)
                then 2
            else 3
        end as basis_rank
    from costed
    inner join {{ ref('int_units_mapped') }} as units
        on costed.cost_center = units.cost_center
    where units.municipality_code is not null
),

unit_weights as (
    select
        county_code,
        month_start,
        cost_center,
        municipality_code,
        'units' as share_basis,
        basis_rank,
        cast(count(*) as double) as weight
    from unit_rows
    group by
        county_code,
        month_start,
        cost_center,
        municipality_code,
        basis_rank
),

candidates as (
    select * from output_weights
    union all
    select * from unit_weights
),

best as (
    select
        county_code,
        month_start,
        cost_center,
        min(basis_rank) as basis_rank
    from candidates
    group by county_code, month_start, cost_center
)

select
    candidates.county_code,
    candidates.month_start,
    candidates.cost_center,
    candidates.municipality_code,
    candidates.share_basis,
    candidates.weight / sum(candidates.weight) over (
        partition by candidates.county_code, candidates.month_start, candidates.cost_center
    ) as share
from candidates
inner join best
    on
        {{ tietopohja.keys_match('candidates', 'best', ['county_code', 'month_start', 'cost_center', 'basis_rank']) }}
union all
select
    costed.county_code,
    costed.month_start,
    costed.cost_center,
    cast(null as {{ dbt.type_string() }}) as municipality_code,
    'none' as share_basis,
    cast(1 as double) as share
from costed
left join best
    on
        {{ tietopohja.keys_match('costed', 'best', ['county_code', 'month_start'], ['cost_center']) }}
where best.basis_rank is null
