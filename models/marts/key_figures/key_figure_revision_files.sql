{#-
  Muuttuneet aineistotiedostot — per two consecutive builds of this landing
  folder (key_figure_builds), every landing file that differs between them:
  `added` (read by the newer build only), `removed` (by the older only) or
  `changed` (same path, other fingerprint). Why the figures of
  key_figure_revisions changed. Empty on Spark (no history).
-#}
with builds as (
    select * from {{ ref('key_figure_builds') }}
),

pairs as (
    select
        new_build.landing_chain,
        old_build.build_id as old_build_id,
        new_build.build_id as new_build_id,
        old_build.built_at as old_built_at,
        new_build.built_at as new_built_at
    from builds as new_build
    inner join builds as old_build
        on new_build.previous_build_id = old_build.build_id
),

files as (
    select * from {{ ref('key_figure_build_files') }}
),

sides as (
    select
        pairs.old_build_id,
        pairs.new_build_id,
        files.path,
        files.entity,
        1 as in_old,
        0 as in_new,
        files.fingerprint as old_fingerprint,
        cast(null as {{ dbt.type_string() }}) as new_fingerprint,
        files.rows_read as old_rows_read,
        cast(null as {{ dbt.type_bigint() }}) as new_rows_read,
        cast(null as {{ dbt.type_bigint() }}) as keys_redelivered
    from pairs
    inner join files
        on pairs.old_build_id = files.build_id
    union all
    select
        pairs.old_build_id,
        pairs.new_build_id,
        files.path,
        files.entity,
        0 as in_old,
        1 as in_new,
        cast(null as {{ dbt.type_string() }}) as old_fingerprint,
        files.fingerprint as new_fingerprint,
        cast(null as {{ dbt.type_bigint() }}) as old_rows_read,
        files.rows_read as new_rows_read,
        files.keys_redelivered
    from pairs
    inner join files
        on pairs.new_build_id = files.build_id
),

compared as (
    select
        old_build_id,
        new_build_id,
        path,
        max(entity) as entity,
        max(in_old) as in_old,
        max(in_new) as in_new,
        max(old_fingerprint) as old_fingerprint,
        max(new_fingerprint) as new_fingerprint,
        max(old_rows_read) as old_rows_read,
        max(new_rows_read) as new_rows_read,
        max(keys_redelivered) as keys_redelivered
    from sides
    group by old_build_id, new_build_id, path
)

select
    pairs.landing_chain,
    compared.old_build_id,
    compared.new_build_id,
    pairs.old_built_at,
    pairs.new_built_at,
    compared.path,
    compared.entity,
    case
        when compared.in_old = 0 then 'added'
        when compared.in_new = 0 then 'removed'
        else 'changed'
    end as change_type,
    compared.old_fingerprint,
    compared.new_fingerprint,
    compared.old_rows_read,
    compared.new_rows_read,
    compared.keys_redelivered
from compared
inner join pairs
    on compared.new_build_id = pairs.new_build_id
where
    compared.in_old = 0
    or compared.in_new = 0
    or coalesce(compared.old_fingerprint, '') <> coalesce(compared.new_fingerprint, '')
