{#-
  Ajojen aineistotiedostot — the landing files each build of this landing
  folder read (key_figure_builds): the earlier builds' from the history
  file, this build's from landing_files. keys_redelivered counts the rows of
  earlier files of the same entity that this file's rows replaced (the
  superseded rows of landing_quarantine naming it as the later delivery):
  the keys it re-delivered, when no key was delivered in more than two
  files. Empty on Spark (no history).
-#}
with current_build as (
    select * from {{ tietopohja.history_relation('current_build') }}
),

redelivered as (
    select
        replace(reasons, 'superseded: the key was delivered again in ', '') as path,
        count(*) as keys_redelivered
    from {{ ref('landing_quarantine') }}
    where status = 'superseded'
    group by replace(reasons, 'superseded: the key was delivered again in ', '')
),

files as (
    select
        build_id,
        path,
        entity,
        fingerprint,
        rows_read,
        keys_redelivered
    from {{ tietopohja.history_relation('build_landing_files') }}
    union all
    select
        current_build.build_id,
        landing_files.path,
        landing_files.entity,
        landing_files.fingerprint,
        landing_files.rows_read,
        coalesce(redelivered.keys_redelivered, 0) as keys_redelivered
    from {{ ref('landing_files') }} as landing_files
    cross join current_build
    left join redelivered
        on landing_files.path = redelivered.path
    where landing_files.status = 'read'
)

select
    files.build_id,
    builds.build_number,
    builds.built_at,
    files.path,
    files.entity,
    files.fingerprint,
    cast(files.rows_read as {{ dbt.type_bigint() }}) as rows_read,
    cast(files.keys_redelivered as {{ dbt.type_bigint() }}) as keys_redelivered
from files
inner join {{ ref('key_figure_builds') }} as builds
    on files.build_id = builds.build_id
