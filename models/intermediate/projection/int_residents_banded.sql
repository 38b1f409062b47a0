{#-
  Asukkaat ikäryhmittäin — year-end residents of each county by 5-year age
  band (seeds/rules/projection_age_bands.csv) and sex, every delivered
  year: the denominators of the service-need projection's rates
  (int_projection_rates_aggregated) and the population its backtest
  (service_need_projection_backtest) multiplies them by. Residents of
  municipalities outside the counties (county_code NULL) are left out.
-#}
select
    population.county_code,
    population.stat_year,
    bands.age_band,
    population.sex,
    sum(population.residents) as residents
from {{ ref('int_residents_classified') }} as population
inner join {{ ref('projection_age_bands') }} as bands
    on population.age between bands.age_from and bands.age_to
where population.county_code is not null
group by population.county_code, population.stat_year, bands.age_band, population.sex
