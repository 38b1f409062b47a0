{#-
  Tunnusluvut: tarve, laatu ja yhteensovittaminen — the need theme's
  contribution to key_figures (minimum-data spec, "Published key figures"),
  for every month, quarter and year of int_reporting_periods, with rows
  only where there is something to report.

  - residents (count): year-end residents of the county at the latest year
    end on or before the period's last day (int_residents_periodized);
    whole county + by municipality. person_count NULL: official population
    statistics (published by Statistics Finland by municipality, sex and
    age), not clients, so not subject to small-number suppression.
  - dependency_ratio (ratio): (0–14 + 65+) ÷ 15–64 at the same year end;
    whole county + by municipality; person_count NULL (as residents).
  - clients_per_1000 (per_1000): distinct clients with an output in the
    period (all clients of the county's services) ÷ county residents × 1000;
    by service (clients of the service ÷ county residents); by municipality
    (clients with that home municipality ÷ its residents; only
    municipalities with residents). Driven by the residents: 0 clients and
    residents give 0 (also for a service the county has clients of in
    other periods), no residents NULL. person_count = the clients.
  - outpatient_visits (count): visits with a contact type of the var
    `outpatient_visit_contact_types` (R10, R20, R30, R40, R41, R52) in the
    period; whole + by service. person_count = distinct persons visiting.
  - care_days (count): inpatient and 24-hour care days in the period: days
    of every ward episode plus days of social-care service periods of
    services with is_24h = true (service catalogue); a day is counted once
    per person (overlapping episodes / periods of a person on the same day
    = one day; by service once per person and service); admission day
    counts, discharge day does not (int_outputs_expanded). person_count =
    distinct persons in care.
  - readmissions_30d_pct (pct): discharges of the period followed by a new
    admission within 30 days ÷ discharges of the period × 100
    (int_discharges_readmission_flagged). person_count = the smaller of the
    distinct persons discharged and (when any) readmitted: a rate built on
    1–4 readmitted persons is suppressed in key_figures_public.
  - feedback_nps (ratio): NPS of the feedback answered in the period
    (−100…100); whole + by service (the unit's service). person_count = the
    smallest non-zero of responses, promoters and detractors (answers are
    anonymous; each is one respondent).
  - Rows with a NULL value (a ratio without 15–64-year-olds, a rate
    without residents) are left out: key_figures adds them back as NULL.
  - clients_health_and_social (count): clients with an output of both a
    health and a social service in the period, as counted in
    int_key_figures__coordination (the coordination theme's measures, also
    read by the mart client_service_coordination); person_count = value.
-#}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{%- set contact_types = var('outpatient_visit_contact_types', ['R10', 'R20', 'R30', 'R40', 'R41', 'R52']) -%}
{%- set contact_type_list = "'" ~ contact_types | join("', '") ~ "'" -%}
with period_residents as (
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        dependency_band,
        residents
    from {{ ref('int_residents_periodized') }}
),

residents_grouped as (
    {{ tietopohja.union_of_groupings(
        'period_residents',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['municipality_code'],
        sets=[[], ['municipality_code']],
        measures=[
            'sum(residents) as residents',
            'sum(case when dependency_band in (\'young\', \'old\') then residents else 0 end) as residents_dependent',
            'sum(case when dependency_band = \'working_age\' then residents else 0 end) as residents_working_age',
        ]
    ) }}
),

residents_figures as (
    select
        county_code,
        'residents' as measure_code,
        period_grain,
        period_start,
        {{ null_text }} as service_code,
        municipality_code,
        cast(residents as double) as value,
        cast(null as {{ dbt.type_bigint() }}) as person_count
    from residents_grouped
    union all
    select
        county_code,
        'dependency_ratio' as measure_code,
        period_grain,
        period_start,
        {{ null_text }} as service_code,
        municipality_code,
        cast(residents_dependent as double) / nullif(residents_working_age, 0) as value,
        cast(null as {{ dbt.type_bigint() }}) as person_count
    from residents_grouped
),

period_clients as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        home_municipality_code as municipality_code,
        person_pseudonym
    from {{ ref('int_clients_periodized') }}
),

clients_grouped as (
    {{ tietopohja.union_of_groupings(
        'period_clients',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['service_code', 'municipality_code'],
        sets=[[], ['service_code'], ['municipality_code']],
        measures=['count(distinct person_pseudonym) as clients']
    ) }}
),

client_services as (
    select distinct
        county_code,
        service_code
    from clients_grouped
    where service_code is not null
),

clients_denominators as (
    {#- driven by the residents: a period (or municipality, or service the
        county has clients of in any period) with residents and no clients
        has 0 clients per 1,000 residents, not "nothing to divide by" -#}
    select
        county_code,
        period_grain,
        period_start,
        {{ null_text }} as service_code,
        municipality_code,
        residents
    from residents_grouped
    union all
    select
        residents_grouped.county_code,
        residents_grouped.period_grain,
        residents_grouped.period_start,
        client_services.service_code,
        {{ null_text }} as municipality_code,
        residents_grouped.residents
    from residents_grouped
    inner join client_services
        on residents_grouped.county_code = client_services.county_code
    where residents_grouped.municipality_code is null
),

clients_figures as (
    select
        denominators.county_code,
        'clients_per_1000' as measure_code,
        denominators.period_grain,
        denominators.period_start,
        denominators.service_code,
        denominators.municipality_code,
        coalesce(clients_grouped.clients, 0) * 1000.0 / nullif(denominators.residents, 0) as value,
        cast(coalesce(clients_grouped.clients, 0) as {{ dbt.type_bigint() }}) as person_count
    from clients_denominators as denominators
    left join clients_grouped
        on
            {{ tietopohja.keys_match(
                'denominators', 'clients_grouped', ['county_code', 'period_grain', 'period_start'],
                ['service_code', 'municipality_code']
            ) }}
),

visit_months as (
    {#- visits and care days are counted per person and month first (a day
        belongs to one month), and the months summed into their periods:
        the 12 M output days are read once, not once per grain -#}
    select
        county_code,
        service_code,
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date) as month_start,
        count(*) as visits
    from {{ ref('int_outputs_expanded') }}
    where
        output_type = 'visit'
        and contact_type in ({{ contact_type_list }})
    group by
        county_code,
        service_code,
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date)
),

period_visits as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        visit_months.service_code,
        visit_months.person_pseudonym,
        visit_months.visits
    from visit_months
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            visit_months.county_code = periods.county_code
            and visit_months.month_start between periods.period_start and periods.period_end
),

visit_figures as (
    select
        county_code,
        'outpatient_visits' as measure_code,
        period_grain,
        period_start,
        service_code,
        {{ null_text }} as municipality_code,
        cast(visits as double) as value,
        persons as person_count
    from (
        {{ tietopohja.union_of_groupings(
            'period_visits',
            keys=['county_code', 'period_grain', 'period_start'],
            dims=['service_code'],
            sets=[[], ['service_code']],
            measures=['sum(visits) as visits',
                'cast(count(distinct person_pseudonym) as ' ~ dbt.type_bigint() ~ ') as persons']
        ) }}
    ) as grouped
),

care_days as (
    {#- a day in care counted once per person (and once per person and service) -#}
    select distinct
        county_code,
        service_code,
        person_pseudonym,
        output_date
    from {{ ref('int_outputs_expanded') }}
    where output_type = 'care_day' or (output_type = 'service_day' and is_24h_service)
),

care_months as (
    select
        county_code,
        {{ null_text }} as service_code,
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date) as month_start,
        count(distinct output_date) as care_days
    from care_days
    group by
        county_code,
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date)
    union all
    select
        county_code,
        service_code,
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date) as month_start,
        count(*) as care_days
    from care_days
    where service_code is not null
    group by
        county_code,
        service_code,
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date)
),

care_day_figures as (
    select
        periods.county_code,
        'care_days' as measure_code,
        periods.period_grain,
        periods.period_start,
        care_months.service_code,
        {{ null_text }} as municipality_code,
        cast(sum(care_months.care_days) as double) as value,
        cast(count(distinct care_months.person_pseudonym) as {{ dbt.type_bigint() }}) as person_count
    from care_months
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            care_months.county_code = periods.county_code
            and care_months.month_start between periods.period_start and periods.period_end
    group by
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        care_months.service_code
),

readmission_figures as (
    select
        periods.county_code,
        'readmissions_30d_pct' as measure_code,
        periods.period_grain,
        periods.period_start,
        {{ null_text }} as service_code,
        {{ null_text }} as municipality_code,
        sum(case when flagged.is_readmitted_30d then 1 else 0 end) * 100.0 / nullif(count(*), 0) as value,
        {#- the smallest non-zero count of persons the rate is built on (discharged, readmitted) -#}
        cast(
            case
                when count(distinct case when flagged.is_readmitted_30d then flagged.person_pseudonym end) > 0
                    then least(
                        count(distinct flagged.person_pseudonym),
                        count(distinct case when flagged.is_readmitted_30d then flagged.person_pseudonym end)
                    )
                else count(distinct flagged.person_pseudonym)
            end as {{ dbt.type_bigint() }}
        ) as person_count
    from {{ ref('int_discharges_readmission_flagged') }} as flagged
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            flagged.county_code = periods.county_code
            and flagged.discharge_date between periods.period_start and periods.period_end
    group by periods.county_code, periods.period_grain, periods.period_start
),

period_feedback as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        feedback.service_code,
        feedback.is_promoter,
        feedback.is_detractor
    from {{ ref('int_feedback_mapped') }} as feedback
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            feedback.county_code = periods.county_code
            and feedback.answered_at between periods.period_start and periods.period_end
),

feedback_figures as (
    select
        county_code,
        'feedback_nps' as measure_code,
        period_grain,
        period_start,
        service_code,
        {{ null_text }} as municipality_code,
        nps as value,
        smallest_count as person_count
    from (
        {{ tietopohja.union_of_groupings(
            'period_feedback',
            keys=['county_code', 'period_grain', 'period_start'],
            dims=['service_code'],
            sets=[[], ['service_code']],
            measures=[
                '(sum(case when is_promoter then 1 else 0 end) - sum(case when is_detractor then 1 else 0 end))'
                    ~ ' * 100.0 / nullif(count(*), 0) as nps',
                'cast(count(*) as ' ~ dbt.type_bigint() ~ ') as responses',
                'cast(' ~ tietopohja.smallest_nonzero([
                    'count(*)',
                    'sum(case when is_promoter then 1 else 0 end)',
                    'sum(case when is_detractor then 1 else 0 end)',
                ]) ~ ' as ' ~ dbt.type_bigint() ~ ') as smallest_count',
            ]
        ) }}
    ) as grouped
),

coordination_figures as (
    {#- counted once, with the coordination theme's measures -#}
    select
        county_code,
        'clients_health_and_social' as measure_code,
        period_grain,
        period_start,
        {{ null_text }} as service_code,
        {{ null_text }} as municipality_code,
        cast(clients_health_and_social as double) as value,
        clients_health_and_social as person_count
    from {{ ref('int_key_figures__coordination') }}
    where clients_health_and_social > 0
),

unioned as (
    select * from residents_figures
    union all
    select * from clients_figures
    union all
    select * from visit_figures
    union all
    select * from care_day_figures
    union all
    select * from readmission_figures
    union all
    select * from feedback_figures
    union all
    select * from coordination_figures
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
    person_count
from unioned
where value is not null
