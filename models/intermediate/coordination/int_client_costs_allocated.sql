{#-
  Asiakaskohtaiset kustannukset — the allocated cost of each client's
  outputs per county and period (minimum-data spec, coordination: "cost per
  client = allocated cost of their outputs"). Each month, a service's
  allocated operating cost (int_costs_allocated, operating cost accounts)
  is spread evenly over the service's outputs of the month
  (int_service_outputs_daily: visits, care days and service days, one
  output each); a client's cost is the sum over their outputs. Quarters and
  years add up the months. Costs of services without outputs, of
  `unknown` and `unallocated` services belong to no client.
-#}

with service_costs as (
    select
        county_code,
        month_start,
        service_code,
        sum(amount_eur) as allocated_cost_eur
    from {{ ref('int_costs_allocated') }}
    where account_class = 'operating_cost'
    group by county_code, month_start, service_code
),

service_outputs as (
    select
        county_code,
        month_start,
        service_code,
        sum(output_count) as outputs
    from {{ ref('int_service_outputs_daily') }}
    group by county_code, month_start, service_code
),

client_outputs as (
    select
        county_code,
        month_start,
        service_code,
        person_pseudonym,
        sum(output_count) as outputs
    from {{ ref('int_service_outputs_daily') }}
    group by county_code, month_start, service_code, person_pseudonym
),

client_months as (
    select
        client_outputs.county_code,
        client_outputs.month_start,
        client_outputs.person_pseudonym,
        sum(
            coalesce(service_costs.allocated_cost_eur, 0) * client_outputs.outputs / service_outputs.outputs
        ) as allocated_cost_eur
    from client_outputs
    inner join service_outputs
        on
            {{ tietopohja.keys_match(
                'client_outputs', 'service_outputs', ['county_code', 'month_start', 'service_code']
            ) }}
    left join service_costs
        on
            {{ tietopohja.keys_match(
                'client_outputs', 'service_costs', ['county_code', 'month_start', 'service_code']
            ) }}
    group by client_outputs.county_code, client_outputs.month_start, client_outputs.person_pseudonym
)

select
    periods.county_code,
    periods.period_grain,
    periods.period_start,
    client_months.person_pseudonym,
    cast(sum(client_months.allocated_cost_eur) as {{ tietopohja.type_double() }}) as allocated_cost_eur
from {{ ref('int_reporting_periods') }} as periods
inner join client_months
    on {{ tietopohja.in_period('client_months') }}
group by periods.county_code, periods.period_grain, periods.period_start, client_months.person_pseudonym
