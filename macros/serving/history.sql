{#- The revision history of the key figures (minimum-data spec "Revision
    history of published figures"; README "Revision history").

    Every successful build records the key figures it produced in a history
    that lives outside the build's database: a DuckDB file,
    TIETOPOHJA_HISTORY_PATH (default history/tietopohja_history.duckdb in the
    project folder, git-ignored), so a `dbt build --full-refresh` and a
    rebuild into a new database file (TIETOPOHJA_DB_PATH elsewhere) keep it.

    The history file holds three tables:
    - builds: one row per recorded build: build id (dbt's invocation id),
      chain, time, fingerprint of the landing files read, project version;
    - build_landing_files: the landing files each build read (path, entity,
      fingerprint, rows, keys re-delivered);
    - build_figures: every key_figures row each build produced.

    A chain is one landing folder (its absolute path, links resolved): the
    builds of one folder follow each other; builds of other folders recorded
    in the same history file are never compared with them.

    on-run-start (load_history): creates the history file (and its tables)
    when missing, copies the chain's earlier builds into the workshop schema
    `history` (history.builds, history.build_landing_files,
    history.build_figures) and writes history.current_build (this build's
    id, chain, time and project version), then detaches the file: it is
    open only for a moment, never during the build. The marts
    key_figure_builds, key_figure_build_files, key_figure_revisions and
    key_figure_revision_files read these tables.

    on-run-end (record_history, called by publish_serving_file under the same
    condition as the serving file: a `build` or `run` of every mart with no
    error): appends this build's row, its landing files and its key figures
    to the history file. A failed or partial build records nothing.

    On Spark there is no history: the hooks do nothing and the history
    relations are empty, so the four marts are empty. -#}

{#- The history file: TIETOPOHJA_HISTORY_PATH, else history/tietopohja_history.duckdb
    (relative to the project folder, where dbt runs). -#}
{% macro history_path() -%}
    {%- set explicit = env_var('TIETOPOHJA_HISTORY_PATH', '') | trim -%}
    {{ return(explicit or 'history/tietopohja_history.duckdb') }}
{%- endmacro %}

{#- The history tables' columns, in order: {table: [(column, type)]}. -#}
{% macro history_columns() -%}
    {%- set s = dbt.type_string() -%}
    {%- set b = dbt.type_bigint() -%}
    {%- set t = dbt.type_timestamp() -%}
    {{ return({
        'current_build': [('build_id', s), ('landing_chain', s), ('built_at', t), ('project_version', s)],
        'builds': [('build_id', s), ('landing_chain', s), ('built_at', t), ('landing_fingerprint', s),
            ('project_version', s), ('files_read', b), ('key_figure_rows', b)],
        'build_landing_files': [('build_id', s), ('path', s), ('entity', s), ('fingerprint', s),
            ('rows_read', b), ('keys_redelivered', b)],
        'build_figures': [('build_id', s), ('county_code', s), ('measure_code', s), ('period_grain', s),
            ('period_start', 'date'), ('service_code', s), ('segment', s), ('production_mode', s),
            ('municipality_code', s), ('value', tietopohja.type_double()), ('unit', s), ('breakdown', s),
            ('value_status', s), ('is_suppressed_public', 'boolean')],
    }) }}
{%- endmacro %}

{#- A history relation for the marts to read: the workshop copy on DuckDB,
    an empty relation of the same columns elsewhere. -#}
{% macro history_relation(name) -%}
    {{ return(adapter.dispatch('history_relation', 'tietopohja')(name)) }}
{%- endmacro %}

{% macro default__history_relation(name) -%}
    (
        select
        {%- for column, type in tietopohja.history_columns()[name] %}
            cast(null as {{ type }}) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
        where 1 = 0
    )
{%- endmacro %}

{% macro duckdb__history_relation(name) -%}
    {{ api.Relation.create(database=target.database, schema='history', identifier=name) }}
{%- endmacro %}

{#- on-run-start -#}
{% macro load_history() -%}
    {{ return(adapter.dispatch('load_history', 'tietopohja')()) }}
{%- endmacro %}

{% macro default__load_history() -%}
    select 1 as tietopohja_history
{%- endmacro %}

{% macro duckdb__load_history() -%}
    {%- if not execute -%}
        {{ return('select 1 as tietopohja_history') }}
    {%- endif -%}
    {%- set columns = tietopohja.history_columns() -%}
    {%- set workshop = target.database -%}
    {%- do adapter.ensure_transaction() -%}
    {%- do adapter.commit() -%}
    {%- do tietopohja.attach_history() -%}
    {%- set about = run_query("select tietopohja_landing_chain(" ~ tietopohja.landing_sql_string(tietopohja.landing_dir())
        ~ "), tietopohja_project_version()").rows[0] -%}
    {%- set chain = tietopohja.landing_sql_string(about[0]) -%}
    {%- set statements -%}
        begin transaction;
        create schema if not exists {{ adapter.quote(workshop) }}.history;
        create or replace table {{ tietopohja.history_relation('current_build') }} as
        select
            {{ tietopohja.landing_sql_string(invocation_id) }} as build_id,
            {{ chain }} as landing_chain,
            cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp) as built_at,
            {{ tietopohja.landing_sql_string(about[1]) }} as project_version;
        create or replace table {{ tietopohja.history_relation('builds') }} as
        select * from tietopohja_history.main.builds where landing_chain = {{ chain }};
        {%- for name in ['build_landing_files', 'build_figures'] %}
        create or replace table {{ tietopohja.history_relation(name) }} as
        select * from tietopohja_history.main.{{ name }}
        where build_id in (select build_id from tietopohja_history.main.builds where landing_chain = {{ chain }});
        {%- endfor %}
    {%- endset -%}
    {%- do run_query(statements) -%}
    {%- do run_query("commit") -%}
    {%- do run_query("detach tietopohja_history") -%}
    select 1 as tietopohja_history
{%- endmacro %}

{#- Attach the history file as tietopohja_history, creating it and its tables when missing. -#}
{% macro attach_history() -%}
    {%- set path = run_query("select tietopohja_history_prepare("
        ~ tietopohja.landing_sql_string(tietopohja.history_path()) ~ ")").columns[0].values()[0] -%}
    {%- do run_query("attach " ~ tietopohja.landing_sql_string(path) ~ " as tietopohja_history") -%}
    {%- set statements -%}
        begin transaction;
        {%- for name, cols in tietopohja.history_columns().items() if name != 'current_build' %}
        create table if not exists tietopohja_history.main.{{ name }} (
            {%- for column, type in cols %}
            {{ column }} {{ type }}{{ ',' if not loop.last }}
            {%- endfor %}
        );
        {#- a history written by an earlier version gains the columns added since (NULL in its rows) #}
        {%- for column, type in cols %}
        alter table tietopohja_history.main.{{ name }} add column if not exists {{ column }} {{ type }};
        {%- endfor %}
        {%- endfor %}
    {%- endset -%}
    {%- do run_query(statements) -%}
    {%- do run_query("commit") -%}
    {{ return(path) }}
{%- endmacro %}

{#- This build's key figures as the history keeps them (the columns of
    history_columns()['build_figures']): every key_figures row with whether
    key_figures_public hid its value. Recorded by record_history, and read
    as the newest build by key_figure_revisions before it is recorded. -#}
{% macro current_build_figures(key_figures, key_figures_public, current_build) -%}
    select
        current_build.build_id,
        {%- for column, type in tietopohja.history_columns()['build_figures'][1:-1] %}
        key_figures.{{ column }},
        {%- endfor %}
        key_figures_public.is_suppressed as is_suppressed_public
    from {{ key_figures }} as key_figures
    cross join {{ current_build }} as current_build
    left join {{ key_figures_public }} as key_figures_public
        on {{ tietopohja.keys_match('key_figures', 'key_figures_public', [], tietopohja.key_figure_keys()) }}
{%- endmacro %}

{#- on-run-end, after a successful build of every mart (publish_serving_file):
    append this build to the history file. -#}
{% macro record_history() -%}
    {%- set rel = {} -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.package_name == project_name
            and node.name in ['key_figure_builds', 'key_figure_build_files', 'key_figures', 'key_figures_public',
                'key_figure_revisions'] -%}
            {%- do rel.update({node.name: api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias)}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set columns = tietopohja.history_columns() -%}
    {%- set current = tietopohja.history_relation('current_build') -%}
    {%- do adapter.ensure_transaction() -%}
    {%- do adapter.commit() -%}
    {%- set path = tietopohja.attach_history() -%}
    {%- set statements -%}
        begin transaction;
        insert into tietopohja_history.main.builds
        select {{ columns['builds'] | map(attribute=0) | join(', ') }}
        from {{ rel['key_figure_builds'] }}
        where is_current_build;
        insert into tietopohja_history.main.build_landing_files
        select {{ columns['build_landing_files'] | map(attribute=0) | join(', ') }}
        from {{ rel['key_figure_build_files'] }}
        where build_id = (select build_id from {{ current }});
        insert into tietopohja_history.main.build_figures
        {{ tietopohja.current_build_figures(rel['key_figures'], rel['key_figures_public'], current) }};
    {%- endset -%}
    {%- do run_query(statements) -%}
    {%- do run_query("commit") -%}
    {%- do run_query("detach tietopohja_history") -%}
    {%- set counts = run_query("select (select count(*) from " ~ rel['key_figure_builds'] ~ "), (select count(*) from "
        ~ rel['key_figure_revisions'] ~ " where new_build_id = (select build_id from " ~ current ~ "))").rows[0] -%}
    {{ log("tietopohja: key figures recorded in the revision history " ~ path ~ " (build " ~ counts[0]
        ~ " of this landing folder; " ~ counts[1] ~ " figure(s) revised since the previous build: marts.key_figure_revisions)", info=True) }}
{%- endmacro %}
