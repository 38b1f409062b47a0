{#-
  Tunnuslukujen ajot — the builds of this landing folder (its revision
  history chain) recorded in the history file TIETOPOHJA_HISTORY_PATH,
  and this build (is_current_build; recorded at the end of the build when
  every mart was built without error). build_number orders the chain by
  time; consecutive builds are compared in key_figure_revisions. Empty on
  Spark (no history). See macros/serving/history.sql.
-#}
with current_build as (
    select * from {{ tietopohja.history_relation('current_build') }}
),

current_files as (
    select
        path,
        coalesce(fingerprint, '') as fingerprint
    from {{ ref('landing_files') }}
    where status = 'read'
),

current_fingerprint as (
    select
        {{ tietopohja.sha256_hex(dbt.listagg(dbt.concat(['path', "' '", 'fingerprint']), "'\\n'", 'order by path')) }}
            as landing_fingerprint,
        count(*) as files_read
    from current_files
),

current_figures as (
    select count(*) as key_figure_rows
    from {{ ref('key_figures') }}
),

builds as (
    select
        build_id,
        landing_chain,
        built_at,
        landing_fingerprint,
        project_version,
        files_read,
        key_figure_rows,
        false as is_current_build
    from {{ tietopohja.history_relation('builds') }}
    union all
    select
        current_build.build_id,
        current_build.landing_chain,
        current_build.built_at,
        current_fingerprint.landing_fingerprint,
        current_build.project_version,
        current_fingerprint.files_read,
        current_figures.key_figure_rows,
        true as is_current_build
    from current_build
    cross join current_fingerprint
    cross join current_figures
)

select
    build_id,
    landing_chain,
    cast(row_number() over (order by built_at, build_id) as {{ dbt.type_bigint() }}) as build_number,
    built_at,
    landing_fingerprint,
    project_version,
    cast(files_read as {{ dbt.type_bigint() }}) as files_read,
    cast(key_figure_rows as {{ dbt.type_bigint() }}) as key_figure_rows,
    lag(build_id) over (order by built_at, build_id) as previous_build_id,
    is_current_build
from builds
