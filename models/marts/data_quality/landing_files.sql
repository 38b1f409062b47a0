{#-
  Aineistotiedostot — everything under the landing root: every file read
  (its entity, order, dialect, rows, bytes and fingerprint) and everything
  that was not read, with the reason. A Parquet dataset folder is one row
  (its part files are read together; _SUCCESS and .crc files belong to it).
  The listing is made when the model runs (landing_tree), sorted by the same
  rules the base models read with (landing_classify_tree).
-#}
{%- set entities = tietopohja.landing_entities() -%}
{%- set listed = [] -%}
{%- set read_files = [] -%}
{%- if execute -%}
    {%- set sorted = tietopohja.landing_classify_tree(tietopohja.landing_tree()) -%}
    {%- for system, entity in entities -%}
        {%- for f in sorted.files[system ~ '/' ~ entity] -%}
            {%- do read_files.append(f) -%}
            {%- do listed.append({'path': f.rel, 'entity': system ~ '/' ~ entity, 'status': 'read', 'reason': none,
                'kind': f.kind, 'file_order': loop.index, 'part_files': f.parts | length, 'bytes': f.bytes}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for u in sorted.unread -%}
        {%- do listed.append({'path': u.rel, 'entity': none, 'status': 'not_read', 'reason': u.reason,
            'kind': u.kind, 'file_order': none, 'part_files': none, 'bytes': u.bytes}) -%}
    {%- endfor -%}
{%- endif -%}

with rows_read as (
    {%- for system, entity in entities %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        _source_file as path,
        max(_dialect) as dialect,
        count(*) as rows_read
    from {{ ref('base_' ~ system ~ '__' ~ entity) }}
    group by _source_file
    {%- endfor %}
),

listed as (
    {%- for l in listed %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        {{ tietopohja.landing_sql_string(l.path) }} as path,
        {{ tietopohja.landing_sql_string(l.entity) if l.entity else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as entity,
        '{{ l.status }}' as status,
        {{ "'" ~ l.reason ~ "'" if l.reason else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as reason,
        '{{ l.kind }}' as kind,
        cast({{ l.file_order if l.file_order is not none else 'null' }} as {{ dbt.type_bigint() }}) as file_order,
        cast({{ l.part_files if l.part_files is not none else 'null' }} as {{ dbt.type_bigint() }}) as part_files,
        cast({{ l.bytes if l.bytes is not none else 'null' }} as {{ dbt.type_bigint() }}) as bytes
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as path,
        cast(null as {{ dbt.type_string() }}) as entity,
        cast(null as {{ dbt.type_string() }}) as status,
        cast(null as {{ dbt.type_string() }}) as reason,
        cast(null as {{ dbt.type_string() }}) as kind,
        cast(null as {{ dbt.type_bigint() }}) as file_order,
        cast(null as {{ dbt.type_bigint() }}) as part_files,
        cast(null as {{ dbt.type_bigint() }}) as bytes
    where 1 = 0
    {%- endfor %}
),

fingerprints as (
    {%- for f in read_files %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    {{ tietopohja.landing_fingerprint(f) }}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as path,
        cast(null as {{ dbt.type_string() }}) as fingerprint,
        cast(null as {{ dbt.type_string() }}) as fingerprint_method
    where 1 = 0
    {%- endfor %}
)

select
    listed.path,
    listed.entity,
    listed.status,
    listed.reason,
    listed.kind,
    listed.file_order,
    rows_read.dialect,
    listed.part_files,
    case
        when listed.status = 'read' then cast(coalesce(rows_read.rows_read, 0) as {{ dbt.type_bigint() }})
    end as rows_read,
    listed.bytes,
    fingerprints.fingerprint,
    fingerprints.fingerprint_method
from listed
left join rows_read
    on listed.path = rows_read.path
left join fingerprints
    on listed.path = fingerprints.path
