{#-
  Other counties' published key figures for key_figures_county_comparison.

  TIETOPOHJA_COMPARISON_DIR names a folder holding the key_figures_public
  exports of other counties (`tietopohja export --format parquet` writes
  key_figures_public.parquet; one export folder per county, found at any
  depth below the folder; a file name may carry a suffix,
  key_figures_public_06.parquet). Unset or empty: no file is read and the
  comparison holds this build's counties only.

  comparison_exports() (execute time only) returns the files to read as
  [{'rel': path below the folder, 'path': full path}] in path order, or stops
  the build with one message listing every file that cannot be compared:
  not a Parquet file, not a key_figures_public export (a column the
  comparison needs is missing), or a county that two files both hold.
  Listing and schema reading are dispatched: DuckDB asks the project's
  dbt-duckdb plugin (src/tietopohja_duckdb.py), Spark lists the folder with
  a binaryFile scan and describes each file. read_published_key_figures(path)
  is the relation of one file: DuckDB read_parquet, Spark parquet.`path`.
-#}

{#- The columns of key_figures_public that the comparison reads from a file. -#}
{% macro comparison_export_columns() -%}
    {{- return(['county_code', 'measure_code', 'period_grain', 'period_start', 'service_code', 'segment',
        'production_mode', 'municipality_code', 'value', 'unit', 'value_status']) -}}
{%- endmacro %}

{% macro comparison_dir() -%}
    {{- return(env_var('TIETOPOHJA_COMPARISON_DIR', '') | replace('\\', '/') | trim) -}}
{%- endmacro %}

{% macro comparison_exports() -%}
    {%- if not execute -%}{{- return([]) -}}{%- endif -%}
    {%- set root = tietopohja.comparison_dir().rstrip('/') -%}
    {%- if not root -%}{{- return([]) -}}{%- endif -%}
    {%- set found = adapter.dispatch('comparison_export_files', 'tietopohja')(root) -%}
    {%- if found.error -%}
        {{ exceptions.raise_compiler_error(
            "tietopohja: TIETOPOHJA_COMPARISON_DIR: " ~ found.error
            ~ ". Set it to the folder holding other counties' key_figures_public exports"
            ~ " (tietopohja export --format parquet), or leave it empty to compare this build's counties only.") }}
    {%- endif -%}
    {%- set needed = tietopohja.comparison_export_columns() -%}
    {%- set problems = [] -%}
    {%- set seen = {} -%}
    {%- set exports = [] -%}
    {%- for f in found.files -%}
        {%- set lower = f.columns | map('lower') | list -%}
        {%- set missing = [] -%}
        {%- for column in needed if column not in lower -%}{%- do missing.append(column) -%}{%- endfor -%}
        {%- if f.error -%}
            {%- do problems.append(f.path ~ " is not a Parquet file (" ~ f.error ~ ")") -%}
        {%- elif missing -%}
            {%- do problems.append(f.path ~ " is not a key_figures_public export: it lacks column(s) "
                ~ missing | join(', ')) -%}
        {%- else -%}
            {%- for county in f.counties -%}
                {%- if county in seen -%}
                    {%- do problems.append("county " ~ county ~ " is in two exports, " ~ seen[county] ~ " and " ~ f.path) -%}
                {%- else -%}
                    {%- do seen.update({county: f.path}) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do exports.append({'rel': f.rel, 'path': f.path}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            "tietopohja: the county comparison cannot read TIETOPOHJA_COMPARISON_DIR=" ~ root ~ ": "
            ~ problems | join('; ')
            ~ ". Keep there only the key_figures_public.parquet files that `tietopohja export --format parquet`"
            ~ " writes, one export folder per county (remove or move the others), or leave the variable empty.") }}
    {%- endif -%}
    {{- return(exports) -}}
{%- endmacro %}

{#- {'error': text} or {'files': [{'rel', 'path', 'columns', 'counties', 'error'}]} -#}
{% macro duckdb__comparison_export_files(root) -%}
    {%- set listing = run_query("select tietopohja_comparison_exports(" ~ tietopohja.landing_sql_string(root) ~ ")") -%}
    {{- return(fromjson(listing.rows[0][0])) -}}
{%- endmacro %}

{#- Spark: a binaryFile scan lists the files (names beginning with '_' or
    '.' are not seen); a file that is not Parquet stops at Spark's reader. -#}
{% macro spark__comparison_export_files(root) -%}
    {%- do run_query(
        "create or replace temporary view tietopohja_comparison_listing using binaryFile options (path "
        ~ tietopohja.landing_sql_string(root) ~ ", recursiveFileLookup 'true', pathGlobFilter 'key_figures_public*.parquet')") -%}
    {%- set listing = run_query("select path from tietopohja_comparison_listing order by path") -%}
    {%- set files = [] -%}
    {%- for row in listing.rows -%}
        {%- set path = row[0] -%}
        {%- set local = path[5:] if path.startswith('file:') else path -%}
        {%- set local = local[2:] if local.startswith('///') else local -%}
        {%- set marker = root ~ '/' -%}
        {%- set rel = local[local.find(marker) + marker | length:] if marker in local else local -%}
        {%- set described = run_query("describe query select * from parquet." ~ tietopohja.landing_sql_name(path)) -%}
        {%- set columns = [] -%}
        {%- for d in described.rows if d[0] and not d[0].startswith('#') -%}{%- do columns.append(d[0]) -%}{%- endfor -%}
        {%- set counties = [] -%}
        {%- if 'county_code' in columns | map('lower') | list -%}
            {%- set codes = run_query("select distinct cast(county_code as string) from parquet."
                ~ tietopohja.landing_sql_name(path) ~ " where county_code is not null order by 1") -%}
            {%- for c in codes.rows -%}{%- do counties.append(c[0]) -%}{%- endfor -%}
        {%- endif -%}
        {%- do files.append({'rel': rel, 'path': path, 'columns': columns, 'counties': counties, 'error': none}) -%}
    {%- endfor -%}
    {{- return({'files': files}) -}}
{%- endmacro %}

{#- One export file as a relation. -#}
{% macro read_published_key_figures(path) -%}
    {{- return(adapter.dispatch('read_published_key_figures', 'tietopohja')(path)) -}}
{%- endmacro %}

{% macro duckdb__read_published_key_figures(path) -%}
    read_parquet({{ tietopohja.landing_duckdb_path(path) }})
{%- endmacro %}

{% macro spark__read_published_key_figures(path) -%}
    parquet.{{ tietopohja.landing_sql_name(path) }}
{%- endmacro %}
