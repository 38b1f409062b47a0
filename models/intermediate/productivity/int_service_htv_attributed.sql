{#-
  Palvelujen tuottavien kustannuspaikkojen henkilötyövuodet — paid and
  worked HTV (int_cost_center_htv_monthly) of the cost centres that
  produced the outputs of each service, per county and month.

  Choices (the minimum-data spec says "outputs per worked HTV of the
  producing cost centres" and no more):
  - A service's producing cost centres in a month are the cost centres
    that have outputs of the service in that month
    (int_outputs_monthly_aggregated: the cost centre of the output's unit
    on the day). A cost centre's HTV is not attributed by its own
    service_code in finance/cost_centers but by what it produced.
  - A cost centre producing several services in a month (e.g. a unit moved
    to another cost centre in the middle of a care period) has its HTV
    split across them in proportion to its outputs of each service in the
    month (visits, care days and service days counted alike). A cost centre
    producing one service gives it all its HTV.
  - A cost centre without outputs in a month (support, administration, or
    a service centre whose events were not delivered) gives no HTV to any
    service in that month: its staff did not produce outputs. Support and
    administration HTV are not allocated (their euros are, in the costs).
  - Outputs without a cost centre attribute nothing. county_code is that of
    the outputs (the unit's cost centre's county); service_code `unknown`
    for outputs whose service is not known (as int_service_outputs_daily).
-#}
with outputs as (
    select
        county_code,
        month_start,
        cost_center,
        coalesce(service_code, 'unknown') as service_code,
        sum(outputs) as outputs
    from {{ ref('int_outputs_monthly_aggregated') }}
    where cost_center is not null
    group by
        county_code,
        month_start,
        cost_center,
        coalesce(service_code, 'unknown')
),

shares as (
    select
        county_code,
        month_start,
        cost_center,
        service_code,
        outputs,
        outputs * 1.0 / sum(outputs) over (partition by county_code, month_start, cost_center) as output_share
    from outputs
)

select
    shares.county_code,
    shares.month_start,
    shares.service_code,
    cast(count(*) as {{ dbt.type_bigint() }}) as producing_cost_centers,
    cast(count(htv.cost_center) as {{ dbt.type_bigint() }}) as producing_cost_centers_with_htv,
    cast(coalesce(sum(htv.htv_paid * shares.output_share), 0) as {{ tietopohja.type_double() }}) as htv_paid,
    cast(coalesce(sum(htv.htv_worked * shares.output_share), 0) as {{ tietopohja.type_double() }}) as htv_worked
from shares
left join {{ ref('int_cost_center_htv_monthly') }} as htv
    on
        shares.cost_center = htv.cost_center
        and shares.month_start = htv.month_start
group by
    shares.county_code,
    shares.month_start,
    shares.service_code
