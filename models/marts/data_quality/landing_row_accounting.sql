{#-
  Rivitilitys — per landing entity: files delivered and read, rows read and
  where every row went (staged, quarantined, superseded by a later file).
  The invariant rows_read = rows_staged + rows_quarantined + rows_superseded
  is tested; files_delivered comes from the landing-files report, which
  lists every file of the root (read or not, with the reason).
-#}
with delivered as (
    select
        entity,
        count(*) as files_delivered
    from {{ ref('landing_files') }}
    where status = 'read'
    group by entity
),

accounting as (
    {%- for system, entity in tietopohja.landing_entities() %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        '{{ system }}/{{ entity }}' as entity,
        cast(count(distinct _source_file) as {{ dbt.type_bigint() }}) as files_read,
        cast(count(*) as {{ dbt.type_bigint() }}) as rows_read,
        cast(coalesce(sum(case when _status = 'staged' then 1 else 0 end), 0) as {{ dbt.type_bigint() }})
            as rows_staged,
        cast(coalesce(sum(case when _status = 'quarantined' then 1 else 0 end), 0) as {{ dbt.type_bigint() }})
            as rows_quarantined,
        cast(coalesce(sum(case when _status = 'superseded' then 1 else 0 end), 0) as {{ dbt.type_bigint() }})
            as rows_superseded
    from {{ ref('base_' ~ system ~ '__' ~ entity) }}
    {%- endfor %}
)

select
    accounting.entity,
    accounting.files_read,
    cast(coalesce(delivered.files_delivered, 0) as {{ dbt.type_bigint() }}) as files_delivered,
    accounting.rows_read,
    accounting.rows_staged,
    accounting.rows_quarantined,
    accounting.rows_superseded
from accounting
left join delivered
    on accounting.entity = delivered.entity
