{#- The serving file: what BI tools read (README "Connect your BI tool").

    The build's database is a workshop; after a successful `dbt build` (or
    `dbt run`) of every mart, the on-run-end hook copies into a separate
    DuckDB file, `TIETOPOHJA_SERVING_PATH`:

    - schema `public`: every relation of the project's `public` schema,
      the publishable marts (`<mart>_public`, `key_figures_public`,
      `key_figures_county_comparison`: small numbers suppressed);
    - schema `marts`: every relation of the project's `marts` schema
      (internal and data-quality marts, `key_figures`, and the measure
      register `key_figure_measures` and the named dimensions `services`,
      `municipalities`, `counties` of models/marts/reference/),

    under the same schemas and names as in the workshop;

    and nothing else (no base, staging or intermediate relation, so no hetu),
    every table and column with its dbt description as a COMMENT. It is
    written in storage version v1.4.0 (DuckDB 1.4 and later read it) into a
    temporary file beside the serving file, which is then renamed over it
    (src/tietopohja_serving.py): a reader of the previous file is never
    blocked and never sees a half-written one.

    Published only when the invocation is a `build` or `run` that built
    every mart of the project with no model, seed, test or hook in error or
    failing (a failed build, `--select` of a part, `--empty`, `dbt test` leave
    the previous serving file as it was: a partial rebuild would publish marts
    of different builds side by side).

    Before the serving file is written, the same condition records the build
    in the revision history (macros/serving/history.sql): the serving file's
    key_figure_builds and key_figure_revisions include this build.

    On Spark there is no serving file (it is a DuckDB file): the hook does
    nothing. -#}

{% macro publish_serving_file() -%}
    {{ return(adapter.dispatch('publish_serving_file', 'tietopohja')()) }}
{%- endmacro %}

{% macro default__publish_serving_file() -%}
    select 1 as tietopohja_serving_file
{%- endmacro %}

{#- Where the serving file goes: TIETOPOHJA_SERVING_PATH, else beside the
    workshop database with `_marts` added to its name
    (target/tietopohja.duckdb -> target/tietopohja_marts.duckdb). -#}
{% macro serving_path() -%}
    {%- set explicit = env_var('TIETOPOHJA_SERVING_PATH', '') | trim -%}
    {%- if explicit -%}
        {{ return(explicit) }}
    {%- endif -%}
    {%- set db = target.path -%}
    {%- if db.endswith('.duckdb') -%}
        {{ return(db[:-7] ~ '_marts.duckdb') }}
    {%- endif -%}
    {{ return(db ~ '_marts.duckdb') }}
{%- endmacro %}

{#- The schemas the serving file copies, in order. -#}
{% macro serving_schemas() -%}
    {{ return(['public', 'marts']) }}
{%- endmacro %}

{#- The project's marts: every model built into the `public` or `marts` schema. -#}
{% macro serving_mart_nodes() -%}
    {%- set nodes = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.package_name == project_name
            and node.schema in tietopohja.serving_schemas() and node.config.materialized != 'ephemeral' -%}
            {%- do nodes.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(nodes | sort(attribute='name')) }}
{%- endmacro %}

{#- Why this invocation must not publish, or '' when it may. -#}
{% macro serving_not_published_reason(results, marts) -%}
    {%- if target.path == ':memory:' -%}
        {{ return('the workshop database is in memory') }}
    {%- endif -%}
    {%- if invocation_args_dict.get('empty') -%}
        {{ return('an --empty build has no rows') }}
    {%- endif -%}
    {%- set failed = [] -%}
    {%- set built = [] -%}
    {%- for r in results -%}
        {%- if r.status in ['error', 'fail', 'runtime error'] -%}
            {%- do failed.append(r.node.name if r.node else 'a hook') -%}
        {%- elif r.status == 'success' and r.node -%}
            {%- do built.append(r.node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if failed -%}
        {{ return('the build failed: ' ~ failed | length ~ ' error(s) or failing test(s), e.g. ' ~ failed[:3] | join(', ')) }}
    {%- endif -%}
    {%- set missing = [] -%}
    {%- for node in marts -%}
        {%- if node.unique_id not in built -%}
            {%- do missing.append(node.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ return(missing | length ~ ' of ' ~ marts | length ~ ' marts were not built in this invocation (e.g. '
            ~ missing[:3] | join(', ') ~ '); only a build of every mart publishes') }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#- One description as a SQL string literal: whitespace folded, quotes doubled. -#}
{% macro serving_comment(text) -%}
    '{{ (text or '').split() | join(' ') | replace("'", "''") }}'
{%- endmacro %}

{% macro duckdb__publish_serving_file() -%}
    {%- if not execute or flags.WHICH not in ['build', 'run'] -%}
        {{ return('select 1 as tietopohja_serving_file') }}
    {%- endif -%}
    {%- set final = tietopohja.serving_path() -%}
    {%- set marts = tietopohja.serving_mart_nodes() -%}
    {%- set reason = tietopohja.serving_not_published_reason(results, marts) -%}
    {%- if reason -%}
        {{ log("tietopohja: serving file NOT published: " ~ reason ~ ". " ~ final ~ " is left as it was.", info=True) }}
    {%- else -%}
        {%- do tietopohja.record_history() -%}
        {%- do tietopohja.write_serving_file(marts, final) -%}
    {%- endif -%}
    {%- do tietopohja.log_quarantined_rows(results) -%}
    select 1 as tietopohja_serving_file
{%- endmacro %}

{#- Copy the marts (the register and the named dimensions among them) into a new serving file that replaces `final`. -#}
{% macro write_serving_file(marts, final) -%}

    {#- What goes in: (schema, name, select, table description, graph node of the column descriptions) -#}
    {%- set items = [] -%}
    {%- for node in marts -%}
        {%- set rel = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
        {%- do items.append({'schema': node.schema, 'name': node.alias, 'sql': 'select * from ' ~ rel,
            'description': node.description, 'node': node}) -%}
    {%- endfor -%}

    {#- Write the temporary file in one transaction of its own (a DuckDB
        transaction writes one database only, and DETACH needs it committed):
        close dbt's transaction on the workshop first. -#}
    {%- do adapter.ensure_transaction() -%}
    {%- do adapter.commit() -%}
    {%- set tmp = final ~ '.tmp' -%}
    {%- do run_query("select tietopohja_serving_prepare('" ~ tmp | replace("'", "''") ~ "')") -%}
    {%- do run_query("attach '" ~ tmp | replace("'", "''") ~ "' as tietopohja_serving (storage_version 'v1.4.0')") -%}
    {%- set described = {} -%}
    {%- set statements -%}
        begin transaction;
        {%- for schema in tietopohja.serving_schemas() %}
        create schema tietopohja_serving.{{ schema }};
        {%- endfor %}
        {%- for item in items -%}
            {%- set target_name = 'tietopohja_serving.' ~ item.schema ~ '.' ~ adapter.quote(item.name) -%}
            {%- for column in item.node.columns.values() -%}
                {%- do described.update({(item.schema, item.name, column.name | lower): column.description}) -%}
            {%- endfor %}
        create table {{ target_name }} as {{ item.sql }};
        comment on table {{ target_name }} is {{ tietopohja.serving_comment(item.description) }};
        {%- endfor %}
    {%- endset -%}
    {%- do run_query(statements) -%}
    {%- set columns = run_query("select schema_name, table_name, column_name from duckdb_columns() where database_name = 'tietopohja_serving' order by all") -%}
    {%- set statements -%}
        {%- for schema, table, column in columns.rows %}
        comment on column tietopohja_serving.{{ schema }}.{{ adapter.quote(table) }}.{{ adapter.quote(column) }} is {{ tietopohja.serving_comment(described.get((schema, table, column | lower))) }};
        {%- endfor %}
    {%- endset -%}
    {%- do run_query(statements) -%}
    {%- do run_query("commit") -%}
    {%- do run_query("detach tietopohja_serving") -%}
    {%- set published = run_query("select tietopohja_serving_replace('" ~ tmp | replace("'", "''") ~ "', '" ~ final | replace("'", "''") ~ "')").columns[0].values()[0] -%}

    {{ log("tietopohja: serving file published: " ~ published ~ " (" ~ items | length ~ " tables in schemas public and marts; DuckDB 1.4 or later reads it)", info=True) }}
{%- endmacro %}

{#- How many rows each landing entity quarantined, when this invocation built
    marts.landing_row_accounting. -#}
{% macro log_quarantined_rows(results) -%}
    {%- set built = [] -%}
    {%- for r in results -%}
        {%- if r.status == 'success' and r.node and r.node.resource_type == 'model' and r.node.name == 'landing_row_accounting' -%}
            {%- do built.append(r.node) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not built -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set rel = api.Relation.create(database=built[0].database, schema=built[0].schema, identifier=built[0].alias) -%}
    {%- set accounting = run_query("select entity, rows_quarantined from " ~ rel ~ " order by entity") -%}
    {%- set total = accounting.columns[1].values() | sum -%}
    {{ log("tietopohja: rows quarantined per landing entity (" ~ total ~ " in all; the rows are in marts.landing_quarantine):", info=True) }}
    {%- for row in accounting.rows -%}
        {{ log("tietopohja:   " ~ row[0] ~ ": " ~ row[1], info=True) }}
    {%- endfor -%}
{%- endmacro %}
