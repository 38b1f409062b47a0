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
-#}
{%- set bigint = dbt.type_bigint() -%}
with clients as (
    select
        county_code,
        period_grain,
        period_start,
        person_pseudonym,
        coalesce(service_code, 'unknown') as service_code,
        coalesce(segment, 'unknown') as segment,
        age_group,
        home_municipality_code as municipality_code,
        outputs,
        visits,
        care_days,
        service_days
    from {{ ref('int_clients_periodized') }}
),

use_grouped as (
    {{ tietopohja.union_of_groupings(
        'clients',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['service_code', 'segment', 'age_group', 'municipality_code'],
        sets=[[], ['service_code'], ['segment'], ['age_group'], ['municipality_code'], ['service_code', 'segment'],
            ['service_code', 'age_group'], ['service_code', 'municipality_code']],
        measures=[
            'cast(count(distinct person_pseudonym) as ' ~ bigint ~ ') as clients',
            'cast(sum(outputs) as ' ~ bigint ~ ') as outputs',
            'cast(sum(visits) as ' ~ bigint ~ ') as visits',
            'cast(sum(care_days) as ' ~ bigint ~ ') as care_days',
            'cast(sum(service_days) as ' ~ bigint ~ ') as service_days',
        ]
    ) }}
),

period_residents as (
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        age_group,
        residents
    from {{ ref('int_residents_periodized') }}
),

residents_grouped as (
    {{ tietopohja.union_of_groupings(
        'period_residents',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['municipality_code', 'age_group'],
        sets=[[], ['municipality_code'], ['age_group']],
        measures=['cast(sum(residents) as ' ~ bigint ~ ') as residents']
    ) }}
),

rates as (
    select
        use_grouped.*,
        residents_grouped.residents,
        use_grouped.clients * 1000.0 / nullif(residents_grouped.residents, 0) as clients_per_1000,
        use_grouped.outputs * 1000.0 / nullif(residents_grouped.residents, 0) as outputs_per_1000
    from use_grouped
    left join residents_grouped
        on
            {{ tietopohja.keys_match(
                'use_grouped', 'residents_grouped', ['county_code', 'period_grain', 'period_start'],
                ['municipality_code', 'age_group']
            ) }}
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
