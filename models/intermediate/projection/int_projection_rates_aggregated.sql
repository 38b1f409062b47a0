{#-
  Palvelutarpeen käyttöasteet — the rates of the service-need projection
  (minimum-data spec, "Service-need projection"): per county, rate year,
  service, segment, 5-year age band (seeds/rules/projection_age_bands.csv)
  and sex, the county-wide clients and outputs per resident and the
  allocated cost per output of that year.

  - Rate years: the calendar years that are complete (int_source_coverage_periods,
    year grain, `complete`) for every source the rates need — `patient`
    and `social` (clients and outputs) and `ledger` (allocated cost) — and
    whose year-end population (31.12. of the year) is delivered for the
    county. Population coverage itself is not required: the year-end of
    the year is what the rates divide by.
  - Residents: year-end residents of the county (all its municipalities)
    by band and sex, int_residents_banded (which the backtest reads too).
  - Clients: distinct persons with an output of the service in the year
    (int_clients_periodized, year grain), all clients of the county's
    services wherever they live; a client's band is their age on the
    year's last day, their sex from the identity code. segment NULL = the
    service's clients over all segments (a client counted once: what the
    backtest compares); a client belongs to every segment in which they
    had an output.
  - Outputs: visits, care days, service days of the year; `kind_outputs`
    are those of the service's output kind (int_service_output_kinds_selected:
    visits for outpatient services, care or service days for the others;
    24-hour social care counts service days).
  - allocated_cost_eur: the service × segment's operating costs of the year
    after allocation (int_service_costs_split), shared over the bands and
    sexes in proportion to their kind outputs (as the allocation splits a
    service's euros over segments); cost_per_output = the service × segment's
    cost ÷ its kind outputs, the same in every band (NULL without kind
    outputs). Euros of a service or segment without outputs (segment
    `unknown`) have no rate and are not projected.
  - Rates per resident are NULL where the county has no residents of the
    band and sex (clients from elsewhere in a band with no residents).
-#}
with rate_years as (
    select
        coverage.county_code,
        cast(extract(year from coverage.period_start) as {{ dbt.type_int() }}) as rate_year,
        max(coverage.period_start) as period_start
    from {{ ref('int_source_coverage_periods') }} as coverage
    where
        coverage.period_grain = 'year'
        and coverage.source_group in ('patient', 'social', 'ledger')
    group by coverage.county_code, cast(extract(year from coverage.period_start) as {{ dbt.type_int() }})
    having sum(case when coverage.value_status = 'complete' then 1 else 0 end) = 3
),

residents as (
    select
        county_code,
        stat_year as rate_year,
        age_band,
        sex,
        residents
    from {{ ref('int_residents_banded') }}
),

years as (
    select
        rate_years.county_code,
        rate_years.rate_year,
        rate_years.period_start
    from rate_years
    where exists (
        select 1
        from residents
        where residents.county_code = rate_years.county_code and residents.rate_year = rate_years.rate_year
    )
),

client_segments as (
    {#- one row per client, service and segment of the year (the client's
        municipalities summed) -#}
    select
        clients.county_code,
        years.rate_year,
        clients.person_pseudonym,
        clients.service_code,
        clients.segment,
        max(clients.age_at_period_end) as age,
        max(clients.sex) as sex,
        sum(clients.visits) as visits,
        sum(clients.care_days) as care_days,
        sum(clients.service_days) as service_days
    from {{ ref('int_clients_periodized') }} as clients
    inner join years
        on
            clients.county_code = years.county_code
            and clients.period_start = years.period_start
    where clients.period_grain = 'year'
    group by
        clients.county_code,
        years.rate_year,
        clients.person_pseudonym,
        clients.service_code,
        clients.segment
),

client_services as (
    {#- one row per client and service of the year (all segments) -#}
    select
        county_code,
        rate_year,
        person_pseudonym,
        service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        max(age) as age,
        max(sex) as sex,
        sum(visits) as visits,
        sum(care_days) as care_days,
        sum(service_days) as service_days
    from client_segments
    group by county_code, rate_year, person_pseudonym, service_code
),

client_rows as (
    select * from client_segments
    union all
    select * from client_services
),

use_counts as (
    select
        client_rows.county_code,
        client_rows.rate_year,
        coalesce(client_rows.service_code, 'unknown') as service_code,
        client_rows.segment,
        bands.age_band,
        client_rows.sex,
        count(*) as clients,
        sum(client_rows.visits) as visits,
        sum(client_rows.care_days) as care_days,
        sum(client_rows.service_days) as service_days,
        sum(
            case kinds.output_kind
                when 'visit' then client_rows.visits
                when 'care_day' then client_rows.care_days
                when 'service_day' then client_rows.service_days
                else 0
            end
        ) as kind_outputs
    from client_rows
    inner join {{ ref('projection_age_bands') }} as bands
        on client_rows.age between bands.age_from and bands.age_to
    left join {{ ref('int_service_output_kinds_selected') }} as kinds
        on
            client_rows.county_code = kinds.county_code
            and coalesce(client_rows.service_code, 'unknown') = kinds.service_code
    where client_rows.sex is not null
    group by
        client_rows.county_code,
        client_rows.rate_year,
        coalesce(client_rows.service_code, 'unknown'),
        client_rows.segment,
        bands.age_band,
        client_rows.sex
),

segment_costs as (
    select
        costs.county_code,
        years.rate_year,
        coalesce(costs.service_code, 'unknown') as service_code,
        costs.segment,
        sum(costs.total_eur) as allocated_cost_eur
    from {{ ref('int_service_costs_split') }} as costs
    inner join years
        on
            costs.county_code = years.county_code
            and cast(extract(year from costs.month_start) as {{ dbt.type_int() }}) = years.rate_year
    where costs.account_class = 'operating_cost'
    group by costs.county_code, years.rate_year, coalesce(costs.service_code, 'unknown'), costs.segment
),

segment_outputs as (
    select
        county_code,
        rate_year,
        service_code,
        segment,
        sum(kind_outputs) as kind_outputs
    from use_counts
    where segment is not null
    group by county_code, rate_year, service_code, segment
),

unit_costs as (
    {#- cost per kind output of each service × segment; the service's row of
        all segments: the euros of its segments with kind outputs ÷ its kind outputs -#}
    select
        segment_outputs.county_code,
        segment_outputs.rate_year,
        segment_outputs.service_code,
        segment_outputs.segment,
        coalesce(segment_costs.allocated_cost_eur, 0) as allocated_cost_eur,
        segment_outputs.kind_outputs
    from segment_outputs
    left join segment_costs
        on
            segment_outputs.county_code = segment_costs.county_code
            and segment_outputs.rate_year = segment_costs.rate_year
            and segment_outputs.service_code = segment_costs.service_code
            and segment_outputs.segment = segment_costs.segment
    where segment_outputs.kind_outputs > 0
),

unit_costs_all as (
    select
        county_code,
        rate_year,
        service_code,
        segment,
        allocated_cost_eur / kind_outputs as cost_per_output
    from unit_costs
    union all
    select
        county_code,
        rate_year,
        service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        sum(allocated_cost_eur) / sum(kind_outputs) as cost_per_output
    from unit_costs
    group by county_code, rate_year, service_code
)

select
    use_counts.county_code,
    use_counts.rate_year,
    use_counts.service_code,
    use_counts.segment,
    use_counts.age_band,
    cast(use_counts.sex as {{ dbt.type_int() }}) as sex,
    cast(residents.residents as {{ dbt.type_bigint() }}) as residents,
    cast(use_counts.clients as {{ dbt.type_bigint() }}) as clients,
    cast(use_counts.visits as {{ dbt.type_bigint() }}) as visits,
    cast(use_counts.care_days as {{ dbt.type_bigint() }}) as care_days,
    cast(use_counts.service_days as {{ dbt.type_bigint() }}) as service_days,
    cast(use_counts.kind_outputs as {{ dbt.type_bigint() }}) as kind_outputs,
    cast(unit_costs_all.cost_per_output * use_counts.kind_outputs as {{ tietopohja.type_double() }})
        as allocated_cost_eur,
    cast(use_counts.clients as {{ tietopohja.type_double() }}) / nullif(residents.residents, 0)
        as clients_per_resident,
    cast(use_counts.visits as {{ tietopohja.type_double() }}) / nullif(residents.residents, 0)
        as visits_per_resident,
    cast(use_counts.care_days as {{ tietopohja.type_double() }}) / nullif(residents.residents, 0)
        as care_days_per_resident,
    cast(use_counts.service_days as {{ tietopohja.type_double() }}) / nullif(residents.residents, 0)
        as service_days_per_resident,
    cast(use_counts.kind_outputs as {{ tietopohja.type_double() }}) / nullif(residents.residents, 0)
        as kind_outputs_per_resident,
    cast(unit_costs_all.cost_per_output as {{ tietopohja.type_double() }}) as cost_per_output
from use_counts
left join residents
    on
        use_counts.county_code = residents.county_code
        and use_counts.rate_year = residents.rate_year
        and use_counts.age_band = residents.age_band
        and use_counts.sex = residents.sex
left join unit_costs_all
    on
        use_counts.county_code = unit_costs_all.county_code
        and use_counts.rate_year = unit_costs_all.rate_year
        and use_counts.service_code = unit_costs_all.service_code
        and {{ tietopohja.null_safe_equal('use_counts.segment', 'unit_costs_all.segment') }}
