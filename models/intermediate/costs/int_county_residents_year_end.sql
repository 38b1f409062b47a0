{#-
  Asukasluku vuodenvaihteessa — year-end residents per county and
  municipality, all ages and sexes summed from int_residents_classified
  (where the municipality → county rule lives).
-#}
select
    county_code,
    stat_date,
    municipality_code,
    cast(sum(residents) as {{ dbt.type_bigint() }}) as residents
from {{ ref('int_residents_classified') }}
where county_code is not null
group by county_code, stat_date, municipality_code
