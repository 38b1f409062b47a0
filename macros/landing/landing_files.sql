{#-
  Finding and reading the landing files of one entity.

  Layout (landing contract v1.1): <root>/<system>/<entity>*.csv or
  *.parquet, extensions in any case (.CSV, .Parquet), any number of files,
  taken in file-name order. A folder <root>/<system>/<entity>*.parquet/ (a
  Spark or pandas dataset of part files) is one file: its part files
  (*.parquet, not _SUCCESS, .crc or other bookkeeping) are read together in
  part-name order. The root is TIETOPOHJA_LANDING_DIR (default: the bundled
  sample).

  Paths and names reach SQL only through landing_sql_string (a string
  literal) and landing_sql_name (a quoted identifier): a landing root or a
  file name may hold quotes, ';', '$', spaces or any other character.

  Everything under the root is listed once per model (landing_tree) and
  sorted into the entities' files and the things that are not read, with
  the reason (landing_classify_tree); the landing_files report shows both.
-#}

{% macro landing_dir() -%}
    {{- return(env_var('TIETOPOHJA_LANDING_DIR', 'sample_data/landing') | replace('\\', '/') | trim) -}}
{%- endmacro %}

{#- A text as an SQL string literal of the engine: DuckDB doubles the quote,
    Spark escapes the backslash and the quote with a backslash. -#}
{% macro landing_sql_string(value) -%}
    {{- return(adapter.dispatch('landing_sql_string', 'tietopohja')(value)) -}}
{%- endmacro %}

{% macro default__landing_sql_string(value) -%}
    {{- return("'" ~ (value | string) | replace("'", "''") ~ "'") -}}
{%- endmacro %}

{% macro spark__landing_sql_string(value) -%}
    {{- return("'" ~ (value | string) | replace('\\', '\\\\') | replace("'", "\\'") ~ "'") -}}
{%- endmacro %}

{#- A file's path as the string literal a DuckDB reader (read_csv,
    read_parquet, read_blob) takes: DuckDB tries a path as a file first and
    as a glob pattern only when no such file exists, except for '*', which
    always globs; a path with a '*' has its glob characters put in brackets. -#}
{% macro landing_duckdb_path(path) -%}
    {%- if '*' in path -%}
        {%- set path = path | replace('[', '[[]') | replace('*', '[*]') | replace('?', '[?]') -%}
    {%- endif -%}
    {{- return(tietopohja.landing_sql_string(path)) -}}
{%- endmacro %}

{#- A name (a column of a file, a path in Spark's parquet.`...`) as a quoted
    identifier: DuckDB "..." with the quote doubled, Spark `...` with the
    backtick doubled. -#}
{% macro landing_sql_name(value) -%}
    {{- return(adapter.dispatch('landing_sql_name', 'tietopohja')(value)) -}}
{%- endmacro %}

{% macro default__landing_sql_name(value) -%}
    {{- return('"' ~ (value | string) | replace('"', '""') ~ '"') -}}
{%- endmacro %}

{% macro spark__landing_sql_name(value) -%}
    {{- return('`' ~ (value | string) | replace('`', '``') ~ '`') -}}
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

{#- Everything under the landing root (run at execute time only): a list of
    {'rel': path below the root, 'kind': 'file' | 'dir' (an empty folder) |
    'dataset' (a folder ending in .parquet) | 'broken_link' | 'unreadable',
    'bytes', 'path': the full path}. Dispatched: DuckDB asks the project's
    dbt-duckdb plugin (src/tietopohja_duckdb.py; DuckDB's glob() cannot see
    links or folders), Spark lists the root with a binaryFile scan. -#}
{% macro landing_tree() -%}
    {{- return(adapter.dispatch('landing_tree', 'tietopohja')()) -}}
{%- endmacro %}

{% macro duckdb__landing_tree() -%}
    {%- set root = tietopohja.landing_dir().rstrip('/') -%}
    {%- set listing = run_query("select tietopohja_landing_tree(" ~ tietopohja.landing_sql_string(root) ~ ")") -%}
    {%- set entries = [] -%}
    {%- for rel, kind, size in fromjson(listing.rows[0][0]) -%}
        {%- do entries.append({'rel': rel, 'kind': kind, 'bytes': size, 'path': root ~ '/' ~ rel}) -%}
    {%- endfor -%}
    {{- return(entries) -}}
{%- endmacro %}

{#- Spark: the binaryFile scan lists regular files only (no folders, no
    broken links) and, like every Spark file source, leaves out names that
    begin with '_' or '.' (_SUCCESS, .crc files, .~lock files): those are
    not in the report on Spark. A dataset folder is recognised from the
    paths of its part files. -#}
{% macro spark__landing_tree() -%}
    {%- set root = tietopohja.landing_dir().rstrip('/') -%}
    {%- set root_rel = root[2:] if root.startswith('./') else root -%}
    {%- do run_query(
        "create or replace temporary view tietopohja_landing_listing using binaryFile options (path "
        ~ tietopohja.landing_sql_string(root) ~ ", recursiveFileLookup 'true')") -%}
    {%- set listing = run_query("select path, length from tietopohja_landing_listing order by path") -%}
    {%- set entries = [] -%}
    {%- set datasets = [] -%}
    {%- for row in listing.rows -%}
        {%- set path = row[0] -%}
        {%- set local = path[5:] if path.startswith('file:') else path -%}
        {%- set local = local[2:] if local.startswith('///') else local -%}
        {%- set marker = (root_rel ~ '/') if root_rel.startswith('/') else ('/' ~ root_rel ~ '/') -%}
        {%- if marker in local -%}
            {%- set rel = local[local.find(marker) + marker | length:] -%}
            {%- set parts = rel.split('/') -%}
            {%- for i in range(1, parts | length) -%}
                {%- set folder = parts[:i] | join('/') -%}
                {%- if parts[i - 1].lower().endswith('.parquet') and folder not in datasets -%}
                    {%- do datasets.append(folder) -%}
                    {%- do entries.append({'rel': folder, 'kind': 'dataset', 'bytes': none, 'path': path[:path | length - rel | length + folder | length]}) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do entries.append({'rel': rel, 'kind': 'file', 'bytes': row[1], 'path': path}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(entries | sort(attribute='rel')) -}}
{%- endmacro %}

{#- An editor's lock or backup file: Excel's ~$x.csv, LibreOffice's
    .~lock.x.csv#, Emacs' .#x and x~, x.bak, x.tmp, vim's .swp. -#}
{% macro landing_is_lock_or_backup(name) -%}
    {%- set lower = name.lower() -%}
    {{- return(lower.startswith('~$') or lower.startswith('.~lock.') or lower.startswith('.#')
        or lower.endswith('~') or lower.endswith('#')
        or lower.endswith('.bak') or lower.endswith('.tmp') or lower.endswith('.swp') or lower.endswith('.swx')) -}}
{%- endmacro %}

{#- Sort the tree into files read and things not read:
    {'files': {'<system>/<entity>': [file, ...] in file-name order},
     'unread': [{'rel', 'kind', 'bytes', 'reason'}, ...]}
    A file is {'name', 'rel', 'path', 'kind': 'file' | 'dataset', 'bytes',
    'parts': [full paths of the part files] (a dataset) or [path]}. The
    contents of a dataset folder that is read are covered by its entry (its
    part files are read, _SUCCESS and .crc files belong to it). The entity of
    a file is the longest entity name its file name begins with. -#}
{% macro landing_classify_tree(tree) -%}
    {%- set entities = tietopohja.landing_entities() -%}
    {%- set systems = entities | map(attribute=0) | unique | list -%}
    {%- set files = {} -%}
    {%- for system, entity in entities -%}{%- do files.update({system ~ '/' ~ entity: []}) -%}{%- endfor -%}
    {%- set unread = [] -%}
    {%- set datasets = {} -%}
    {%- for e in tree -%}
        {%- set parts = e.rel.split('/') -%}
        {%- set name = parts[-1] -%}
        {%- set lower = name.lower() -%}
        {%- set ns = namespace(entity=none, dataset=none) -%}
        {%- for folder, ds in datasets.items() if e.rel.startswith(folder ~ '/') -%}
            {%- set ns.dataset = ds -%}
        {%- endfor -%}
        {%- if parts | length == 2 and parts[0] in systems and e.kind in ('file', 'dataset')
            and (lower.endswith('.csv') or lower.endswith('.parquet'))
            and not tietopohja.landing_is_lock_or_backup(name) -%}
            {%- for system, entity in entities if system == parts[0] and name.startswith(entity) -%}
                {%- if ns.entity is none or entity | length > ns.entity.split('/')[1] | length -%}
                    {%- set ns.entity = system ~ '/' ~ entity -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
        {%- if ns.dataset is not none -%}
            {%- if e.kind == 'file' and lower.endswith('.parquet') and not lower.startswith('_') and not lower.startswith('.') -%}
                {%- do ns.dataset.parts.append(e.path) -%}
                {%- do ns.dataset.update({'bytes': ns.dataset.bytes + (e.bytes or 0)}) -%}
            {%- endif -%}
        {%- elif ns.entity is not none -%}
            {%- set f = {'name': name, 'rel': e.rel, 'path': e.path, 'kind': e.kind,
                'bytes': e.bytes if e.kind == 'file' else 0, 'parts': [e.path] if e.kind == 'file' else []} -%}
            {%- do files[ns.entity].append(f) -%}
            {%- if e.kind == 'dataset' -%}{%- do datasets.update({e.rel: f}) -%}{%- endif -%}
        {%- elif e.kind != 'dataset' -%}
            {%- if e.kind in ('broken_link', 'unreadable') -%}
                {%- set reason = e.kind -%}
            {%- elif e.kind == 'dir' -%}
                {%- set reason = 'empty_folder' -%}
            {%- elif parts | length == 1 -%}
                {%- set reason = 'bundled_sample_manifest' if name == '_manifest.json' else 'file_at_root' -%}
            {%- elif tietopohja.landing_is_lock_or_backup(name) -%}
                {%- set reason = 'editor_lock_or_backup' -%}
            {%- elif parts[0] not in systems -%}
                {%- set reason = 'unknown_folder' -%}
            {%- elif parts | length > 2 -%}
                {%- set reason = 'in_sub_folder' -%}
            {%- elif not (lower.endswith('.csv') or lower.endswith('.parquet')) -%}
                {%- set reason = 'unknown_extension' -%}
            {%- else -%}
                {%- set reason = 'no_matching_entity' -%}
            {%- endif -%}
            {%- do unread.append({'rel': e.rel, 'kind': e.kind, 'bytes': e.bytes, 'reason': reason}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for key in files -%}
        {%- do files.update({key: files[key] | sort(attribute='name', case_sensitive=true)}) -%}
        {%- for f in files[key] -%}{%- do f.update({'parts': f.parts | sort(case_sensitive=true)}) -%}{%- endfor -%}
    {%- endfor -%}
    {{- return({'files': files, 'unread': unread}) -}}
{%- endmacro %}

{#- The files of one entity (in file-name order), from a fresh listing. -#}
{% macro landing_entity_files(source_name, table_name) -%}
    {%- set sorted = tietopohja.landing_classify_tree(tietopohja.landing_tree()) -%}
    {{- return(sorted.files.get(source_name ~ '/' ~ table_name, [])) -}}
{%- endmacro %}

{#- The text of a Parquet column of a given type, for the value parser
    (macros/parsing): DATE as YYYY-MM-DD; TIMESTAMP of any precision as
    YYYY-MM-DD HH:MM:SS.ffffff, TIMESTAMP WITH TIME ZONE the same in
    Europe/Helsinki local time; a timestamp in a date column is its date when
    the time is midnight, else the full timestamp (which the date parser
    quarantines as invalid_date); anything else (integer codes, numbers,
    text) cast to text, so an integer code 91 reaches the code normalisation
    as '91'. Dispatched. -#}
{% macro landing_parquet_text(column_sql, parquet_type, contract_type) -%}
    {{- return(adapter.dispatch('landing_parquet_text', 'tietopohja')(column_sql, parquet_type, contract_type)) -}}
{%- endmacro %}

{% macro duckdb__landing_parquet_text(column_sql, parquet_type, contract_type) -%}
    {%- set t = parquet_type | upper -%}
    {%- if t == 'DATE' -%}
        strftime({{ column_sql }}, '%Y-%m-%d')
    {%- elif t.startswith('TIMESTAMP') -%}
        {%- set local = "timezone('Europe/Helsinki', " ~ column_sql ~ ")" if ('TIME ZONE' in t or t == 'TIMESTAMPTZ')
            else "cast(" ~ column_sql ~ " as timestamp)" -%}
        {%- if (contract_type or '') | lower == 'date' -%}
        case
            when cast({{ local }} as time) = time '00:00:00' then strftime({{ local }}, '%Y-%m-%d')
            else strftime({{ local }}, '%Y-%m-%d %H:%M:%S.%f')
        end
        {%- else -%}
        strftime({{ local }}, '%Y-%m-%d %H:%M:%S.%f')
        {%- endif -%}
    {%- else -%}
        cast({{ column_sql }} as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- Spark: `timestamp` is an instant (shown in the session time zone, UTC in
    profiles.yml), `timestamp_ntz` a local time (Parquet TIMESTAMP without
    time zone). Spark cannot read nanosecond timestamps (pandas' default):
    profiles.yml sets spark.sql.legacy.parquet.nanosAsLong, which reads them
    as bigint nanoseconds; a bigint in a date or timestamp column is taken as
    such a timestamp, as a local time (Spark no longer knows whether the file
    said UTC: a pandas file with a time zone and nanoseconds is read in UTC on
    Spark, in Helsinki time on DuckDB). -#}
{% macro spark__landing_parquet_text(column_sql, parquet_type, contract_type) -%}
    {%- set t = parquet_type | lower -%}
    {%- if t == 'date' -%}
        date_format({{ column_sql }}, 'yyyy-MM-dd')
    {%- elif t.startswith('timestamp') or (t == 'bigint' and (contract_type or '') | lower in ('date', 'timestamp')) -%}
        {%- if t == 'bigint' -%}
            {%- set local = "timestamp_micros(" ~ column_sql ~ " div 1000)" -%}
        {%- elif t == 'timestamp_ntz' -%}
            {%- set local = column_sql -%}
        {%- else -%}
            {%- set local = "from_utc_timestamp(" ~ column_sql ~ ", 'Europe/Helsinki')" -%}
        {%- endif -%}
        {%- if (contract_type or '') | lower == 'date' -%}
        case
            when date_format({{ local }}, 'HH:mm:ss.SSSSSS') = '00:00:00.000000' then date_format({{ local }}, 'yyyy-MM-dd')
            else date_format({{ local }}, 'yyyy-MM-dd HH:mm:ss.SSSSSS')
        end
        {%- else -%}
        date_format({{ local }}, 'yyyy-MM-dd HH:mm:ss.SSSSSS')
        {%- endif -%}
    {%- else -%}
        cast({{ column_sql }} as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- SQL that yields every row of every landing file of the entity, all values
    as text, plus _source_file, _file_order, _source_line, _dialect and
    _file_fingerprint. `only`: the files to read (their _source_file names),
    none for all; `_file_order` is still the file's position among all the
    entity's files. `fingerprints`: {_source_file: fingerprint} (NULL where
    missing). Dispatched. -#}
{% macro read_landing(source_name, table_name, columns, required, only=none, fingerprints={}) -%}
    {{ return(adapter.dispatch('read_landing', 'tietopohja')(source_name, table_name, columns, required, only, fingerprints)) }}
{%- endmacro %}

{% macro duckdb__read_landing(source_name, table_name, columns, required, only=none, fingerprints={}) -%}
    {%- set root = tietopohja.landing_dir().rstrip('/') -%}
    {%- set pattern = root ~ '/' ~ source_name ~ '/' ~ table_name -%}
    {%- set files = [] -%}
    {%- if execute -%}
        {%- set files = tietopohja.landing_entity_files(source_name, table_name) -%}
        {{- tietopohja.landing_require_files(files, required, source_name, table_name, pattern, root) -}}
    {%- endif -%}

    {%- set to_read = [] -%}
    {%- for f in files -%}
        {%- if only is none or (source_name ~ '/' ~ f.name) in only -%}
            {%- do to_read.append((loop.index, f)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if to_read | length == 0 %}
    {{ tietopohja.landing_empty_relation(columns) }}
    {%- endif -%}

    {%- for file_order, f in to_read -%}
        {%- set file = f.path -%}
        {%- set file_sql = tietopohja.landing_duckdb_path(file) -%}
        {%- if f.name.lower().endswith('.parquet') -%}
            {%- if f.parts | length == 0 -%}
                {{ exceptions.raise_compiler_error("tietopohja: landing folder " ~ file ~ " (a Parquet dataset) holds no part files (*.parquet): deliver the dataset again or remove the folder") }}
            {%- endif -%}
            {%- set parts_sql = [] -%}
            {%- for part in f.parts -%}{%- do parts_sql.append(tietopohja.landing_duckdb_path(part)) -%}{%- endfor -%}
            {%- set reader = "read_parquet([" ~ parts_sql | join(', ') ~ "], filename = true, file_row_number = true"
                ~ (", union_by_name = true" if f.kind == 'dataset' else "") ~ ")" -%}
            {%- set described = run_query("describe select * exclude (filename, file_row_number) from " ~ reader) -%}
            {%- set header = described.columns[0].values() | list -%}
            {%- set types = described.columns[1].values() | list -%}
            {%- set dialect = 'parquet' -%}
        {%- else -%}
            {#- DuckDB's own encoding error would print the offending line (a hetu) into the log -#}
            {%- set utf8 = run_query("select try(decode(content)) is not null from read_blob(" ~ file_sql ~ ")") -%}
            {{- tietopohja.landing_require_utf8(file, utf8.rows[0][0]) -}}
            {#- the first lines, unsplit; the reader below skips empty lines itself -#}
            {%- set probe = run_query("select line from read_csv(" ~ file_sql ~ ", columns = {'line': 'VARCHAR'}, header = false, delim = '\x01', quote = '', escape = '', auto_detect = false, strict_mode = false) where line is not null limit 1000") -%}
            {%- set parsed = tietopohja.landing_csv_header(file, probe.columns[0].values() | list) -%}
            {%- set delimiter = parsed.delimiter -%}
            {%- set dialect = parsed.dialect -%}
            {%- set header = parsed.header -%}
        {%- endif -%}
        {%- set header_lower = tietopohja.landing_require_columns(file, header, columns) %}
    {% if not loop.first %}union all{% endif %}
    select
        {{ tietopohja.landing_sql_string(source_name ~ '/' ~ f.name) }} as _source_file,
        {{ file_order }} as _file_order,
        {%- set fingerprint = fingerprints.get(source_name ~ '/' ~ f.name) %}
        {{ tietopohja.landing_sql_string(fingerprint) if fingerprint else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as _file_fingerprint,
        {%- if dialect == 'parquet' %}
        {#- numbered as if the file had a header line, like a CSV; a
            dataset's part files one after another in part-name order -#}
        {%- if f.parts | length == 1 %}
        cast(file_row_number + 2 as {{ dbt.type_bigint() }}) as _source_line,
        {%- else %}
        cast(row_number() over (order by filename, file_row_number) + 1 as {{ dbt.type_bigint() }}) as _source_line,
        {%- endif %}
        {%- else %}
        {#- rows as the reader sees them: the header (after any blank lines) is row 1 -#}
        cast(_landing_row - {{ parsed.header_row }} + 1 as {{ dbt.type_bigint() }}) as _source_line,
        {%- endif %}
        '{{ dialect }}' as _dialect,
        {%- if dialect == 'parquet' %}
        cast(null as {{ dbt.type_string() }}) as _extra_fields
        {%- else %}
        {#- a field beyond the header's (an unquoted delimiter in a text?) lands here -#}
        cast(c{{ header | length }} as {{ dbt.type_string() }}) as _extra_fields
        {%- endif %}
        {%- for col in columns %},
        {%- if col.file_name | lower in header_lower %}
        {%- set i = header_lower.index(col.file_name | lower) %}
        {%- if dialect == 'parquet' %}
        {{ tietopohja.landing_parquet_text(tietopohja.landing_sql_name(header[i]), types[i], col.type) }} as {{ col.name }}
        {%- else %}
        cast(c{{ i }} as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endif %}
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endif -%}
        {%- endfor %}
    from
        {%- if dialect == 'parquet' %}
        {{ reader }}
        {%- else %}
        (
            select
                *,
                row_number() over () as _landing_row
            from read_csv(
                {{ file_sql }},
                {#- the header is parsed above (quotes, blank lines before
                    it); the reader takes every row and the header row is
                    left out by its number: positional column names c0, c1,
                    ... so that no name from a file reaches SQL -#}
                delim = '{{ delimiter }}', header = false, quote = '"', escape = '"',
                auto_detect = false, null_padding = true, encoding = 'utf-8', max_line_size = 67108864,
                strict_mode = false,
                {#- the parallel reader stops at a quoted value with a line break
                    when null_padding is on (short rows); one reader costs
                    ~0.2 s on 2 M rows -#}
                parallel = false,
                columns = { {%- for name in header %}'c{{ loop.index0 }}': 'VARCHAR', {% endfor -%} 'c{{ header | length }}': 'VARCHAR'}
            )
        ) as _landing_file
        where _landing_row > {{ parsed.header_row }}
        {%- endif -%}
    {%- endfor %}
{%- endmacro %}

{#- Spark (dbt-spark session): Spark SQL has no glob(): the landing root is
    listed with a recursive binaryFile scan (spark__landing_tree; only the
    path and length columns are read, not the contents) and the entity's
    files are picked by the same rules as on DuckDB. Each CSV file becomes a
    temporary view with every column as text (c0, c1, ... by header position;
    the header line is parsed here, like on DuckDB, so quotes, the BOM and
    both delimiters are handled the same way; Spark's reader skips blank
    lines before it by itself). A Parquet dataset folder is read by Spark as
    one dataset (it leaves out _SUCCESS and .crc files itself). Temporary
    views live in the dbt process's Spark session, which the session method
    shares between compile and run. -#}
{% macro spark__read_landing(source_name, table_name, columns, required, only=none, fingerprints={}) -%}
    {%- set root = tietopohja.landing_dir().rstrip('/') -%}
    {%- set pattern = root ~ '/' ~ source_name ~ '/' ~ table_name -%}
    {%- set files = [] -%}
    {%- if execute -%}
        {%- set files = tietopohja.landing_entity_files(source_name, table_name) -%}
        {{- tietopohja.landing_require_files(files, required, source_name, table_name, pattern, root) -}}
    {%- endif -%}

    {%- set to_read = [] -%}
    {%- for f in files -%}
        {%- if only is none or (source_name ~ '/' ~ f.name) in only -%}
            {%- do to_read.append((loop.index, f)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if to_read | length == 0 %}
    {{ tietopohja.landing_empty_relation(columns) }}
    {%- endif -%}

    {%- for file_order, f in to_read -%}
        {%- set file = root ~ '/' ~ source_name ~ '/' ~ f.name -%}
        {%- set path_name = tietopohja.landing_sql_name(f.path) -%}
        {%- set view = 'tietopohja_landing__' ~ source_name ~ '__' ~ table_name ~ '__' ~ file_order -%}
        {%- if f.name.lower().endswith('.parquet') -%}
            {%- set described = run_query("describe query select * from parquet." ~ path_name) -%}
            {%- set header = [] -%}
            {%- set types = [] -%}
            {%- for row in described.rows -%}
                {#- (col_name, data_type, comment); skip any '# ...' section line -#}
                {%- if row[0] and not row[0].startswith('#') and row[0] not in header -%}
                    {%- do header.append(row[0]) -%}
                    {%- do types.append(row[1]) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- set dialect = 'parquet' -%}
        {%- else -%}
            {#- Spark would silently replace bad bytes: check like DuckDB does, without printing the line -#}
            {%- set utf8 = run_query("select is_valid_utf8(content) from binaryFile." ~ path_name) -%}
            {{- tietopohja.landing_require_utf8(file, utf8.rows[0][0]) -}}
            {%- set probe = run_query("select value from text." ~ path_name ~ " limit 1000") -%}
            {%- set parsed = tietopohja.landing_csv_header(file, probe.columns[0].values() | list) -%}
            {%- set delimiter = parsed.delimiter -%}
            {%- set dialect = parsed.dialect -%}
            {%- set header = parsed.header -%}
            {%- set view_columns = [] -%}
            {%- for name in header -%}{%- do view_columns.append('c' ~ loop.index0 ~ ' string') -%}{%- endfor -%}
            {%- do run_query(
                "create or replace temporary view " ~ view ~ " ("
                ~ view_columns | join(', ') ~ ")"
                ~ " using csv options (path " ~ tietopohja.landing_sql_string(f.path) ~ ", header 'true', sep '" ~ delimiter
                ~ "', quote '\"', escape '\"', encoding 'UTF-8', multiLine 'true', mode 'PERMISSIVE', enforceSchema 'true')") -%}
        {%- endif -%}
        {%- set header_lower = tietopohja.landing_require_columns(file, header, columns) %}
    {% if not loop.first %}union all{% endif %}
    select
        {{ tietopohja.landing_sql_string(source_name ~ '/' ~ f.name) }} as _source_file,
        {{ file_order }} as _file_order,
        {%- set fingerprint = fingerprints.get(source_name ~ '/' ~ f.name) %}
        {{ tietopohja.landing_sql_string(fingerprint) if fingerprint else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as _file_fingerprint,
        {%- if dialect == 'parquet' %}
        {#- numbered as if the file had a header line, like a CSV; a
            dataset's part files one after another in part-name order -#}
        cast(row_number() over (order by _metadata.file_name, _metadata.row_index) + 1 as {{ dbt.type_bigint() }}) as _source_line,
        {%- else %}
        {#- line 1 is the header; one partition per file (multiLine), read in order -#}
        cast(row_number() over (order by _read_order) + 1 as {{ dbt.type_bigint() }}) as _source_line,
        {%- endif %}
        '{{ dialect }}' as _dialect,
        {#- Spark's PERMISSIVE CSV reader drops fields beyond the header -#}
        cast(null as {{ dbt.type_string() }}) as _extra_fields
        {%- for col in columns %},
        {%- if col.file_name | lower in header_lower %}
        {%- set i = header_lower.index(col.file_name | lower) %}
        {%- if dialect == 'parquet' %}
        {{ tietopohja.landing_parquet_text(tietopohja.landing_sql_name(header[i]), types[i], col.type) }} as {{ col.name }}
        {%- else %}
        cast(c{{ i }} as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endif %}
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endif -%}
        {%- endfor %}
    from
        {%- if dialect == 'parquet' %}
        parquet.{{ path_name }}
        {%- else %}
        (select *, monotonically_increasing_id() as _read_order from {{ view }}) as _landing_file
        {%- endif -%}
    {%- endfor %}
{%- endmacro %}

{#- One row (path, fingerprint, fingerprint_method) for a file read, for the
    landing_files report. A file of up to 32 MiB: the MD5 of its content
    (what `md5sum` prints); a dataset folder of up to 32 MiB: the MD5 of its
    parts' MD5s in part-name order. Larger: the MD5 of the parts' sizes and
    modification times, which costs nothing to read (the content's MD5 would
    add a second per 170 MB) and still changes when the file is replaced. -#}
{% macro landing_fingerprint(f) -%}
    {{- return(adapter.dispatch('landing_fingerprint', 'tietopohja')(f)) -}}
{%- endmacro %}

{% macro duckdb__landing_fingerprint(f) -%}
    {%- set parts = [] -%}
    {%- for part in f.parts -%}{%- do parts.append(tietopohja.landing_duckdb_path(part)) -%}{%- endfor -%}
    {%- set by_content = (f.bytes or 0) <= 33554432 -%}
    select
        {{ tietopohja.landing_sql_string(f.rel) }} as path,
        {%- if by_content and f.kind == 'file' %}
        max(md5(content)) as fingerprint,
        {%- elif by_content %}
        md5(string_agg(md5(content), ',' order by filename)) as fingerprint,
        {%- else %}
        md5(string_agg(cast(size as {{ dbt.type_string() }}) || ':' || cast(epoch_ms(last_modified) as {{ dbt.type_string() }}), ',' order by filename)) as fingerprint,
        {%- endif %}
        '{{ 'content_md5' if by_content else 'size_time_md5' }}' as fingerprint_method
    from read_blob([{{ parts | join(', ') }}])
{%- endmacro %}

{% macro spark__landing_fingerprint(f) -%}
    {%- set by_content = (f.bytes or 0) <= 33554432 -%}
    select
        {{ tietopohja.landing_sql_string(f.rel) }} as path,
        {%- if by_content and f.kind == 'file' %}
        max(md5(content)) as fingerprint,
        {%- elif by_content %}
        md5(array_join(transform(array_sort(collect_list(struct(path, md5(content) as m))), x -> x.m), ',')) as fingerprint,
        {%- else %}
        md5(array_join(transform(array_sort(collect_list(struct(path, concat(cast(length as string), ':', cast(unix_millis(modificationTime) as string)) as m))), x -> x.m), ',')) as fingerprint,
        {%- endif %}
        '{{ 'content_md5' if by_content else 'size_time_md5' }}' as fingerprint_method
    from binaryFile.{{ tietopohja.landing_sql_name(f.path) }}
{%- endmacro %}
