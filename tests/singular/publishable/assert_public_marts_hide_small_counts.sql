{#-
  No publishable mart shows a count of persons from 1 to 4
  (tietopohja.is_small_number(), minimum-data spec "Small numbers and
  privacy").

  The columns checked are generated from the graph: every column of every
  `*_public` model whose YAML has `config: {meta: {person_count: true}}`
  (the same meta tietopohja.publishable_mart() checks its person_counts
  against). A row per offending value. Also fails
  - for a model of models/marts/publishable/ that declares no person count
    (the meta would be missing and nothing would be checked), and
  - for a `*_public` model of models/marts/publishable/ not in the list
    below (the list gives dbt the dependencies: the test runs after the
    marts; add a new public mart to it).
  key_figures_public (marts/key_figures) has no per-person column: its
  suppression is unit-tested in its own YAML.
-#}
{%- set public_marts = [
    'availability_waits_by_client_group_public',
    'availability_waits_by_service_public',
    'client_feedback_public',
    'client_service_coordination_public',
    'emergency_revisits_7d_public',
    'heavy_users_public',
    'morbidity_per_1000_public',
    'municipality_use_disparity_public',
    'personnel_by_occupation_public',
    'personnel_by_organisation_public',
    'personnel_by_service_public',
    'readmissions_30d_public',
    'service_productivity_public',
    'service_unit_costs_public',
    'service_use_by_resident_group_public',
    'service_use_per_1000_public',
] -%}
{%- for m in public_marts %}
-- depends_on: {{ ref(m) }}
{%- endfor %}
{%- set found = tietopohja.public_mart_person_count_checks(public_marts) -%}
{%- set checks = found.checks -%}
{%- set problems = found.problems -%}
{%- for check in checks %}
select
    '{{ check.model }}' as model_name,
    '{{ check.column }}' as column_name,
    cast({{ check.column }} as {{ dbt.type_bigint() }}) as person_count,
    cast(count(*) as {{ dbt.type_bigint() }}) as row_count
from {{ check.relation }}
where {{ tietopohja.is_small_number(check.column) }}
group by {{ check.column }}
union all
{%- endfor %}
{%- for problem in problems %}
select
    '{{ problem.model }}' as model_name,
    '{{ problem.problem }}' as column_name,
    cast(null as {{ dbt.type_bigint() }}) as person_count,
    cast(1 as {{ dbt.type_bigint() }}) as row_count
union all
{%- endfor %}
select
    cast(null as {{ dbt.type_string() }}) as model_name,
    cast(null as {{ dbt.type_string() }}) as column_name,
    cast(null as {{ dbt.type_bigint() }}) as person_count,
    cast(null as {{ dbt.type_bigint() }}) as row_count
where 1 = 0
