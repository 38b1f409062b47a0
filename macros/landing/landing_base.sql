{#-
  landing_base(source_name, table_name): the base model of one landing
  entity. It reads every file of the entity (read_landing), parses each
  column into its contract type, checks the row against the rules declared
  in the source YAML and decides the row's fate:

    _status = 'staged'       the row goes on to the staging model
    _status = 'quarantined'  the row broke a rule (_reason_code, _reasons)
    _status = 'superseded'   a later file delivered the same key again

  A CSV row with more fields than its header (an unquoted delimiter inside
  a text?) -> too_many_fields (its values may have shifted); a value that
  swallowed the following lines (an unterminated quote: the reader runs the
  value on to the next quote or the end of the file) -> unterminated_quote
  (tietopohja.swallows_lines). Rules, all
  declared per column in the source YAML (config.meta):
    required: true      -> missing_required when empty
    type (data_type)    -> invalid_date / invalid_timestamp / invalid_number /
                           invalid_bool when the text does not parse
    normalise: <kind>   -> code normalisation before checking (upper, lower,
                           municipality, county, icd10)
    codes: [..]         -> unknown_code when not in the list
    code_map: {a: b}    -> translate codes (second HR layout); unknown_code otherwise
    pattern: <regex>    -> invalid_format when the text does not match
    min / max           -> out_of_range (inclusive bounds);
                           every date and timestamp before 1900 too
    min_exclusive       -> out_of_range when value <= bound
    not_future: true    -> future_date when the event's date is after today
                           (var future_date_cutoff 'YYYY-MM-DD' fixes "today")
    hetu: true          -> invalid_hetu (format, date, check character)
    free_text: true     -> a name or description: hetu-shaped tokens in it
                           are replaced by '[hetu]' before it is stored
    (other text columns: codes and identifiers)
                        -> invalid_format when the value holds a hetu-shaped
                           token (tietopohja.has_hetu_shape)
  and per entity (source config.meta):
    key: [..]           -> duplicate_key_in_file for repeats inside one file
                           (first valid occurrence kept); superseded for
                           earlier files' rows of a key (last file wins)
    ordered: [[a, b]]   -> end_before_start when b < a

  Every row read stays in this model, so rows read = staged + quarantined +
  superseded holds by construction and is tested per entity.

  What is stored (landing contract, "Identity codes are stored nowhere"):
  the typed value of every column, never the raw text as delivered and
  never a hetu. A hetu column is replaced, in the same pass that reads it,
  by the keyed pseudonym, the birth date and the sex (person_pseudonym,
  birth_date, sex for a column named hetu; <column>_pseudonym, ... for
  another name), NULL when the code is invalid. Free texts are stored with
  hetu-shaped tokens replaced by '[hetu]'; a code or identifier holding one
  is quarantined and stored redacted the same way. A row that did not reach
  staging keeps its raw values for the quarantine in _raw_values, redacted
  (tietopohja.landing_raw_values); _extra_fields is redacted likewise.
-#}

{#- True when the text `expr` of a CSV row holds a line break followed by at
    least `min_delimiters` delimiters of the file's dialect: the value ran
    on over whole lines of the file (an unterminated quote). A quoted value
    with a line break and a little text after it (a multi-line description)
    is a value like any other. -#}
{% macro swallows_lines(expr, dialect, min_delimiters) -%}
    {%- set line_break = dbt.position('chr(10)', expr) -%}
    {%- set tail = 'substring(' ~ expr ~ ', ' ~ line_break ~ ')' -%}
    {%- set delimiter = "case when " ~ dialect ~ " = 'fi' then ';' else ',' end" -%}
    ({{ dialect }} <> 'parquet' and {{ line_break }} > 0
        and {{ dbt.length(tail) }} - {{ dbt.length('replace(' ~ tail ~ ', ' ~ delimiter ~ ", '')") }}
        >= {{ min_delimiters }})
{%- endmacro %}

{#- What the base model of an entity checks: its columns (source YAML),
    the checks (reason, column, SQL condition) their rules give, the key and
    whether the entity is required. -#}
{% macro landing_base_spec(source_name, table_name) -%}
    {#- registers the source in the lineage graph; the files are read by read_landing -#}
    {%- set _source_relation = source(source_name, table_name) -%}
    {%- set columns = tietopohja.landing_columns(source_name, table_name) if execute else [] -%}
    {%- set entity_meta = tietopohja.landing_entity_meta(source_name, table_name) if execute else {} -%}
    {%- set key = entity_meta.get('key', []) -%}
    {#- a CSV row with more fields than the header: its values may have shifted -#}
    {%- set checks = [('too_many_fields', 'row', '_extra_fields is not null')] -%}
    {#- a value that swallowed whole lines: after its first line break, at
        least the delimiters of a line holding the required columns -#}
    {%- set required = columns | map(attribute='meta') | selectattr('required') | list -%}
    {%- set swallowed = [] -%}
    {%- for col in columns -%}
        {%- do swallowed.append(tietopohja.swallows_lines(col.name ~ '__raw', '_dialect', [required | length - 1, 1] | max)) -%}
    {%- endfor -%}
    {%- if swallowed -%}
        {%- do checks.append(('unterminated_quote', 'row', '(' ~ swallowed | join(' or ') ~ ')')) -%}
    {%- endif -%}
    {%- for col in columns -%}
        {%- set m = col.meta -%}
        {%- set raw = col.name ~ '__raw' -%}
        {%- set typed = col.name -%}
        {%- if m.get('required') -%}
            {%- do checks.append(('missing_required', col.name, raw ~ ' is null')) -%}
        {%- endif -%}
        {%- if tietopohja.is_code_text(col) -%}
            {%- do checks.append(('invalid_format', col.name,
                raw ~ ' is not null and ' ~ col.name ~ '__text <> ' ~ raw)) -%}
        {%- endif -%}
        {%- if m.get('hetu') -%}
            {%- do checks.append(('invalid_hetu', col.name,
                raw ~ ' is not null and ' ~ col.name ~ '__invalid is not null')) -%}
        {%- endif -%}
        {%- set parse_reason = {'date': 'invalid_date', 'timestamp': 'invalid_timestamp',
            'decimal(28, 6)': 'invalid_number', 'decimal': 'invalid_number', 'bigint': 'invalid_number',
            'integer': 'invalid_number', 'int': 'invalid_number', 'boolean': 'invalid_bool'}.get(col.type) -%}
        {%- if parse_reason -%}
            {%- do checks.append((parse_reason, col.name, raw ~ ' is not null and ' ~ typed ~ ' is null')) -%}
        {%- endif -%}
        {%- if col.type in ('date', 'timestamp') -%}
            {%- do checks.append(('out_of_range', col.name, tietopohja.before_earliest_delivered_date(typed))) -%}
        {%- endif -%}
        {%- if m.get('pattern') -%}
            {%- do checks.append(('invalid_format', col.name,
                raw ~ ' is not null and not ' ~ tietopohja.regexp_matches(typed, m.pattern))) -%}
        {%- endif -%}
        {%- if m.get('codes') or m.get('code_map') -%}
            {%- do checks.append(('unknown_code', col.name, raw ~ ' is not null and ' ~ typed ~ ' is null')) -%}
        {%- endif -%}
        {%- if m.get('min') is not none -%}
            {%- do checks.append(('out_of_range', col.name, typed ~ ' < ' ~ m.min)) -%}
        {%- endif -%}
        {%- if m.get('min_exclusive') is not none -%}
            {%- do checks.append(('out_of_range', col.name, typed ~ ' <= ' ~ m.min_exclusive)) -%}
        {%- endif -%}
        {%- if m.get('max') is not none -%}
            {%- do checks.append(('out_of_range', col.name, typed ~ ' > ' ~ m.max)) -%}
        {%- endif -%}
        {%- if m.get('not_future') -%}
            {%- do checks.append(('future_date', col.name,
                'cast(' ~ typed ~ ' as date) > ' ~ tietopohja.future_date_cutoff())) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for pair in entity_meta.get('ordered', []) -%}
        {%- do checks.append(('end_before_start', pair[1],
            pair[1] ~ ' < ' ~ pair[0])) -%}
    {%- endfor -%}

    {%- set required_entity = entity_meta.get('required', false) -%}
    {{- return({'columns': columns, 'checks': checks, 'key': key, 'required': required_entity}) -}}
{%- endmacro %}

{% macro landing_base(source_name, table_name) -%}
    {%- set spec = tietopohja.landing_base_spec(source_name, table_name) -%}
    {%- set columns, checks, key, required_entity = spec.columns, spec.checks, spec.key, spec.required -%}
    {%- set plan = tietopohja.landing_base_plan(source_name, table_name, columns, checks, key, required_entity) if execute
        else {'incremental': false, 'read': none, 'kept': [], 'fingerprints': {}, 'order': {}} -%}

{#- A full build reads the files once, into `landed`, a CTE DuckDB keeps
    (materialized; it spills to disk under the memory limit): the reader
    and the line numbers run on one thread (read_landing), the parsing and
    the checks after it on all of them. 7.1 M visit rows: 50 s -> 24 s. -#}
{%- set raw_rows = 'select * from landed' if execute and not plan.incremental else none %}

with
{% if raw_rows is not none -%}
landed as {{ tietopohja.materialized_cte() }}(
    {{ tietopohja.read_landing(source_name, table_name, columns, required_entity, plan.read, plan.fingerprints) }}
),
{% endif %}
{#- read three times when incremental (DuckDB only): computed once #}
checked as {{ tietopohja.materialized_cte() if plan.incremental }}(
    {{ tietopohja.landing_checked_rows(source_name, table_name, columns, checks, required_entity, plan.read, plan.fingerprints, raw_rows) }}
),

{%- if plan.incremental %}

{#- Incremental (tietopohja.landing_base_plan): the rows of the files read
    again are ranked against the stored rows that share a key with them
    (their files did not change, so their own fate does not). The stored
    rows of the files kept stay in the table as they are: the pre-hook
    (landing_base_stale_rows) has deleted the rows of the files read again
    and of the files no longer delivered, and the rows selected here are
    appended. -#}
kept as (
    select *
    from {{ this }}
    where _source_file in ({{ tietopohja.landing_sql_list(plan.kept) }})
),

rank_input as (
    select
        _source_file,
        _file_order,
        _source_line,
        _invalid_reason
        {%- for k in key %},
        {{ k }}
        {%- endfor %}
    from checked
    {%- if plan.kept and key %}
    union all
    select
        kept._source_file,
        {{ tietopohja.landing_file_order(plan.order, 'kept._source_file') }} as _file_order,
        kept._source_line,
        kept._invalid_reason
        {%- for k in key %},
        kept.{{ k }}
        {%- endfor %}
    from kept
    where
        kept._invalid_reason is null
        and exists (
            select 1
            from checked
            where
                checked._invalid_reason is null
                {%- for k in key %}
                and {{ tietopohja.null_safe_equal('checked.' ~ k, 'kept.' ~ k) }}
                {%- endfor %}
        )
    {%- endif %}
),

rank_output as (
    select
        _source_file,
        _source_line,
        {{ tietopohja.landing_rank_columns(key) }}
    from rank_input
),

ranked as (
    select
        checked.*,
        rank_output._rank_in_file,
        rank_output._file_rank,
        rank_output._latest_file
    from checked
    inner join rank_output
        on
            checked._source_file = rank_output._source_file
            and checked._source_line = rank_output._source_line
),
{%- elif key %}

{#- A full build: the ranks need a window only over the rows of a key that
    is on more than one row. Those rows are found from the key columns alone
    (a narrow pass over the files), parsed and checked again, and ranked
    among themselves; every other row is the only row of its key (first in
    its file, its file the latest). The ranks are the window's over all
    rows, row for row; a window over the whole parsed rows would sort every
    row with all its columns, most of the model's time. -#}
key_rows as (
    select
        _source_file,
        _source_line,
        count(*) over (partition by {{ key | join(', ') }}) as _key_rows
    from (
        {{ tietopohja.landing_checked_rows(source_name, table_name, columns | selectattr('name', 'in', key) | list,
            [], required_entity, plan.read, plan.fingerprints, raw_rows) }}
    ) as keyed
),

repeated_key_rows as (
    select
        _source_file,
        _source_line
    from key_rows
    where _key_rows > 1
),

repeated_ranked as (
    select
        _source_file,
        _source_line,
        {{ tietopohja.landing_rank_columns(key) }}
    from (
        {%- set repeated_raw -%}
        select raw_rows.*
        from ({{ raw_rows }}) as raw_rows
        where exists (
            select 1
            from repeated_key_rows
            where
                raw_rows._source_file = repeated_key_rows._source_file
                and raw_rows._source_line = repeated_key_rows._source_line
        )
        {%- endset %}
        {{ tietopohja.landing_checked_rows(source_name, table_name, columns, checks, required_entity, plan.read,
            plan.fingerprints, repeated_raw, reasons=false) }}
    ) as repeated
),

ranked as (
    select
        checked.*,
        case when checked._invalid_reason is null then coalesce(repeated_ranked._rank_in_file, 1) end as _rank_in_file,
        case when checked._invalid_reason is null then coalesce(repeated_ranked._file_rank, 1) end as _file_rank,
        case when checked._invalid_reason is null
                then coalesce(repeated_ranked._latest_file, checked._source_file) end as _latest_file
    from checked
    left join repeated_ranked
        on
            checked._source_file = repeated_ranked._source_file
            and checked._source_line = repeated_ranked._source_line
),
{%- else %}

ranked as (
    select
        checked.*,
        {{ tietopohja.landing_rank_columns(key) }}
    from checked
),
{%- endif %}

decided as (
    select
        *,
        case
            when _invalid_reason is not null then _invalid_reasons
            when _rank_in_file > 1 then 'duplicate_key_in_file: the key is already on an earlier line of this file'
            when _file_rank > 1 then {{ dbt.concat(["'superseded: the key was delivered again in '", '_latest_file']) }}
        end as _reasons,
        case
            when _invalid_reason is not null then 'quarantined'
            when _rank_in_file > 1 then 'quarantined'
            when _file_rank > 1 then 'superseded'
            else 'staged'
        end as _status,
        case
            when _invalid_reason is not null then _invalid_reason
            when _rank_in_file > 1 then 'duplicate_key_in_file'
            when _file_rank > 1 then 'superseded'
        end as _reason_code
    from ranked
)

{#- what is stored: no raw text, no hetu (see the header) -#}
select
    _source_file,
    _file_order,
    _file_fingerprint,
    _source_line,
    _dialect,
    {{ tietopohja.redact_hetu_shapes('_extra_fields', '<redacted>') }} as _extra_fields
    {%- for col in columns %},
    {%- if col.meta.get('hetu') %}
    {{ tietopohja.hetu_person_columns(col.name) }}
    {%- else %}
    {{ col.name }}
    {%- endif %}
    {%- endfor %},
    _invalid_reason,
    _invalid_reasons,
    _rank_in_file,
    _file_rank,
    _latest_file,
    _reasons,
    _status,
    _reason_code,
    case when _status <> 'staged' then {{ tietopohja.landing_raw_values(columns) }} end as _raw_values
from decided
{%- endmacro %}

{#- A text column whose hetu-shaped tokens are redacted before it is typed:
    every text column but the hetu columns. -#}
{% macro is_redacted_text(col) -%}
    {{- return(col.type == 'string' and not col.meta.get('hetu')) -}}
{%- endmacro %}

{#- A code or identifier column (a text column that is neither a hetu nor a
    free text): a hetu-shaped token in it quarantines the row. -#}
{% macro is_code_text(col) -%}
    {{- return(tietopohja.is_redacted_text(col) and not col.meta.get('free_text')) -}}
{%- endmacro %}

{#- 'reason(column)' items of every failing check, joined with '; '. -#}
{% macro reason_list(checks) -%}
    {%- set items = [] -%}
    {%- for reason, column, condition in checks -%}
        {%- do items.append("case when " ~ condition ~ " then '" ~ reason ~ "(" ~ column ~ ")' end") -%}
    {%- endfor -%}
    {{ tietopohja.concat_non_null(items, '; ') }}
{%- endmacro %}

{#- The typed value of one landing column: parsed, normalised, mapped. -#}
{% macro typed_value(col, expr, dialect) -%}
    {%- set m = col.meta -%}
    {%- set t = col.type -%}
    {%- if t == 'date' -%} {{ tietopohja.parse_date(expr) }}
    {%- elif t == 'timestamp' -%} {{ tietopohja.parse_timestamp(expr) }}
    {%- elif t in ('decimal', 'decimal(28, 6)') -%} {{ tietopohja.parse_decimal(expr, dialect) }}
    {%- elif t in ('bigint', 'integer', 'int') -%} {{ tietopohja.parse_int(expr, dialect) }}
    {%- elif t == 'boolean' -%} {{ tietopohja.parse_bool(expr) }}
    {%- else -%}
        {%- set norm = 'upper' if m.get('hetu') else m.get('normalise') -%}
        {%- set v = tietopohja.normalise_code(expr, norm) -%}
        {%- if m.get('code_map') -%}
        case {{ v }}
            {%- for k, target in m.code_map.items() %}
            when '{{ k }}' then '{{ target }}'
            {%- endfor %}
        end
        {%- elif m.get('codes') -%}
        case when {{ v }} in ({%- for c in m.codes -%}'{{ c }}'{{ ', ' if not loop.last }}{%- endfor -%}) then {{ v }} end
        {%- else -%} {{ v }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The last date an event may have: today, or var future_date_cutoff. -#}
{% macro future_date_cutoff() -%}
    {%- if var('future_date_cutoff', none) -%}
        cast('{{ var("future_date_cutoff") }}' as date)
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}

{#- The rows of the entity's files `only` (none: every file) parsed, typed
    and checked (the columns of landing_base's `checked` step: the cleaned
    raw text <column>__raw beside the typed value, _invalid_reason,
    _invalid_reasons), as one select. `raw`: the rows as read, when the
    caller has read_landing's select already (it reads the files' headers
    at compile time once); `reasons=false`: _invalid_reasons NULL (a caller
    that needs only whether a row is valid). -#}
{% macro landing_checked_rows(source_name, table_name, columns, checks, required, only=none, fingerprints={}, raw=none,
    reasons=true) -%}
with raw as (
    {%- if raw is not none %}
    {{ raw }}
    {%- else %}
    {{ tietopohja.read_landing(source_name, table_name, columns, required, only, fingerprints) if execute else 'select 1 as _source_file' }}
    {%- endif %}
),

cleaned as (
    select
        _source_file,
        _file_order,
        _file_fingerprint,
        _source_line,
        _dialect,
        _extra_fields
        {%- for col in columns %},
        {{ tietopohja.clean_text(col.name) }} as {{ col.name }}__raw
        {%- endfor %}
    from raw
),

redacted as (
    select
        *
        {%- for col in columns if tietopohja.is_redacted_text(col) %},
        {{ tietopohja.redact_hetu_shapes(col.name ~ '__raw', '[hetu]') }} as {{ col.name }}__text
        {%- endfor %}
    from cleaned
),

typed as (
    select
        *
        {%- for col in columns %},
        {%- if tietopohja.is_redacted_text(col) %}
        {{ tietopohja.typed_value(col, col.name ~ '__text', '_dialect') }} as {{ col.name }}
        {%- else %}
        {{ tietopohja.typed_value(col, col.name ~ '__raw', '_dialect') }} as {{ col.name }}
        {%- endif %}
        {%- if col.meta.get('hetu') %},
        {{ tietopohja.hetu_invalid_reason(tietopohja.typed_value(col, col.name ~ '__raw', '_dialect')) }} as {{ col.name }}__invalid
        {%- endif %}
        {%- endfor %}
    from redacted
),

flagged as (
    select
        *,
        {%- if checks %}
        case
            {%- for reason, column, condition in checks %}
            when {{ condition }} then '{{ reason }}'
            {%- endfor %}
        end as _invalid_reason
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as _invalid_reason
        {%- endif %}
    from typed
),

checked as (
    select
        *,
        {#- every failing check, listed for the (few) rows that failed one -#}
        {%- if checks and reasons %}
        case when _invalid_reason is not null then {{ tietopohja.reason_list(checks) }} end as _invalid_reasons
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as _invalid_reasons
        {%- endif %}
    from flagged
)

select * from checked
{%- endmacro %}

{#- The ranks that decide a valid row's fate among the rows of its key:
    _rank_in_file (its occurrence among the valid rows of its key in its
    file: an invalid row before it does not make it a repeat), _file_rank (its file among
    the files delivering the key, 1 = the latest) and _latest_file. -#}
{% macro landing_rank_columns(key) -%}
    {%- if key %}
    case when _invalid_reason is null then row_number() over (
        partition by {{ key | join(', ') }}, _file_order, _invalid_reason is null order by _source_line
    ) end as _rank_in_file,
    case when _invalid_reason is null then dense_rank() over (
        partition by {{ key | join(', ') }}, _invalid_reason is null
        order by _file_order desc
    ) end as _file_rank,
    case when _invalid_reason is null then first_value(_source_file) over (
        partition by {{ key | join(', ') }}, _invalid_reason is null
        order by _file_order desc
    ) end as _latest_file
    {%- else %}
    1 as _rank_in_file,
    1 as _file_rank,
    _source_file as _latest_file
    {%- endif %}
{%- endmacro %}

{#- The file's position among the entity's files now ({name: position}). -#}
{% macro landing_file_order(order, column) -%}
    case {{ column }}
        {%- for name, position in order.items() %}
        when {{ tietopohja.landing_sql_string(name) }} then {{ position }}
        {%- endfor %}
    end
{%- endmacro %}

{#- Names as a list of string literals (a never-matching NULL when empty). -#}
{% macro landing_sql_list(names) -%}
    {%- if names -%}
        {%- for name in names -%}{{ tietopohja.landing_sql_string(name) }}{{ ', ' if not loop.last }}{%- endfor -%}
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{#- Which files a base model reads (run at execute time). A full build
    reads every file. An incremental one (a monthly delivery: the base
    table exists, was written with fingerprints, the build is not
    --full-refresh, and the engine supports it: landing_base_incremental)
    compares each file's fingerprint (landing_fingerprint, with the hash
    of the entity's rules from the source YAML, so a rule change reads
    everything again) with the one stored on its rows:

      - a new or changed file is read, and so is a file with a row
        quarantined as future_date (the day may have come);
      - an unchanged file is read again when one of its valid rows shares
        its key with a valid row of a new or changed file or of a stored
        row of a changed or removed file (its rows' fate may change:
        superseded, or staged again; their raw values for the quarantine
        exist only in the file);
      - every other unchanged file keeps its stored rows as they are.

    Returns {'incremental', 'read': names or none (all), 'kept': names,
    'fingerprints': {name: fingerprint}, 'order': {name: position}}. -#}
{% macro landing_base_plan(source_name, table_name, columns, checks, key, required) -%}
    {%- set files = tietopohja.landing_entity_files(source_name, table_name) -%}
    {%- set order = {} -%}
    {%- for f in files -%}{%- do order.update({source_name ~ '/' ~ f.name: loop.index}) -%}{%- endfor -%}
    {%- set plan = {'incremental': false, 'read': none, 'kept': [], 'fingerprints': {}, 'order': order} -%}
    {%- if not tietopohja.landing_base_incremental() or files | length == 0 -%}
        {{- return(plan) -}}
    {%- endif -%}
    {#- the pseudonymisation key is part of what a stored row was made with: a new key reads every file
        again (a digest of a digest of the key is stored, never the key) -#}
    {%- set key_digest = local_md5(tietopohja.pseudonym_key() ~ '|landing-fingerprint') -%}
    {%- set rules = local_md5(tojson(columns) ~ tojson(tietopohja.landing_entity_meta(source_name, table_name)) ~ key_digest) -%}
    {%- set selects = [] -%}
    {%- for f in files -%}
        {%- do selects.append('select ' ~ tietopohja.landing_sql_string(source_name ~ '/' ~ f.name) ~ ' as name, fingerprint from ('
            ~ tietopohja.landing_fingerprint(f) ~ ') as f' ~ loop.index) -%}
    {%- endfor -%}
    {%- set fingerprints = {} -%}
    {%- for row in run_query(selects | join(' union all ')).rows -%}
        {%- do fingerprints.update({row[0]: row[1] ~ ':' ~ rules}) -%}
    {%- endfor -%}
    {%- do plan.update({'fingerprints': fingerprints}) -%}
    {%- set existing = adapter.get_relation(database=this.database, schema=this.schema, identifier=this.identifier) -%}
    {%- if existing is none or flags.FULL_REFRESH or not is_incremental() -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- if '_file_fingerprint' not in adapter.get_columns_in_relation(existing) | map(attribute='name') | list -%}
        {{- return(plan) -}}
    {%- endif -%}
    {%- set stored = {} -%}
    {%- for row in run_query('select _source_file, max(_file_fingerprint) from ' ~ existing ~ ' group by _source_file').rows -%}
        {%- do stored.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {#- a row quarantined as future_date may be in the past now: its file is read again -#}
    {%- set dated = [] -%}
    {%- if 'future_date' in checks | map(attribute=0) | list -%}
        {%- for row in run_query("select distinct _source_file from " ~ existing ~ " where _invalid_reasons like '%future_date(%'").rows -%}
            {%- do dated.append(row[0]) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set unchanged = [] -%}
    {%- set changed = [] -%}
    {%- for name in order -%}
        {%- if stored.get(name) == fingerprints.get(name) and name not in dated -%}
            {%- do unchanged.append(name) -%}
        {%- else -%}
            {%- do changed.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set gone = stored.keys() | reject('in', unchanged) | list -%}
    {%- set affected = [] -%}
    {%- if key and unchanged and (changed or gone) -%}
        {%- set key_sources = [] -%}
        {%- if changed -%}
            {%- do key_sources.append('select ' ~ key | join(', ') ~ ' from (' ~ tietopohja.landing_checked_rows(
                source_name, table_name, columns, checks, required, changed) ~ ') as delivered where _invalid_reason is null') -%}
        {%- endif -%}
        {%- if gone -%}
            {%- do key_sources.append('select ' ~ key | join(', ') ~ ' from ' ~ existing ~ ' where _invalid_reason is null and _source_file in ('
                ~ tietopohja.landing_sql_list(gone) ~ ')') -%}
        {%- endif -%}
        {%- set conditions = [] -%}
        {%- for k in key -%}
            {%- do conditions.append(tietopohja.null_safe_equal('touched.' ~ k, 'stored.' ~ k)) -%}
        {%- endfor -%}
        {%- set query -%}
            with touched as ({{ key_sources | join(' union all ') }})
            select distinct stored._source_file
            from {{ existing }} as stored
            where
                stored._invalid_reason is null
                and stored._source_file in ({{ tietopohja.landing_sql_list(unchanged) }})
                and exists (select 1 from touched where {{ conditions | join(' and ') }})
        {%- endset -%}
        {%- for row in run_query(query).rows -%}{%- do affected.append(row[0]) -%}{%- endfor -%}
    {%- endif -%}
    {%- set read = [] -%}
    {%- set kept = [] -%}
    {%- for name in order -%}
        {%- if name in changed or name in affected -%}{%- do read.append(name) -%}{%- else -%}{%- do kept.append(name) -%}{%- endif -%}
    {%- endfor -%}
    {%- do plan.update({'incremental': true, 'read': read, 'kept': kept}) -%}
    {{- return(plan) -}}
{%- endmacro %}

{#- The config of a base model (models/staging/<system>/base/): on DuckDB
    incremental, its pre-hook deleting the rows of the files read again
    (landing_base_stale_rows) and the model's query appending their rows;
    on Spark, which reads every file every time, a table. -#}
{% macro landing_base_config(source_name, table_name) -%}
    {%- if tietopohja.landing_base_incremental() -%}
        {{- return({
            'materialized': 'incremental',
            'incremental_strategy': 'append',
            'on_schema_change': 'sync_all_columns',
            'pre_hook': "{{ tietopohja.landing_base_stale_rows('" ~ source_name ~ "', '" ~ table_name ~ "') }}",
        }) -}}
    {%- endif -%}
    {{- return({'materialized': 'table'}) -}}
{%- endmacro %}

{#- The pre-hook of a base model built on its previous table: the stored
    rows of every file the model reads again (changed, or sharing a key with
    a changed file) or that is no longer delivered are deleted; the files
    kept keep their rows, with their place in the order of the files
    (_file_order) brought up to date. The plan is landing_base_plan's, made
    again on the same files and the same table, so it is the one the
    model's query was compiled with. A build that reads every file again
    (the plan is not incremental: a new pseudonymisation key, rules or
    layout) deletes every row. -#}
{% macro landing_base_stale_rows(source_name, table_name) -%}
    {%- if not (execute and is_incremental()) -%}
        {{- return('select 1 as nothing_to_delete') -}}
    {%- endif -%}
    {%- set spec = tietopohja.landing_base_spec(source_name, table_name) -%}
    {%- set plan = tietopohja.landing_base_plan(source_name, table_name, spec.columns, spec.checks, spec.key,
        spec.required) -%}
    {%- if not (plan.incremental and plan.kept) -%}
        delete from {{ this }}
    {%- else -%}
        {%- set order = tietopohja.landing_file_order(plan.order, '_source_file') -%}
        delete from {{ this }}
        where _source_file not in ({{ tietopohja.landing_sql_list(plan.kept) }});
        update {{ this }}
        set _file_order = {{ order }}
        where _file_order <> {{ order }}
    {%- endif -%}
{%- endmacro %}

{#- Whether base models may keep the rows of unchanged files (DuckDB: the
    model is incremental, landing_base_config). Spark always reads every
    file. -#}
{% macro landing_base_incremental() -%}
    {{- return(adapter.dispatch('landing_base_incremental', 'tietopohja')()) -}}
{%- endmacro %}

{% macro default__landing_base_incremental() -%}
    {{- return(false) -}}
{%- endmacro %}

{% macro duckdb__landing_base_incremental() -%}
    {{- return(true) -}}
{%- endmacro %}

{#- The keyword that makes DuckDB compute a CTE once and keep its rows
    (DuckDB inlines a CTE otherwise; Spark has no such keyword). -#}
{% macro materialized_cte() -%}
    {{- return(adapter.dispatch('materialized_cte', 'tietopohja')()) -}}
{%- endmacro %}

{% macro default__materialized_cte() -%}
    {{- return('') -}}
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    {{- return('materialized ') -}}
{%- endmacro %}
