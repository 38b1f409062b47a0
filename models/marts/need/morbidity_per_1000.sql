{#-
  Sairastavuus — clients per 1,000 residents with a visit or ward episode
  whose main diagnosis is in an ICD-10 chapter or a tracked disease group
  (diabetes, coronary heart disease, depression, dementia, substance use;
  seeds/rules/icd10_groups.csv), per month, quarter and year.

  - A client counts in a period when a visit with the diagnosis falls in
    the period or an episode with it overlaps the period (admission day ≤
    period end and discharge day ≥ period start, open = ongoing).
  - Numerator: distinct clients of the county's services (int_diagnoses_grouped);
    by municipality: clients with that home municipality.
    municipality_code NULL = whole county.
  - Residents as in service_use_per_1000 (latest year end on or before the
    period's last day; int_need_measures_aggregated); rates NULL without
    population.
  - Every group (and municipality) the county has in any period has a row
    in every period (0 clients: tietopohja.dense_over_periods), so changes
    from a period without such clients are defined.
  - The county total is `grouping sets` (`noqa: PRS, LT02`: sqlfluff's
    DuckDB dialect does not parse them; DuckDB and Spark run them).
-#}
{%- set bigint = dbt.type_bigint() -%}
with diagnosed as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        diagnoses.group_type,
        diagnoses.group_code,
        diagnoses.home_municipality_code as municipality_code,
        diagnoses.person_pseudonym
    from {{ ref('int_diagnoses_grouped') }} as diagnoses
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            diagnoses.county_code = periods.county_code
            and diagnoses.event_date <= periods.period_end
            and (diagnoses.event_end_date is null or diagnoses.event_end_date >= periods.period_start)
),

grouped_sets as (
    select
        county_code,
        period_grain,
        period_start,
        group_type,
        group_code,
        municipality_code,
        grouping(municipality_code) as is_all_municipalities,
        cast(count(distinct person_pseudonym) as {{ bigint }}) as clients
    from diagnosed
    group by
        county_code,
        period_grain,
        period_start,
        group_type,
        group_code,
        grouping sets ((), (municipality_code))  -- noqa: PRS, LT02
),

grouped as (
    {#- a client without a home municipality counts in the whole county only -#}
    select
        county_code,
        period_grain,
        period_start,
        group_type,
        group_code,
        municipality_code,
        clients
    from grouped_sets
    where is_all_municipalities = 1 or municipality_code is not null
),

residents_grouped as (
    {#- the county's and its municipalities' residents, computed once in
        int_need_measures_aggregated -#}
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        residents
    from {{ ref('int_need_measures_aggregated') }}
    where
        service_code is null
        and segment is null
        and age_group is null
        and unit_id is null
        and residents is not null
),

dense as (
    {{ tietopohja.dense_over_periods('grouped', ['group_type', 'group_code', 'municipality_code'], ['clients']) }}
),

rates as (
    select
        dense.*,
        residents_grouped.residents,
        dense.clients * 1000.0 / nullif(residents_grouped.residents, 0) as clients_per_1000,
        {{ tietopohja.value_status_column(['patient'], 'any', 'dense') }} as client_status,
        {{ tietopohja.value_status_column(['population'], 'any', 'dense') }} as population_status,
        {{ tietopohja.source_group_value_status('patient/population', 'dense') }} as value_status
    from dense
    left join residents_grouped
        on
            {{ tietopohja.keys_match(
                'dense', 'residents_grouped', ['county_code', 'period_grain', 'period_start'], ['municipality_code']
            ) }}
),

changes as (
    {{ tietopohja.period_changes('rates', ['county_code', 'group_type', 'group_code', 'municipality_code'],
        ['clients_per_1000'], status_column='value_status') }}
)

select
    county_code,
    period_grain,
    period_start,
    group_type,
    group_code,
    municipality_code,
    {{ tietopohja.delivered('clients', 'client_status') }} as clients,
    {{ tietopohja.delivered('residents', 'population_status') }} as residents,
    cast({{ tietopohja.delivered('clients_per_1000') }} as double) as clients_per_1000,
    {{ tietopohja.period_change_columns({'clients_per_1000': tietopohja.type_double()}) }},
    value_status
from changes
