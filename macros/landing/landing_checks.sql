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

{#- The dialect and column names of a CSV file from its first line (BOM and
    CR removed): ';' means the Finnish locale, else canonical. A field with
    no name (a spreadsheet's trailing delimiter, `a;b;c;`) is an unnamed
    extra column, read and ignored like any column outside the contract; a
    name given twice stops the build with a message (which one would be the
    value?). -#}
{% macro landing_csv_header(file, first_line) -%}
    {%- if not first_line -%}
        {{ exceptions.raise_compiler_error("tietopohja: landing file " ~ file ~ " is empty: it has no header row") }}
    {%- endif -%}
    {%- set line = first_line | replace('\ufeff', '') | replace('\r', '') -%}
    {%- set delimiter = ';' if ';' in line else ',' -%}
    {%- set header = [] -%}
    {%- set seen = [] -%}
    {%- for field in line.split(delimiter) -%}
        {%- set name = field.strip().strip('"').strip() -%}
        {%- if not name -%}
            {%- set name = '__tietopohja_unnamed_' ~ loop.index ~ '__' -%}
        {%- elif name | lower in seen -%}
            {{ exceptions.raise_compiler_error("tietopohja: landing file " ~ file ~ " names the column '" ~ name
                ~ "' twice in its header row; deliver each column once") }}
        {%- endif -%}
        {%- do seen.append(name | lower) -%}
        {%- do header.append(name) -%}
    {%- endfor -%}
    {{- return({'delimiter': delimiter, 'dialect': 'fi' if delimiter == ';' else 'canonical', 'header': header}) -}}
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
