{#-
  The engine-neutral parts of reading a landing entity, shared by every
  adapter's read_landing (duckdb__, spark__): the messages that stop a build
  on a file that cannot be read, how the header line gives the dialect and
  the columns, and the empty relation of an absent optional entity.
-#}

{% macro landing_require_files(files, required, source_name, table_name, pattern, root) -%}
    {%- if files | length == 0 and required -%}
        {{ exceptions.raise_compiler_error(
            "tietopohja: required landing entity " ~ source_name ~ "/" ~ table_name
            ~ " is missing: expected files matching " ~ pattern ~ "*.csv or " ~ pattern
            ~ "*.parquet (TIETOPOHJA_LANDING_DIR=" ~ root ~ ")") }}
    {%- endif -%}
{%- endmacro %}

{#- The select of an entity with no files: the columns, no rows. -#}
{% macro landing_empty_relation(columns) -%}
    select
        cast(null as {{ dbt.type_string() }}) as _source_file,
        cast(null as {{ dbt.type_int() }}) as _file_order,
        cast(null as {{ dbt.type_string() }}) as _file_fingerprint,
        cast(null as {{ dbt.type_bigint() }}) as _source_line,
        cast(null as {{ dbt.type_string() }}) as _dialect,
        cast(null as {{ dbt.type_string() }}) as _extra_fields
        {%- for col in columns %},
        cast(null as {{ dbt.type_string() }}) as {{ col.name }}
        {%- endfor %}
    where 1 = 0
{%- endmacro %}

{% macro landing_require_utf8(file, is_utf8) -%}
    {%- if not is_utf8 -%}
        {{ exceptions.raise_compiler_error("tietopohja: landing file " ~ file ~ " is not UTF-8 (a Latin-1 / Windows-1252 export?): save it as UTF-8 and deliver it again") }}
    {%- endif -%}
{%- endmacro %}

{#- The dialect and column names of a CSV file from its first lines (the
    reader's lines with empty ones left out): the header is the first line
    that is not blank (whitespace only); header_row is its number among the
    lines the reader sees (blank-but-not-empty lines before it are rows to
    the reader). The header is split with the quoting rules of the data rows
    (RFC 4180): a quoted name may hold the delimiter and doubled quotes. ';'
    outside quotes means the Finnish locale, else canonical. Names are
    trimmed of whitespace of every kind (no-break and zero-width spaces, the
    BOM included) and NFC-normalised (landing_nfc). A field with no name (a
    spreadsheet's trailing delimiter, `a;b;c;`) is an unnamed extra column,
    read and ignored like any column outside the contract; a name given twice
    stops the build with a message (which one would be the value?). -#}
{% macro landing_csv_header(file, first_lines) -%}
    {%- set ns = namespace(line=none, row=0) -%}
    {%- for raw in first_lines if ns.line is none -%}
        {%- set text = (raw or '') | replace('\r', '') -%}
        {%- if loop.first and text == '\ufeff' -%}
            {#- a BOM alone on the first line: the reader skips it as an empty line -#}
        {%- elif tietopohja.landing_trim(text) -%}
            {%- set ns.row = ns.row + 1 -%}
            {%- set ns.line = text -%}
        {%- else -%}
            {%- set ns.row = ns.row + 1 -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if ns.line is none -%}
        {{ exceptions.raise_compiler_error("tietopohja: landing file " ~ file ~ " is empty: it has no header row"
            ~ (" (only " ~ first_lines | length ~ " blank line(s))" if first_lines | length else "")) }}
    {%- endif -%}
    {%- set line = ns.line | replace('\ufeff', '') -%}
    {%- set delimiter = ';' if ';' in tietopohja.landing_unquoted(line) else ',' -%}
    {%- set names = tietopohja.landing_nfc(tietopohja.landing_split_fields(line, delimiter)) -%}
    {%- set header = [] -%}
    {%- set seen = [] -%}
    {%- for field in names -%}
        {%- set name = tietopohja.landing_trim(field) -%}
        {%- if not name -%}
            {%- set name = '__tietopohja_unnamed_' ~ loop.index ~ '__' -%}
        {%- elif name | lower in seen -%}
            {{ exceptions.raise_compiler_error("tietopohja: landing file " ~ file ~ " names the column '" ~ name
                ~ "' twice in its header row; deliver each column once") }}
        {%- endif -%}
        {%- do seen.append(name | lower) -%}
        {%- do header.append(name) -%}
    {%- endfor -%}
    {{- return({'delimiter': delimiter, 'dialect': 'fi' if delimiter == ';' else 'canonical', 'header': header,
        'header_row': ns.row}) -}}
{%- endmacro %}

{#- A text without leading and trailing whitespace of any kind: Python's
    whitespace (space, tab, no-break spaces, ...) and the zero-width
    characters and BOM it does not count as whitespace. -#}
{% macro landing_trim(text) -%}
    {%- set invisible = '\u200b\u200c\u200d\u2060\ufeff' -%}
    {{- return(text.strip().strip(invisible).strip().strip(invisible).strip()) -}}
{%- endmacro %}

{#- The line with quoted parts left out (to look for the delimiter). -#}
{% macro landing_unquoted(line) -%}
    {%- set ns = namespace(out='', quoted=false) -%}
    {%- for ch in line -%}
        {%- if ch == '"' -%}
            {%- set ns.quoted = not ns.quoted -%}
        {%- elif not ns.quoted -%}
            {%- set ns.out = ns.out ~ ch -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(ns.out) -}}
{%- endmacro %}

{#- The fields of one CSV line (RFC 4180): a field that begins with a quote
    (after whitespace) runs to its closing quote, '""' inside it is one quote
    and the delimiter is text; a quote inside an unquoted field is text. -#}
{% macro landing_split_fields(line, delimiter) -%}
    {%- set fields = [] -%}
    {%- set ns = namespace(field='', quoted=false, closed=false) -%}
    {%- for ch in line -%}
        {%- if ns.quoted -%}
            {%- if ch == '"' -%}
                {%- set ns.quoted = false -%}
                {%- set ns.closed = true -%}
            {%- else -%}
                {%- set ns.field = ns.field ~ ch -%}
            {%- endif -%}
        {%- elif ch == '"' and ns.closed -%}
            {#- a doubled quote inside a quoted field -#}
            {%- set ns.field = ns.field ~ '"' -%}
            {%- set ns.quoted = true -%}
            {%- set ns.closed = false -%}
        {%- elif ch == '"' and not tietopohja.landing_trim(ns.field) -%}
            {%- set ns.field = '' -%}
            {%- set ns.quoted = true -%}
        {%- elif ch == delimiter -%}
            {%- do fields.append(ns.field) -%}
            {%- set ns.field = '' -%}
            {%- set ns.closed = false -%}
        {%- else -%}
            {%- set ns.field = ns.field ~ ch -%}
            {%- set ns.closed = false -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do fields.append(ns.field) -%}
    {{- return(fields) -}}
{%- endmacro %}

{#- Header names in Unicode NFC (a Mac writes ä as a + combining diaeresis).
    Jinja has no unicodedata: DuckDB's nfc_normalize does it (one query per
    file, ASCII-only headers skip it). Spark SQL has no NFC function: names
    are compared as delivered (the contract's column names are ASCII). -#}
{% macro landing_nfc(names) -%}
    {{- return(adapter.dispatch('landing_nfc', 'tietopohja')(names)) -}}
{%- endmacro %}

{% macro default__landing_nfc(names) -%}
    {{- return(names) -}}
{%- endmacro %}

{% macro duckdb__landing_nfc(names) -%}
    {%- set ns = namespace(ascii=true) -%}
    {%- for name in names -%}
        {%- for ch in name if ch > '\x7f' -%}{%- set ns.ascii = false -%}{%- endfor -%}
    {%- endfor -%}
    {%- if ns.ascii or not names -%}
        {{- return(names) -}}
    {%- endif -%}
    {%- set exprs = [] -%}
    {%- for name in names -%}
        {%- do exprs.append('nfc_normalize(' ~ tietopohja.landing_sql_string(name) ~ ') as n' ~ loop.index0) -%}
    {%- endfor -%}
    {{- return(run_query('select ' ~ exprs | join(', ')).rows[0] | list) -}}
{%- endmacro %}

{#- Stop when a required contract column is not in the file's header;
    return the header lower-cased (column names match in any case). The
    message names only the header's fields that are contract columns: when
    the header row is missing, the first line is data (a hetu, a name) and
    must not reach the log. -#}
{% macro landing_require_columns(file, header, columns) -%}
    {%- set header_lower = header | map('lower') | list -%}
    {%- set contract_names = columns | map(attribute='file_name') | map('lower') | list -%}
    {%- set missing = [] -%}
    {%- for col in columns if col.meta.get('required') and col.file_name | lower not in header_lower -%}
        {%- do missing.append(col.file_name) -%}
    {%- endfor -%}
    {%- if missing -%}
        {%- set known = [] -%}
        {%- for name in header if name | lower in contract_names -%}{%- do known.append(name) -%}{%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "tietopohja: landing file " ~ file ~ " lacks required column(s) " ~ missing | join(', ')
            ~ " (its first line has " ~ header | length ~ " field(s); contract columns among them: "
            ~ (known | join(', ') if known else 'none: is the header row missing?')
            ~ "; other fields are not shown, they may be data). If the delimiter is wrong: the contract allows ','"
            ~ " (canonical) or ';' (Finnish locale).") }}
    {%- endif -%}
    {{- return(header_lower) -}}
{%- endmacro %}
