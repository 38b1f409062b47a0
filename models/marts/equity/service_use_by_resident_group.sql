{#-
  Palvelujen käyttö väestöryhmittäin — service use of the county's
  residents per 1,000 residents by home municipality, sex and age group,
  per month, quarter and year (minimum-data spec, equity).

  - Every municipality × sex × age group with residents (latest year end
    on or before the period's last day) has a row, also when nobody of it
    used a service (clients 0); so has every group with clients and no
    residents at that year end (residents 0, rates NULL), so that the
    groups of a total add up to it. Clients whose home municipality is not
    among the county's residents' municipalities are outside this view.
  - Rows: every combination of municipality, sex and age group and their
    totals (NULL = all; municipality_code NULL = whole county).
  - clients: distinct persons with any output of the county's services;
    visit_clients: distinct persons with a visit (the access measure of
    this view: share of residents who got to a visit); outputs: visits +
    care days + service days. Age group of a client: age on the period's
    last day. Waiting-time access by municipality is in the availability
    theme.
-#}
with clients as (
    select
        county_code,
        period_grain,
        period_start,
        person_pseudonym,
        home_municipality_code as municipality_code,
        sex,
        age_group,
        outputs,
        visits
    from {{ ref('int_clients_periodized') }}
),

resident_groups as (
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        sex,
        age_group,
        residents
    from {{ ref('int_residents_periodized') }}
),

resident_clients as (
    select clients.*
    from clients
    where exists (
        select 1
        from resident_groups
        where
            {{ tietopohja.keys_match(
                'resident_groups', 'clients', ['county_code', 'period_grain', 'period_start', 'municipality_code']
            ) }}
    )
),

persons as (
    {#- a row per person: nearly every person is in one group (municipality,
        sex, age group) in the period, and is counted in it without the
        pseudonym; is_one_group is 0 for the few whose home municipality
        changed within the period -#}
    select
        county_code,
        period_grain,
        period_start,
        person_pseudonym,
        min(municipality_code) as municipality_code,
        min(sex) as sex,
        min(age_group) as age_group,
        sum(outputs) as outputs,
        max(visits) as visits,
        case
            when
                {{ tietopohja.has_one_value('municipality_code') }}
                and {{ tietopohja.has_one_value('sex') }}
                and {{ tietopohja.has_one_value('age_group') }}
                then 1
            else 0
        end as is_one_group
    from resident_clients
    group by county_code, period_grain, period_start, person_pseudonym
),

several_groups as (
    {#- the persons of several groups: a row per person and group (read from
        clients again with the same condition: resident_clients read twice
        would be materialised whole) -#}
    select
        clients.county_code,
        clients.period_grain,
        clients.period_start,
        clients.person_pseudonym,
        clients.municipality_code,
        clients.sex,
        clients.age_group,
        sum(clients.outputs) as outputs,
        max(clients.visits) as visits
    from clients
    inner join persons
        on
            {{ tietopohja.keys_match(
                'clients', 'persons', ['county_code', 'period_grain', 'period_start', 'person_pseudonym']
            ) }}
    where
        persons.is_one_group = 0
        and exists (
            select 1
            from resident_groups
            where
                {{ tietopohja.keys_match(
                    'resident_groups', 'clients', ['county_code', 'period_grain', 'period_start', 'municipality_code']
                ) }}
        )
    group by
        clients.county_code,
        clients.period_grain,
        clients.period_start,
        clients.person_pseudonym,
        clients.municipality_code,
        clients.sex,
        clients.age_group
),

use_rows as (
    {#- what the cube adds up: a row per group for the persons in one group
        in the period (nearly everyone; person_key NULL), and a row per
        person and group for the persons in several groups (a home
        municipality that changed within the period) -#}
    select
        county_code,
        period_grain,
        period_start,
        cast(null as {{ dbt.type_string() }}) as person_key,
        municipality_code,
        sex,
        age_group,
        count(*) as clients,
        sum(case when visits > 0 then 1 else 0 end) as visit_clients,
        sum(outputs) as outputs
    from persons
    where is_one_group = 1
    group by county_code, period_grain, period_start, municipality_code, sex, age_group
    union all
    select
        county_code,
        period_grain,
        period_start,
        person_pseudonym as person_key,
        municipality_code,
        sex,
        age_group,
        1 as clients,
        case when visits > 0 then 1 else 0 end as visit_clients,
        outputs
    from several_groups
),

use_cube as (
    {#- the eight combinations of municipality, sex and age group (`cube`;
        a column left out = all): the groups add up; a person of several
        groups is one row per combination, counted once, with a visit in
        any of them -#}
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        sex,
        age_group,
        grouping(municipality_code) as is_all_municipalities,
        grouping(sex) as is_all_sexes,
        grouping(age_group) as is_all_age_groups,
        case when person_key is null then sum(clients) else 1 end as clients,
        case when person_key is null then sum(visit_clients) else max(visit_clients) end as visit_clients,
        sum(outputs) as outputs
    from use_rows
    group by
        county_code,
        period_grain,
        period_start,
        person_key,
        cube(municipality_code, sex, age_group)
),

use_grouped as (
    {#- a grouping by a column counts only the persons whose value of it is
        known: NULL is always "all", never "unknown" -#}
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        sex,
        age_group,
        cast(sum(clients) as {{ dbt.type_bigint() }}) as clients,
        cast(sum(visit_clients) as {{ dbt.type_bigint() }}) as visit_clients,
        cast(sum(outputs) as {{ dbt.type_bigint() }}) as outputs
    from use_cube
    where
        (is_all_municipalities = 1 or municipality_code is not null)
        and (is_all_sexes = 1 or sex is not null)
        and (is_all_age_groups = 1 or age_group is not null)
    group by county_code, period_grain, period_start, municipality_code, sex, age_group
),

residents_cube as (
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        sex,
        age_group,
        grouping(municipality_code) as is_all_municipalities,
        grouping(sex) as is_all_sexes,
        grouping(age_group) as is_all_age_groups,
        cast(sum(residents) as {{ dbt.type_bigint() }}) as residents
    from resident_groups
    group by
        county_code,
        period_grain,
        period_start,
        cube(municipality_code, sex, age_group)
),

residents_grouped as (
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        sex,
        age_group,
        residents
    from residents_cube
    where
        (is_all_municipalities = 1 or municipality_code is not null)
        and (is_all_sexes = 1 or sex is not null)
        and (is_all_age_groups = 1 or age_group is not null)
),

groups as (
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        sex,
        age_group
    from residents_grouped
    union
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        sex,
        age_group
    from use_grouped
),

rates as (
    select
        groups.county_code,
        groups.period_grain,
        groups.period_start,
        groups.municipality_code,
        groups.sex,
        groups.age_group,
        coalesce(residents_grouped.residents, 0) as residents,
        coalesce(use_grouped.clients, 0) as clients,
        coalesce(use_grouped.visit_clients, 0) as visit_clients,
        coalesce(use_grouped.outputs, 0) as outputs,
        coalesce(use_grouped.clients, 0) * 1000.0 / nullif(residents_grouped.residents, 0) as clients_per_1000,
        coalesce(use_grouped.visit_clients, 0) * 1000.0 / nullif(residents_grouped.residents, 0)
            as visit_clients_per_1000,
        coalesce(use_grouped.outputs, 0) * 1000.0 / nullif(residents_grouped.residents, 0) as outputs_per_1000
    from groups
    left join residents_grouped
        on
            {{ tietopohja.keys_match(
                'groups', 'residents_grouped', ['county_code', 'period_grain', 'period_start'],
                ['municipality_code', 'sex', 'age_group']
            ) }}
    left join use_grouped
        on
            {{ tietopohja.keys_match(
                'groups', 'use_grouped', ['county_code', 'period_grain', 'period_start'],
                ['municipality_code', 'sex', 'age_group']
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
    {{ tietopohja.period_changes('statused', ['county_code', 'municipality_code', 'sex', 'age_group'],
        ['clients_per_1000', 'outputs_per_1000'], status_column='value_status') }}
)

select
    county_code,
    period_grain,
    period_start,
    municipality_code,
    cast(sex as {{ dbt.type_bigint() }}) as sex,
    age_group,
    {{ tietopohja.delivered('residents', 'population_status') }} as residents,
    cast({{ tietopohja.delivered('clients', 'client_status') }} as {{ dbt.type_bigint() }}) as clients,
    cast({{ tietopohja.delivered('visit_clients', 'client_status') }} as {{ dbt.type_bigint() }}) as visit_clients,
    cast({{ tietopohja.delivered('outputs', 'client_status') }} as {{ dbt.type_bigint() }}) as outputs,
    cast({{ tietopohja.delivered('clients_per_1000') }} as double) as clients_per_1000,
    cast({{ tietopohja.delivered('visit_clients_per_1000') }} as double) as visit_clients_per_1000,
    cast({{ tietopohja.delivered('outputs_per_1000') }} as double) as outputs_per_1000,
    {{ tietopohja.period_change_columns({
        'clients_per_1000': tietopohja.type_double(),
        'outputs_per_1000': tietopohja.type_double()
    }) }},
    value_status
from changes
