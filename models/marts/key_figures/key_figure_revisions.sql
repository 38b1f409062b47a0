{#-
  Tunnuslukujen korjaukset — the revision history of the published figures
  (minimum-data spec "Revision history of published figures"): per two
  consecutive builds of this landing folder (key_figure_builds) and per key
  figure (every key column of key_figures), each value that changed: old and
  new value and value_status, both builds' times, landing fingerprints and
  project versions, and the landing files that differ between the two builds
  (key_figure_revision_files: one row per file). A value changed when its
  value_status changed, it became or stopped being NULL, or the two values
  differ by more than 1e-9 relative (a parallel sum can differ in its last
  bits between two builds of the same files). `added`/`removed`: a figure
  row that only the newer/older build has. Two builds with the same files
  and figures add nothing. `old_/new_is_suppressed_public`: whether
  key_figures_public hid the value in that build (small numbers), so that a
  page showing revisions hides what the public table hid (NULL: the older
  build was recorded by a version that did not keep it — treat as hidden).
  Empty on Spark (no history).
-#}
{%- set keys = tietopohja.key_figure_keys() -%}
with builds as (
    select * from {{ ref('key_figure_builds') }}
),

pairs as (
    select
        new_build.landing_chain,
        old_build.build_id as old_build_id,
        new_build.build_id as new_build_id,
        old_build.built_at as old_built_at,
        new_build.built_at as new_built_at,
        old_build.landing_fingerprint as old_landing_fingerprint,
        new_build.landing_fingerprint as new_landing_fingerprint,
        old_build.project_version as old_project_version,
        new_build.project_version as new_project_version
    from builds as new_build
    inner join builds as old_build
        on new_build.previous_build_id = old_build.build_id
),

figures as (
    select
        build_id,
        {{ keys | join(', ') }},
        value,
        unit,
        breakdown,
        value_status,
        is_suppressed_public
    from {{ tietopohja.history_relation('build_figures') }}
    union all
    {#- this build, not yet recorded (macros/serving/history.sql) #}
    {{ tietopohja.current_build_figures(ref('key_figures'), ref('key_figures_public'),
        tietopohja.history_relation('current_build')) }}
),

old_figures as (
    select
        pairs.new_build_id,
        figures.*
    from pairs
    inner join figures
        on pairs.old_build_id = figures.build_id
),

new_figures as (
    select figures.*
    from pairs
    inner join figures
        on pairs.new_build_id = figures.build_id
),

compared as (
    select
        coalesce(new_figures.build_id, old_figures.new_build_id) as new_build_id,
        {%- for key in keys %}
        coalesce(new_figures.{{ key }}, old_figures.{{ key }}) as {{ key }},
        {%- endfor %}
        coalesce(new_figures.breakdown, old_figures.breakdown) as breakdown,
        coalesce(new_figures.unit, old_figures.unit) as unit,
        case
            when old_figures.build_id is null then 'added'
            when new_figures.build_id is null then 'removed'
            else 'changed'
        end as change_type,
        old_figures.value as old_value,
        new_figures.value as new_value,
        old_figures.value_status as old_value_status,
        new_figures.value_status as new_value_status,
        old_figures.is_suppressed_public as old_is_suppressed_public,
        new_figures.is_suppressed_public as new_is_suppressed_public
    from old_figures
    full outer join new_figures
        on
            old_figures.new_build_id = new_figures.build_id
            and {{ tietopohja.keys_match('old_figures', 'new_figures', [], keys) }}
),

file_changes as (
    select
        new_build_id,
        count(*) as landing_files_changed,
        {{ dbt.listagg(dbt.concat(["change_type", "' '", "path"]), "', '", 'order by path') }} as landing_file_changes
    from {{ ref('key_figure_revision_files') }}
    group by new_build_id
)

select
    pairs.landing_chain,
    {%- for key in keys %}
    compared.{{ key }},
    {%- endfor %}
    compared.breakdown,
    compared.unit,
    compared.change_type,
    compared.old_value,
    compared.new_value,
    compared.new_value - compared.old_value as value_change,
    compared.old_value_status,
    compared.new_value_status,
    compared.old_is_suppressed_public,
    compared.new_is_suppressed_public,
    pairs.old_build_id,
    pairs.new_build_id,
    pairs.old_built_at,
    pairs.new_built_at,
    pairs.old_landing_fingerprint,
    pairs.new_landing_fingerprint,
    pairs.old_project_version,
    pairs.new_project_version,
    cast(coalesce(file_changes.landing_files_changed, 0) as {{ dbt.type_bigint() }}) as landing_files_changed,
    file_changes.landing_file_changes
from compared
inner join pairs
    on compared.new_build_id = pairs.new_build_id
left join file_changes
    on compared.new_build_id = file_changes.new_build_id
where
    compared.change_type <> 'changed'
    or compared.old_value_status <> compared.new_value_status
    or (compared.old_value is null) <> (compared.new_value is null)
    or abs(compared.new_value - compared.old_value)
    > 1e-9 * greatest(1.0, abs(compared.old_value), abs(compared.new_value))
