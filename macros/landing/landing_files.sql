{#-
  Finding and reading the landing files of one entity.

  Layout (landing contract): <root>/<system>/<entity>*.csv or *.parquet, any
  number of files, taken in file-name order. The root is
  TIETOPOHJA_LANDING_DIR (default: the bundled sample).
-#}

{% macro landing_dir() -%}
    {{- return(env_var('TIETOPOHJA_LANDING_DIR', 'sample_data/landing') | replace('\\', '/') | trim) -}}
{%- endmacro %}

{#- The landing columns of a source table: a list of dicts with the contract
    name, the name in the file, the type and the rules from the column meta. -#}
{% macro landing_columns(source_name, table_name) -%}
    {%- set node = tietopohja.landing_source_node(source_name, table_name) -%}
    {%- set cols = [] -%}
    {%- for col in node.columns.values() -%}
        {%- set meta = col.get('meta') or col.get('config', {}).get('meta', {}) or {} -%}
        {%- do cols.append({
            'name': meta.get('contract_name', col.name),
            'file_name': col.name,
            'type': col.data_type,
            'meta': meta,
        }) -%}
    {%- endfor -%}
    {{- return(cols) -}}
{%- endmacro %}

{% macro landing_source_node(source_name, table_name) -%}
    {%- set uid = 'source.tietopohja.' ~ source_name ~ '.' ~ table_name -%}
    {%- if uid not in graph.sources -%}
        {{ exceptions.raise_compiler_error("tietopohja: no source '" ~ source_name ~ "." ~ table_name ~ "' is declared in models/staging/" ~ source_name ~ "/") }}
    {%- endif -%}
    {{- return(graph.sources[uid]) -}}
{%- endmacro %}

{#- The entity's meta (key, required, ordered date pairs) from the source YAML. -#}
{% macro landing_entity_meta(source_name, table_name) -%}
    {%- set node = tietopohja.landing_source_node(source_name, table_name) -%}
    {{- return(node.get('meta') or node.get('config', {}).get('meta', {}) or {}) -}}
{%- endmacro %}

{#- SQL that yields every row of every landing file of the entity, all values
    as text, plus _source_file, _file_order, _source_line and _dialect.
    DuckDB-specific: dispatched. -#}
{% macro read_landing(source_name, table_name, columns, required) -%}
    {{ return(adapter.dispatch('read_landing', 'tietopohja')(source_name, table_name, columns, required)) }}
{%- endmacro %}

{% macro duckdb__read_landing(source_name, table_name, columns, required) -%}
    {%- set root = tietopohja.landing_dir() -%}
    {#- one column more than the header: a row with too many fields is quarantined, not a crash -#}
    {%- set extra_field = '__tietopohja_extra_fields__' -%}
    {%- set pattern = root ~ '/' ~ source_name ~ '/' ~ table_name -%}
    {%- set files = [] -%}
    {%- if execute -%}
        {%- set listing = run_query(
            "select file from glob('" ~ pattern ~ "*.csv') union all "
            ~ "select file from glob('" ~ pattern ~ "*.parquet') union all "
            ~ "select file from glob('" ~ pattern ~ "*.CSV') order by file") -%}
        {%- for row in listing.rows -%}{%- do files.append(row[0]) -%}{%- endfor -%}
        {{- tietopohja.landing_require_files(files, required, source_name, table_name, pattern, root) -}}
    {%- endif -%}

    {%- if files | length == 0 %}
    {{ tietopohja.landing_empty_relation(columns) }}
    {%- endif -%}

    {%- for file in files -%}
        {%- set file_sql = file | replace("'", "''") -%}
        {%- if file.lower().endswith('.parquet') -%}
            {%- set header = run_query("select name from parquet_schema('" ~ file_sql ~ "') where num_children is null or num_children = 0").columns[0].values() | list -%}
            {%- set dialect = 'parquet' -%}
        {%- else -%}
            {#- DuckDB's own encoding error would print the offending line (a hetu) into the log -#}
            {%- set utf8 = run_query("select try(decode(content)) is not null from read_blob('" ~ file_sql ~ "')") -%}
            {{- tietopohja.landing_require_utf8(file, utf8.rows[0][0]) -}}
            {%- set probe = run_query("select line from read_csv('" ~ file_sql ~ "', columns = {'line': 'VARCHAR'}, header = false, delim = '\x01', quote = '', escape = '', auto_detect = false, strict_mode = false) limit 1") -%}
            {%- set parsed = tietopohja.landing_csv_header(file, probe.rows[0][0] if probe.rows | length else none) -%}
            {%- set delimiter = parsed.delimiter -%}
            {%- set dialect = parsed.dialect -%}
            {%- set header = parsed.header -%}
        {%- endif -%}
        {%- set header_lower = tietopohja.landing_require_columns(file, header, columns) %}
    {% if not loop.first %}union all{% endif %}
    select
        '{{ file_sql[root | length + 1:] }}' as _source_file,
        {{ loop.index }} as _file_order,
        {%- if dialect == 'parquet' %}
        {#- numbered as if the file had a header line, like a CSV -#}
        cast(file_row_number + 2 as {{ dbt.type_bigint() }}) as _source_line,
        {%- else %}
        {#- line 1 is the header; DuckDB keeps the file's row order -#}
        cast(row_number() over () + 1 as {{ dbt.type_bigint() }}) as _source_line,
        {%- endif %}
        '{{ dialect }}' as _dialect,
        {%- if dialect == 'parquet' %}
        cast(null as {{ dbt.type_string() }}) as _extra_fields
        {%- else %}
        {#- a field beyond the header's (an unquoted delimiter in a text?) lands here -#}
        cast("{{ extra_field }}" as {{ dbt.type_string() }}) as _extra_fields
        {%- endif %}
        {%- for col in columns %},
        {%- if col.file_name | lower in header_lower %}
        cast("{{ header[header_lower.index(col.file_name | lower)] }}" as {{ dbt.type_string() }}) as {{ col.name }}
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endif -%}
        {%- endfor %}
    from
        {%- if dialect == 'parquet' %}
        read_parquet('{{ file_sql }}', file_row_number = true)
        {%- else %}
        read_csv(
            '{{ file_sql }}',
            delim = '{{ delimiter }}', header = true, quote = '"', escape = '"',
            auto_detect = false, null_padding = true, encoding = 'utf-8', max_line_size = 67108864,
            strict_mode = false,
            {#- the parallel reader stops at a quoted value with a line break
                when null_padding is on (short rows); one reader costs
                ~0.2 s on 2 M rows -#}
            parallel = false,
            columns = { {%- for name in header %}'{{ name | replace("'", "''") }}': 'VARCHAR', {% endfor -%} '{{ extra_field }}': 'VARCHAR'}
        )
        {%- endif -%}
    {%- endfor %}
{%- endmacro %}

{#- Spark (dbt-spark session): Spark SQL has no glob(), so the landing root is
    listed once with a recursive binaryFile scan (only the path column is read,
    not the contents) and the entity's files are picked in Jinja with DuckDB's
    glob rules (<root>/<system>/<entity>*.csv|*.parquet|*.CSV, no
    subfolders, file-name order). Each CSV file becomes a temporary view with
    every column as text (c0, c1, ... by header position; the header line is
    parsed here, like on DuckDB, so the BOM and both delimiters are handled the
    same way). Temporary views live in the dbt process's Spark session, which
    the session method shares between compile and run. -#}
{% macro spark__read_landing(source_name, table_name, columns, required) -%}
    {%- set root = tietopohja.landing_dir().rstrip('/') -%}
    {%- set root_rel = root[2:] if root.startswith('./') else root -%}
    {%- set pattern = root ~ '/' ~ source_name ~ '/' ~ table_name -%}
    {%- set files = [] -%}
    {%- if execute -%}
        {%- do run_query(
            "create or replace temporary view tietopohja_landing_listing using binaryFile options (path '"
            ~ root | replace("'", "\\'") ~ "', recursiveFileLookup 'true')") -%}
        {%- set listing = run_query("select path from tietopohja_landing_listing") -%}
        {%- set found = [] -%}
        {%- for row in listing.rows -%}
            {%- set path = row[0] -%}
            {%- set local = path[5:] if path.startswith('file:') else path -%}
            {%- set local = local[2:] if local.startswith('///') else local -%}
            {%- set name = local.split('/')[-1] -%}
            {%- set tail = source_name ~ '/' ~ name -%}
            {%- set in_folder = (local == root_rel ~ '/' ~ tail) if root_rel.startswith('/')
                else local.endswith('/' ~ root_rel ~ '/' ~ tail) -%}
            {%- if in_folder and name.startswith(table_name)
                and (name.endswith('.csv') or name.endswith('.parquet') or name.endswith('.CSV')) -%}
                {%- do found.append(name) -%}
                {%- do files.append({'name': name, 'path': path}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set files = files | sort(attribute='name') -%}
        {{- tietopohja.landing_require_files(files, required, source_name, table_name, pattern, root) -}}
    {%- endif -%}

    {%- if files | length == 0 %}
    {{ tietopohja.landing_empty_relation(columns) }}
    {%- endif -%}

    {%- for f in files -%}
        {%- set file = root ~ '/' ~ source_name ~ '/' ~ f.name -%}
        {%- set path_sql = f.path | replace('`', '``') -%}
        {%- set view = 'tietopohja_landing__' ~ source_name ~ '__' ~ table_name ~ '__' ~ loop.index -%}
        {%- if f.name.lower().endswith('.parquet') -%}
            {%- set header = run_query("select * from parquet.`" ~ path_sql ~ "` limit 0").column_names | list -%}
            {%- set dialect = 'parquet' -%}
        {%- else -%}
            {#- Spark would silently replace bad bytes: check like DuckDB does, without printing the line -#}
            {%- set utf8 = run_query("select is_valid_utf8(content) from binaryFile.`" ~ path_sql ~ "`") -%}
            {{- tietopohja.landing_require_utf8(file, utf8.rows[0][0]) -}}
            {%- set probe = run_query("select value from text.`" ~ path_sql ~ "` limit 1") -%}
            {%- set parsed = tietopohja.landing_csv_header(file, probe.rows[0][0] if probe.rows | length else none) -%}
            {%- set delimiter = parsed.delimiter -%}
            {%- set dialect = parsed.dialect -%}
            {%- set header = parsed.header -%}
            {%- set view_columns = [] -%}
            {%- for name in header -%}{%- do view_columns.append('c' ~ loop.index0 ~ ' string') -%}{%- endfor -%}
            {%- do run_query(
                "create or replace temporary view " ~ view ~ " ("
                ~ view_columns | join(', ') ~ ")"
                ~ " using csv options (path '" ~ f.path | replace("\\", "\\\\") | replace("'", "\\'") ~ "', header 'true', sep '" ~ delimiter
                ~ "', quote '\"', escape '\"', encoding 'UTF-8', multiLine 'true', mode 'PERMISSIVE', enforceSchema 'true')") -%}
        {%- endif -%}
        {%- set header_lower = tietopohja.landing_require_columns(file, header, columns) %}
    {% if not loop.first %}union all{% endif %}
    select
        '{{ (source_name ~ '/' ~ f.name) | replace("'", "\\'") }}' as _source_file,
        {{ loop.index }} as _file_order,
        {%- if dialect == 'parquet' %}
        {#- numbered as if the file had a header line, like a CSV -#}
        cast(_metadata.row_index + 2 as {{ dbt.type_bigint() }}) as _source_line,
        {%- else %}
        {#- line 1 is the header; one partition per file (multiLine), read in order -#}
        cast(row_number() over (order by _read_order) + 1 as {{ dbt.type_bigint() }}) as _source_line,
        {%- endif %}
        '{{ dialect }}' as _dialect,
        {#- Spark's PERMISSIVE CSV reader drops fields beyond the header -#}
        cast(null as {{ dbt.type_string() }}) as _extra_fields
        {%- for col in columns %},
        {%- if col.file_name | lower in header_lower %}
        {%- if dialect == 'parquet' %}
        cast(`{{ header[header_lower.index(col.file_name | lower)] | replace('`', '``') }}` as {{ dbt.type_string() }}) as {{ col.name }}
        {%- else %}
        cast(c{{ header_lower.index(col.file_name | lower) }} as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endif %}
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endif -%}
        {%- endfor %}
    from
        {%- if dialect == 'parquet' %}
        parquet.`{{ path_sql }}`
        {%- else %}
        (select *, monotonically_increasing_id() as _read_order from {{ view }}) as _landing_file
        {%- endif -%}
    {%- endfor %}
{%- endmacro %}
