{#- Seeds on Spark. dbt_project.yml declares seed column types in DuckDB's
    words (`varchar`), which Spark rejects without a length: dbt-spark's own
    seed macros run with the column types translated to Spark's
    (tietopohja.spark_type). DuckDB is not affected. -#}
{% macro spark_type(data_type) -%}
    {%- set t = (data_type | string | trim | lower) -%}
    {%- if t in ('varchar', 'text', 'character varying') -%}
        {{- return('string') -}}
    {%- else -%}
        {{- return(data_type) -}}
    {%- endif -%}
{%- endmacro %}

{% macro spark_seed_model(model) -%}
    {%- set types = {} -%}
    {%- for name, data_type in (model['config'].get('column_types') or {}).items() -%}
        {%- do types.update({name: tietopohja.spark_type(data_type)}) -%}
    {%- endfor -%}
    {{- return({'config': {
        'column_types': types,
        'quote_columns': model['config'].get('quote_columns', None),
    }}) -}}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) -%}
    {{- return(dbt.spark__create_csv_table(tietopohja.spark_seed_model(model), agate_table)) -}}
{%- endmacro %}

{#- dbt-spark's session cursor pastes bindings into the SQL unescaped and
    writes a missing value as the text 'None': seed rows are inserted as
    escaped literals instead (NULL for an empty cell). -#}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set seed_model = tietopohja.spark_seed_model(model) -%}
    {%- set column_override = seed_model['config']['column_types'] -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    {%- if value is none -%}
                    cast(null as {{ types[loop.index0] }})
                    {%- else -%}
                    cast('{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}' as {{ types[loop.index0] }})
                    {%- endif -%}
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}{%- do statements.append(sql) -%}{%- endif -%}
    {%- endfor -%}
    {{- return(statements[0] if statements else '') -}}
{%- endmacro %}
