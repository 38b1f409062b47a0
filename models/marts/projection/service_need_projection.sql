{#-
  Palvelutarve-ennuste — what the county's services will need if use stays
  as it is, or changes as a scenario says (minimum-data spec, "Service-need
  projection"): per county, projection, scenario, projected year, service,
  segment and municipality, the projected residents, clients, outputs and
  allocated cost. Only where population/projections is delivered (no
  projection: no rows).

  - Base year: per county the latest rate year of int_projection_rates_aggregated
    (the latest calendar year complete for patient, social and ledger, with
    its year-end population delivered).
  - Projected residents of the projection's municipalities of the county
    (ref_municipality_county in the projected year's classification, the
    nearest year outside the seed) by 5-year band and sex, times the base
    year's county-wide rates of the band and sex — clients, visits, care
    days and service days per resident, allocated cost per output of the
    service's kind — summed over bands and sexes to the row.
  - Scenario (seeds/rules/projection_scenarios.csv) compounds yearly from
    the base year: n = projected year − base year; use rates × (1 +
    use_rate_change_pct/100)^n, cost per output × (1 + unit_cost_change_pct/100)^n.
  - Years: the projection's years from the base year on (a year before the
    base year is not projected; the base year itself, n = 0, is).
  - residents: projected residents of the municipality in the year (all
    ages: the base for per-1,000 figures); a row exists for every service ×
    segment the county had clients in during the base year and every
    municipality of the projection.
-#}
with base_years as (
    select
        county_code,
        max(rate_year) as base_year
    from {{ ref('int_projection_rates_aggregated') }}
    group by county_code
),

classification_years as (
    select
        min(year) as first_year,
        max(year) as last_year
    from {{ ref('ref_municipality_county') }}
),

projected as (
    select
        municipalities.county_code,
        projections.projection,
        projections.year as projected_year,
        projections.municipality_code,
        bands.age_band,
        projections.sex,
        sum(cast(projections.residents as {{ tietopohja.type_double() }})) as residents
    from {{ ref('stg_population__projections') }} as projections
    cross join classification_years
    inner join {{ ref('ref_municipality_county') }} as municipalities
        on
            projections.municipality_code = municipalities.municipality_code
            and municipalities.year = greatest(
                least(projections.year, classification_years.last_year),
                classification_years.first_year
            )
    inner join {{ ref('projection_age_bands') }} as bands
        on projections.age between bands.age_from and bands.age_to
    group by
        municipalities.county_code,
        projections.projection,
        projections.year,
        projections.municipality_code,
        bands.age_band,
        projections.sex
),

projected_in_scope as (
    select
        projected.*,
        base_years.base_year
    from projected
    inner join base_years
        on
            projected.county_code = base_years.county_code
            and projected.projected_year >= base_years.base_year
),

municipality_residents as (
    select
        county_code,
        projection,
        projected_year,
        municipality_code,
        sum(residents) as residents
    from projected_in_scope
    group by county_code, projection, projected_year, municipality_code
),

needs as (
    select
        projected_in_scope.county_code,
        projected_in_scope.projection,
        projected_in_scope.projected_year,
        projected_in_scope.base_year,
        projected_in_scope.municipality_code,
        rates.service_code,
        rates.segment,
        sum(projected_in_scope.residents * rates.clients_per_resident) as clients,
        sum(projected_in_scope.residents * rates.visits_per_resident) as visits,
        sum(projected_in_scope.residents * rates.care_days_per_resident) as care_days,
        sum(projected_in_scope.residents * rates.service_days_per_resident) as service_days,
        sum(projected_in_scope.residents * rates.kind_outputs_per_resident * rates.cost_per_output)
            as allocated_cost_eur
    from projected_in_scope
    inner join {{ ref('int_projection_rates_aggregated') }} as rates
        on
            projected_in_scope.county_code = rates.county_code
            and projected_in_scope.base_year = rates.rate_year
            and projected_in_scope.age_band = rates.age_band
            and projected_in_scope.sex = rates.sex
    where rates.segment is not null
    group by
        projected_in_scope.county_code,
        projected_in_scope.projection,
        projected_in_scope.projected_year,
        projected_in_scope.base_year,
        projected_in_scope.municipality_code,
        rates.service_code,
        rates.segment
),

service_cells as (
    select distinct
        county_code,
        rate_year,
        service_code,
        segment
    from {{ ref('int_projection_rates_aggregated') }}
    where segment is not null
),

grid as (
    {#- every service × segment of the base year in every municipality and
        year of the projection (0 where the municipality's bands had no use) -#}
    select
        municipality_residents.county_code,
        municipality_residents.projection,
        municipality_residents.projected_year,
        base_years.base_year,
        municipality_residents.municipality_code,
        municipality_residents.residents,
        service_cells.service_code,
        service_cells.segment
    from municipality_residents
    inner join base_years
        on municipality_residents.county_code = base_years.county_code
    inner join service_cells
        on
            municipality_residents.county_code = service_cells.county_code
            and base_years.base_year = service_cells.rate_year
),

scenario_grid as (
    {#- the scenario's yearly changes compounded from the base year -#}
    select
        grid.*,
        scenarios.scenario,
        scenarios.use_rate_change_pct,
        scenarios.unit_cost_change_pct,
        power(1 + scenarios.use_rate_change_pct / 100, grid.projected_year - grid.base_year) as use_factor,
        power(1 + scenarios.unit_cost_change_pct / 100, grid.projected_year - grid.base_year) as cost_factor
    from grid
    cross join {{ ref('projection_scenarios') }} as scenarios
)

select
    scenario_grid.county_code,
    scenario_grid.projection,
    scenario_grid.scenario,
    cast(scenario_grid.projected_year as {{ dbt.type_bigint() }}) as projected_year,
    cast(scenario_grid.base_year as {{ dbt.type_bigint() }}) as base_year,
    scenario_grid.service_code,
    scenario_grid.segment,
    scenario_grid.municipality_code,
    cast(scenario_grid.residents as {{ tietopohja.type_double() }}) as residents,
    cast(coalesce(needs.clients, 0) * scenario_grid.use_factor as {{ tietopohja.type_double() }}) as clients,
    cast(coalesce(needs.visits, 0) * scenario_grid.use_factor as {{ tietopohja.type_double() }}) as visits,
    cast(coalesce(needs.care_days, 0) * scenario_grid.use_factor as {{ tietopohja.type_double() }}) as care_days,
    cast(
        coalesce(needs.service_days, 0) * scenario_grid.use_factor as {{ tietopohja.type_double() }}
    ) as service_days,
    cast(
        coalesce(needs.allocated_cost_eur, 0) * scenario_grid.use_factor * scenario_grid.cost_factor
        as {{ tietopohja.type_double() }}
    ) as allocated_cost_eur,
    cast(scenario_grid.use_rate_change_pct as {{ tietopohja.type_double() }}) as use_rate_change_pct,
    cast(scenario_grid.unit_cost_change_pct as {{ tietopohja.type_double() }}) as unit_cost_change_pct
from scenario_grid
left join needs
    on
        scenario_grid.county_code = needs.county_code
        and scenario_grid.projection = needs.projection
        and scenario_grid.projected_year = needs.projected_year
        and scenario_grid.municipality_code = needs.municipality_code
        and scenario_grid.service_code = needs.service_code
        and scenario_grid.segment = needs.segment
