{#-
  Palvelujen käyttö tuhatta asukasta kohden — clients and outputs per 1,000
  residents by service, segment, age group and home municipality, per
  month, quarter and year (minimum-data spec, need: service use history).

  - Clients: distinct persons with an output in the period
    (int_clients_periodized; all clients of the county's services, wherever
    they live). Outputs: visits + care days + service days.
  - Breakdowns (NULL = all): whole county; service; segment; age group;
    municipality; service × segment; service × age group; service ×
    municipality. An unknown service or segment is `unknown`.
  - Residents: year-end residents of the county (or of the municipality /
    age group of the row) at the latest year end on or before the period's
    last day (int_residents_periodized); a period before the first
    delivered year end uses that first year end (README). NULL only without
    any delivered population, and then the rates are NULL. Segment and
    service do not restrict the residents (per 1,000 of all residents).
  - Age group of a client: age on the period's last day.

  The measures are computed once, in int_need_measures_aggregated (which
  int_key_figures__need reads for clients_per_1000 too).
-#}
with rates as (
    {#- the rows with clients (int_need_measures_aggregated has also the
        residents' rows without any, for the key figures) -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        age_group,
        municipality_code,
        clients,
        outputs,
        visits,
        care_days,
        service_days,
        residents,
        clients_per_1000,
        outputs_per_1000
    from {{ ref('int_need_measures_aggregated') }}
    where clients > 0
),

statused as (
    select
        rates.*,
        {{ tietopohja.value_status_column(['patient', 'social'], 'any', 'rates') }} as client_status,
        {{ tietopohja.value_status_column(['population'], 'any', 'rates') }} as population_status,
        {{ tietopohja.source_group_value_status('patient+social/population', 'rates') }} as value_status
    from rates
),

changes as (
    {{ tietopohja.period_changes(
        'statused',
        ['county_code', 'service_code', 'segment', 'age_group', 'municipality_code'],
        ['clients_per_1000', 'outputs_per_1000'],
        status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    service_code,
    segment,
    age_group,
    municipality_code,
    {{ tietopohja.delivered('clients', 'client_status') }} as clients,
    {{ tietopohja.delivered('outputs', 'client_status') }} as outputs,
    {{ tietopohja.delivered('visits', 'client_status') }} as visits,
    {{ tietopohja.delivered('care_days', 'client_status') }} as care_days,
    {{ tietopohja.delivered('service_days', 'client_status') }} as service_days,
    {{ tietopohja.delivered('residents', 'population_status') }} as residents,
    cast({{ tietopohja.delivered('clients_per_1000') }} as double) as clients_per_1000,
    cast({{ tietopohja.delivered('outputs_per_1000') }} as double) as outputs_per_1000,
    {{ tietopohja.period_change_columns({
        'clients_per_1000': tietopohja.type_double(),
        'outputs_per_1000': tietopohja.type_double()
    }) }},
    value_status
from changes
