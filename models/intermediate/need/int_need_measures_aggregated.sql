{#-
  Tarpeen ja laadun mittarit — every measure of the need and quality
  themes (the measure register's theme `need`) computed once, per county
  and reporting period (int_reporting_periods) at the finest breakdown a
  reader needs. The marts service_use_per_1000, dependency_ratio,
  morbidity_per_1000 (residents), readmissions_30d, client_feedback and
  emergency_revisits_7d select their rows from here and add their own
  presentation (density over periods, changes, value_status);
  int_key_figures__need selects the key figures' rows. Breakdown columns
  NULL = all; a row holds the measures that exist for its breakdown, the
  others are NULL.

  - Residents (int_residents_periodized: the latest year end on or before
    the period's last day): residents, residents_young (0–14),
    residents_working_age (15–64), residents_old (65+) and
    dependency_ratio = (young + old) ÷ working age (NULL without
    15–64-year-olds), for the whole county and by municipality; residents
    also by age group. Every row carries the residents of its municipality
    or age group (the whole county's when it has neither), and stat_date.
  - Clients (counted once in int_clients_counted, from
    int_clients_periodized; an unknown service or segment is `unknown`):
    clients (distinct persons with an output), outputs, visits, care_days,
    service_days, clients_per_1000, outputs_per_1000, for the whole
    county; by service; segment; age group; municipality (home; a client
    without one counts only in the other rows); service ×
    segment; service × age group; service × municipality. clients is 0
    (not NULL) on the rows with residents and no client of the whole
    county, a municipality, or a service the county has clients of in any
    period, for the whole county and (v1.1, key figures by
    service+municipality) for each municipality with residents: there are
    residents to divide by. On the rows of a service and/or segment (or
    neither) without age group and municipality, also visit_clients,
    care_day_clients, service_day_clients: the clients with a visit, a care
    day, a service day (int_unit_costs_aggregated divides the costs by
    them); these four groupings count a row per client and grouping
    (`cube`), the others `count(distinct)` numbered clients.
  - Outpatient visits (int_outputs_expanded, contact types of the var
    `outpatient_visit_contact_types`, default R10, R20, R30, R40, R41,
    R52): outpatient_visits and the persons visiting; whole county and by
    service. Care days: days_in_care, inpatient and 24-hour care days
    (ward episodes and social-care service periods of is_24h services) with
    a day counted once per person (by service once per person and service),
    and persons_in_care; whole county and by service. Visits and days are
    counted per person and month first and the months rolled into the
    periods (tietopohja.in_period): the 12 M output days are read once.
  - Readmissions (int_discharges_readmission_flagged, by discharge day):
    discharges, readmissions, persons_discharged, persons_readmitted,
    readmission_pct = readmissions ÷ discharges × 100; whole county and by
    the discharging ward's service.
  - Feedback (int_feedback_mapped, by answer day): responses, promoters
    (9–10), detractors (0–6), score_sum, mean_score, nps = (promoters −
    detractors) ÷ responses × 100; whole county, by service and by unit
    within its service (unit_id).
  - Emergency revisits (int_emergency_visits_revisit_flagged, by visit
    day): emergency_visits, revisits_7d, emergency_persons, revisit_pct;
    whole county.
  Totals are `group by ... grouping sets (...)` (`noqa: PRS, LT02`:
  sqlfluff's DuckDB dialect does not parse them; DuckDB and Spark run
  them); a row grouped by a column whose value is NULL is left out (NULL
  always means "all").
-#}
{%- set bigint = dbt.type_bigint() -%}
{%- set double = tietopohja.type_double() -%}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
{%- set contact_types = var('outpatient_visit_contact_types', ['R10', 'R20', 'R30', 'R40', 'R41', 'R52']) -%}
{%- set contact_type_list = "'" ~ contact_types | join("', '") ~ "'" -%}
{%- set keys = ['county_code', 'period_grain', 'period_start'] -%}
{%- set breakdowns = tietopohja.need_breakdowns() -%}
with residents_grouped as (
    select
        county_code,
        period_grain,
        period_start,
        stat_date,
        municipality_code,
        age_group,
        grouping(municipality_code) as is_all_municipalities,
        grouping(age_group) as is_all_age_groups,
        cast(sum(residents) as {{ bigint }}) as residents,
        cast(sum(case when dependency_band = 'young' then residents else 0 end) as {{ bigint }}) as residents_young,
        cast(
            sum(case when dependency_band = 'working_age' then residents else 0 end) as {{ bigint }}
        ) as residents_working_age,
        cast(sum(case when dependency_band = 'old' then residents else 0 end) as {{ bigint }}) as residents_old
    from {{ ref('int_residents_periodized') }}
    group by
        county_code,
        period_grain,
        period_start,
        stat_date,
        grouping sets ((), (municipality_code), (age_group))  -- noqa: PRS, LT02
),

residents as (
    select
        county_code,
        period_grain,
        period_start,
        stat_date,
        {{ null_text }} as service_code,
        {{ null_text }} as segment,
        age_group,
        municipality_code,
        {{ null_text }} as unit_id,
        residents,
        {#- the dependency bands of the whole county and of a municipality -#}
        case when is_all_age_groups = 1 then residents_young end as residents_young,
        case when is_all_age_groups = 1 then residents_working_age end as residents_working_age,
        case when is_all_age_groups = 1 then residents_old end as residents_old
    from residents_grouped
    where
        (is_all_municipalities = 1 or municipality_code is not null)
        and (is_all_age_groups = 1 or age_group is not null)
),

clients as (
    {#- the clients of each period and breakdown, counted once in
        int_clients_counted (incremental by period) -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        age_group,
        municipality_code,
        {{ null_text }} as unit_id,
        clients,
        outputs,
        visits,
        care_days,
        service_days,
        visit_clients,
        care_day_clients,
        service_day_clients
    from {{ ref('int_clients_counted') }}
),

client_services as (
    {#- the services the county has clients of in any period -#}
    select distinct
        county_code,
        service_code
    from clients
    where service_code is not null and segment is null and age_group is null and municipality_code is null
),

clients_frame as (
    {#- the rows whose clients are 0 rather than NULL: the whole county and
        its municipalities with residents, and with the county's or a
        municipality's residents every service the county has clients of in
        any period -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        {{ null_text }} as segment,
        {{ null_text }} as age_group,
        municipality_code,
        {{ null_text }} as unit_id
    from residents
    where age_group is null
    union all
    select
        residents.county_code,
        residents.period_grain,
        residents.period_start,
        client_services.service_code,
        {{ null_text }} as segment,
        {{ null_text }} as age_group,
        residents.municipality_code,
        {{ null_text }} as unit_id
    from residents
    inner join client_services
        on residents.county_code = client_services.county_code
    where residents.age_group is null
),

visit_months as (
    select
        county_code,
        coalesce(service_code, 'unknown') as service_code,
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date) as month_start,
        count(*) as visits
    from {{ ref('int_outputs_expanded') }}
    where
        output_type = 'visit'
        and contact_type in ({{ contact_type_list }})
    group by
        county_code,
        coalesce(service_code, 'unknown'),
        person_pseudonym,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date)
),

visit_periods as (
    select
        visit_months.county_code,
        periods.period_grain,
        periods.period_start,
        visit_months.service_code,
        visit_months.person_pseudonym,
        visit_months.visits
    from visit_months
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('visit_months', 'month_start') }}
),

outpatient_visits as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        {{ null_text }} as segment,
        {{ null_text }} as age_group,
        {{ null_text }} as municipality_code,
        {{ null_text }} as unit_id,
        cast(sum(visits) as {{ bigint }}) as outpatient_visits,
        cast(count(distinct person_pseudonym) as {{ bigint }}) as outpatient_visitors
    from visit_periods
    group by
        county_code,
        period_grain,
        period_start,
        grouping sets ((), (service_code))  -- noqa: PRS, LT02
),

care_day_rows as (
    {#- a day in care counted once per person (and once per person and service) -#}
    select distinct
        county_code,
        coalesce(service_code, 'unknown') as service_code,
        person_pseudonym,
        output_date,
        cast({{ dbt.date_trunc('month', 'output_date') }} as date) as month_start
    from {{ ref('int_outputs_expanded') }}
    where output_type = 'care_day' or (output_type = 'service_day' and is_24h_service)
),

care_months as (
    select
        county_code,
        service_code,
        person_pseudonym,
        month_start,
        count(distinct output_date) as days_in_care
    from care_day_rows
    group by
        county_code,
        person_pseudonym,
        month_start,
        grouping sets ((), (service_code))  -- noqa: PRS, LT02
),

care_days as (
    select
        care_months.county_code,
        periods.period_grain,
        periods.period_start,
        care_months.service_code,
        {{ null_text }} as segment,
        {{ null_text }} as age_group,
        {{ null_text }} as municipality_code,
        {{ null_text }} as unit_id,
        cast(sum(care_months.days_in_care) as {{ bigint }}) as days_in_care,
        cast(count(distinct care_months.person_pseudonym) as {{ bigint }}) as persons_in_care
    from care_months
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('care_months', 'month_start') }}
    group by
        care_months.county_code,
        periods.period_grain,
        periods.period_start,
        care_months.service_code
),

discharges as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        coalesce(flagged.service_code, 'unknown') as service_code,
        flagged.person_pseudonym,
        flagged.is_readmitted_30d
    from {{ ref('int_discharges_readmission_flagged') }} as flagged
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('flagged', 'discharge_date') }}
),

readmissions as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        {{ null_text }} as segment,
        {{ null_text }} as age_group,
        {{ null_text }} as municipality_code,
        {{ null_text }} as unit_id,
        cast(count(*) as {{ bigint }}) as discharges,
        cast(sum(case when is_readmitted_30d then 1 else 0 end) as {{ bigint }}) as readmissions,
        cast(count(distinct person_pseudonym) as {{ bigint }}) as persons_discharged,
        cast(
            count(distinct case when is_readmitted_30d then person_pseudonym end) as {{ bigint }}
        ) as persons_readmitted
    from discharges
    group by
        county_code,
        period_grain,
        period_start,
        grouping sets ((), (service_code))  -- noqa: PRS, LT02
),

answers as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        coalesce(feedback.service_code, 'unknown') as service_code,
        feedback.unit_id,
        feedback.score,
        feedback.is_promoter,
        feedback.is_detractor
    from {{ ref('int_feedback_mapped') }} as feedback
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('feedback', 'answered_at') }}
),

feedback_grouped as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        unit_id,
        grouping(unit_id) as is_all_units,
        cast(count(*) as {{ bigint }}) as responses,
        cast(sum(case when is_promoter then 1 else 0 end) as {{ bigint }}) as promoters,
        cast(sum(case when is_detractor then 1 else 0 end) as {{ bigint }}) as detractors,
        cast(sum(score) as {{ bigint }}) as score_sum
    from answers
    group by
        county_code,
        period_grain,
        period_start,
        grouping sets ((), (service_code), (service_code, unit_id))  -- noqa: PRS, LT02
),

feedback as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        {{ null_text }} as segment,
        {{ null_text }} as age_group,
        {{ null_text }} as municipality_code,
        unit_id,
        responses,
        promoters,
        detractors,
        score_sum
    from feedback_grouped
    where is_all_units = 1 or unit_id is not null
),

emergency_revisits as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        {{ null_text }} as service_code,
        {{ null_text }} as segment,
        {{ null_text }} as age_group,
        {{ null_text }} as municipality_code,
        {{ null_text }} as unit_id,
        cast(count(*) as {{ bigint }}) as emergency_visits,
        cast(sum(case when flagged.is_revisited_7d then 1 else 0 end) as {{ bigint }}) as revisits_7d,
        cast(count(distinct flagged.person_pseudonym) as {{ bigint }}) as emergency_persons
    from {{ ref('int_emergency_visits_revisit_flagged') }} as flagged
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('flagged', 'visit_date') }}
    group by periods.county_code, periods.period_grain, periods.period_start
),

row_keys as (
    {#- every breakdown row of any measure; in_clients_frame marks the rows
        of clients_frame -#}
    {%- for relation in ['clients', 'clients_frame', 'residents', 'outpatient_visits', 'care_days', 'readmissions',
        'feedback', 'emergency_revisits'] %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        {{ (keys + breakdowns) | join(',\n        ') }},
        {{ 1 if relation == 'clients_frame' else 0 }} as in_clients_frame
    from {{ relation }}
    {%- endfor %}
),

measure_rows as (
    select
        {{ (keys + breakdowns) | join(',\n        ') }},
        max(in_clients_frame) as in_clients_frame
    from row_keys
    group by {{ (keys + breakdowns) | join(', ') }}
),

measured as (
    select
        measure_rows.county_code,
        measure_rows.period_grain,
        measure_rows.period_start,
        measure_rows.service_code,
        measure_rows.segment,
        measure_rows.age_group,
        measure_rows.municipality_code,
        measure_rows.unit_id,
        residents.stat_date,
        residents.residents,
        residents.residents_young,
        residents.residents_working_age,
        residents.residents_old,
        case
            when measure_rows.in_clients_frame = 1 then coalesce(clients.clients, 0) else clients.clients
        end as clients,
        clients.outputs,
        clients.visits,
        clients.care_days,
        clients.service_days,
        clients.visit_clients,
        clients.care_day_clients,
        clients.service_day_clients,
        outpatient_visits.outpatient_visits,
        outpatient_visits.outpatient_visitors,
        care_days.days_in_care,
        care_days.persons_in_care,
        readmissions.discharges,
        readmissions.readmissions,
        readmissions.persons_discharged,
        readmissions.persons_readmitted,
        feedback.responses,
        feedback.promoters,
        feedback.detractors,
        feedback.score_sum,
        emergency_revisits.emergency_visits,
        emergency_revisits.revisits_7d,
        emergency_revisits.emergency_persons
    from measure_rows
    -- the residents of the row's municipality or age group (the whole
    -- county's when it has neither), whatever its other breakdowns
    left join residents
        on
            {{ tietopohja.keys_match('measure_rows', 'residents', keys, ['municipality_code', 'age_group']) }}
    {%- for relation in ['clients', 'outpatient_visits', 'care_days', 'readmissions', 'feedback',
        'emergency_revisits'] %}
    left join {{ relation }}
        on {{ tietopohja.keys_match('measure_rows', relation, keys, breakdowns) }}
    {%- endfor %}
)

select
    county_code,
    period_grain,
    period_start,
    service_code,
    segment,
    age_group,
    municipality_code,
    unit_id,
    stat_date,
    residents,
    residents_young,
    residents_working_age,
    residents_old,
    cast(cast(residents_young + residents_old as double) / nullif(residents_working_age, 0) as double)
        as dependency_ratio,
    clients,
    outputs,
    visits,
    care_days,
    service_days,
    visit_clients,
    care_day_clients,
    service_day_clients,
    cast(clients * 1000.0 / nullif(residents, 0) as double) as clients_per_1000,
    cast(outputs * 1000.0 / nullif(residents, 0) as double) as outputs_per_1000,
    outpatient_visits,
    outpatient_visitors,
    days_in_care,
    persons_in_care,
    discharges,
    readmissions,
    persons_discharged,
    persons_readmitted,
    cast(readmissions * 100.0 / nullif(discharges, 0) as double) as readmission_pct,
    responses,
    promoters,
    detractors,
    score_sum,
    cast(cast(score_sum as {{ double }}) / nullif(responses, 0) as double) as mean_score,
    cast((promoters - detractors) * 100.0 / nullif(responses, 0) as double) as nps,
    emergency_visits,
    revisits_7d,
    emergency_persons,
    cast(revisits_7d * 100.0 / nullif(emergency_visits, 0) as double) as revisit_pct
from measured
