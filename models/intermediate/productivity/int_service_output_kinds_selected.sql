{#-
  Palvelun suoritelaji — the kind of output a service's productivity is
  measured in (visit, care day or service day), per county and service:
  the output type with the most outputs of the service over all the
  county's delivered months (int_outputs_monthly_aggregated), ties broken
  by the name of the type. Chosen over the whole data, not per period, so
  that a service keeps its kind from one period to the next and its
  year-on-year change compares like with like. A service produces one kind
  of output in practice (visits at outpatient units, care days on wards,
  service days in social-care service periods); the others stay visible in
  service_productivity as counts and cost per output of their own.
-#}
with totals as (
    select
        county_code,
        coalesce(service_code, 'unknown') as service_code,
        output_type,
        sum(outputs) as outputs
    from {{ ref('int_outputs_monthly_aggregated') }}
    group by
        county_code,
        coalesce(service_code, 'unknown'),
        output_type
),

ranked as (
    select
        county_code,
        service_code,
        output_type,
        outputs,
        row_number() over (
            partition by county_code, service_code
            order by outputs desc, output_type asc
        ) as kind_rank
    from totals
)

select
    county_code,
    service_code,
    output_type as output_kind,
    cast(outputs as {{ dbt.type_bigint() }}) as outputs_total
from ranked
where kind_rank = 1
