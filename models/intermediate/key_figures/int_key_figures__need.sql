{#-
  Tunnusluvut: tarve, laatu ja yhteensovittaminen — the need theme's
  contribution to key_figures (minimum-data spec, "Published key figures"):
  the rows of the measures computed once in int_need_measures_aggregated
  (and clients_health_and_social in int_key_figures__coordination) in the
  key-figure shape. What differs from the themed marts is a filter here:

  - breakdowns: whole county; residents, dependency_ratio and
    clients_per_1000 also by municipality, clients_per_1000,
    outpatient_visits, care_days and feedback_nps also by service;
    clients_per_1000 also by service+municipality (v1.1: per 1,000
    residents of that municipality). The service `unknown` (an output,
    discharge or answer of no known service) counts in the whole county
    only; the marts show it as a service.
  - clients by service+municipality (v1.1; the other breakdowns of clients
    are in int_key_figures__costs): the clients of
    int_need_measures_aggregated's service × home-municipality rows, the
    same rows as clients_per_1000 (0 where the municipality has residents
    and no client of a service the county has clients of);
    person_count = the clients.
  - residents, dependency_ratio: person_count NULL (official population
    statistics, not clients, not subject to small-number suppression).
  - clients_per_1000: also 0 where there are residents and no client (the
    whole county, a municipality with residents, a service the county has
    clients of in any period); the mart service_use_per_1000 has only the
    rows with clients. person_count = the clients.
  - outpatient_visits, care_days: days_in_care (a day counted once per
    person); person_count = the persons visiting / in care.
  - readmissions_30d_pct: person_count = the smaller of the persons
    discharged and (when any) readmitted: a rate built on 1–4 readmitted
    persons is suppressed in key_figures_public.
  - feedback_nps: person_count = the smallest non-zero of responses,
    promoters and detractors (answers are anonymous; each is one respondent).
  - clients_health_and_social: where above 0; person_count = value.
  - Component slots (tietopohja.key_figure_component_slots; what each
    holds: seeds/rules/key_figure_component_slots.csv): the numerator and
    denominator of each rate, the count of each count, from the same row
    of int_need_measures_aggregated as the value.
  - A row with a NULL value (a ratio without 15–64-year-olds, a rate
    without residents) is left out: key_figures adds it back as NULL.
-#}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{%- set null_bigint = 'cast(null as ' ~ dbt.type_bigint() ~ ')' -%}
with measures as (
    select *
    from {{ ref('int_need_measures_aggregated') }}
    where
        segment is null
        and age_group is null
        and unit_id is null
        and (service_code is null or service_code <> 'unknown')
),

figures as (
    select
        county_code,
        'residents' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        cast(residents as double) as value,
        {{ null_bigint }} as person_count,
        {{ tietopohja.key_figure_component_values({'addend_1': 'residents'}) }}
    from measures
    where service_code is null
    union all
    select
        county_code,
        'dependency_ratio' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        dependency_ratio as value,
        {{ null_bigint }} as person_count,
        {{ tietopohja.key_figure_component_values({
            'numerator': 'residents_young + residents_old',
            'denominator': 'residents_working_age',
            'context_1': 'residents_young',
            'context_2': 'residents_old',
        }) }}
    from measures
    where service_code is null
    union all
    select
        county_code,
        'clients_per_1000' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        clients_per_1000 as value,
        clients as person_count,
        {{ tietopohja.key_figure_component_values({
            'numerator': 'clients',
            'denominator': 'residents',
        }) }}
    from measures
    union all
    select
        county_code,
        'clients' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        cast(clients as double) as value,
        clients as person_count,
        {{ tietopohja.key_figure_component_values({'addend_1': 'clients'}) }}
    from measures
    where service_code is not null and municipality_code is not null
    union all
    select
        county_code,
        'outpatient_visits' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        cast(outpatient_visits as double) as value,
        outpatient_visitors as person_count,
        {{ tietopohja.key_figure_component_values({
            'addend_1': 'outpatient_visits',
            'context_1': 'outpatient_visitors',
        }) }}
    from measures
    union all
    select
        county_code,
        'care_days' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        cast(days_in_care as double) as value,
        persons_in_care as person_count,
        {{ tietopohja.key_figure_component_values({
            'addend_1': 'days_in_care',
            'context_1': 'persons_in_care',
        }) }}
    from measures
    union all
    select
        county_code,
        'readmissions_30d_pct' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        readmission_pct as value,
        case
            when persons_readmitted > 0 then least(persons_discharged, persons_readmitted)
            else persons_discharged
        end as person_count,
        {{ tietopohja.key_figure_component_values({
            'numerator': 'readmissions',
            'denominator': 'discharges',
            'context_1': 'persons_discharged',
            'context_2': 'persons_readmitted',
        }) }}
    from measures
    where service_code is null and municipality_code is null
    union all
    select
        county_code,
        'feedback_nps' as measure_code,
        period_grain,
        period_start,
        service_code,
        municipality_code,
        nps as value,
        cast({{ tietopohja.smallest_nonzero(['responses', 'promoters', 'detractors']) }} as {{ dbt.type_bigint() }})
            as person_count,
        {{ tietopohja.key_figure_component_values({
            'numerator': 'promoters - detractors',
            'denominator': 'responses',
            'context_1': 'promoters',
            'context_2': 'detractors',
        }) }}
    from measures
    union all
    select
        county_code,
        'clients_health_and_social' as measure_code,
        period_grain,
        period_start,
        {{ null_text }} as service_code,
        {{ null_text }} as municipality_code,
        cast(clients_health_and_social as double) as value,
        clients_health_and_social as person_count,
        {{ tietopohja.key_figure_component_values({
            'addend_1': 'clients_health_and_social',
            'context_1': 'clients',
        }) }}
    from {{ ref('int_key_figures__coordination') }}
    where clients_health_and_social > 0
)

select
    county_code,
    measure_code,
    period_grain,
    period_start,
    service_code,
    {{ null_text }} as segment,
    {{ null_text }} as production_mode,
    municipality_code,
    cast(value as double) as value,
    person_count,
    {{ tietopohja.key_figure_component_slots() | join(',\n    ') }}
from figures
where value is not null
