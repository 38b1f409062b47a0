{#- Invariant: every thing under the landing root appears exactly once in
    the landing-files report (a file inside a dataset folder that is read: as
    that folder), nothing else is in it, and per entity the files' rows add up
    to the row accounting's rows read and every file delivered is read. The
    root is listed again here, independently of the report's own listing. -#}
{%- set expected = [] -%}
{%- if execute -%}
    {%- set tree = tietopohja.landing_tree() -%}
    {%- set read_datasets = [] -%}
    {%- set sorted = tietopohja.landing_classify_tree(tree) -%}
    {%- for files in sorted.files.values() -%}
        {%- for f in files if f.kind == 'dataset' -%}{%- do read_datasets.append(f.rel) -%}{%- endfor -%}
    {%- endfor -%}
    {%- for e in tree -%}
        {%- set ns = namespace(path=e.rel) -%}
        {%- for d in read_datasets if e.rel.startswith(d ~ '/') -%}{%- set ns.path = d -%}{%- endfor -%}
        {%- if e.kind != 'dataset' or e.rel in read_datasets -%}
            {%- if ns.path not in expected -%}{%- do expected.append(ns.path) -%}{%- endif -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}

with expected as (
    {%- for path in expected %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select {{ tietopohja.landing_sql_string(path) }} as path
    {%- else %}
    select cast(null as {{ dbt.type_string() }}) as path where 1 = 0
    {%- endfor %}
),

reported as (
    select
        path,
        count(*) as times
    from {{ ref('landing_files') }}
    group by path
),

per_entity as (
    select
        entity,
        count(*) as files,
        sum(rows_read) as rows_read
    from {{ ref('landing_files') }}
    where status = 'read'
    group by entity
)

select
    coalesce(expected.path, reported.path) as failing_object,
    case
        when reported.path is null then 'under the landing root but not in landing_files'
        when expected.path is null then 'in landing_files but not under the landing root'
        else 'in landing_files more than once'
    end as failure
from expected
full outer join reported
    on expected.path = reported.path
where expected.path is null or reported.path is null or reported.times <> 1
union all
select
    accounting.entity as failing_object,
    'rows of the files read <> rows_read, or a file delivered but not read' as failure
from {{ ref('landing_row_accounting') }} as accounting
left join per_entity
    on accounting.entity = per_entity.entity
where coalesce(per_entity.rows_read, 0) <> accounting.rows_read
    or coalesce(per_entity.files, 0) <> accounting.files_delivered
    or accounting.files_read > accounting.files_delivered
