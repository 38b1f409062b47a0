{#-
  Monthly deliveries after the base layer (CONTRIBUTING, "Monthly
  deliveries"): the event-heavy intermediate models rebuild only the months
  whose staged rows changed since the last committed build.

  int_event_months_changed (schema build_state) holds, per event entity and
  month of its event_time, the row count and a digest (the sum of a hash of
  every staged row) of the staged rows, and one `__config__` row: the
  digest of the code, the seeds, the vars, the project version and the
  mapping tables. int_event_data_end_changed holds per county the last
  month of the event data (open stays run to its end). Each row is compared
  with the state the last successful build committed
  (build_state.<model>_committed, written by the on-run-end hook
  commit_event_months): is_changed marks the months that differ, appeared
  or disappeared; when the `__config__` row differs, every month is changed.

  A model opts in with materialized=incremental_by_month_materialized(),
  incremental_strategy='append' and a pre-hook delete_changed_months(...),
  and filters what it reads with in_changed_months, in_changed_output_months
  or period_not_built; the pre-hook deletes the stale rows with the same
  rule (CONTRIBUTING shows the config).
-#}

{#- The event entities whose months are tracked: staging model -> the column
    that dates a row (its source's event_time), and the expressions hashed
    beside the row (the staging model aliased `staged`) for what the
    intermediate models derive from more than the row: a service period
    ending after the cutoff day (future_date_cutoff: today) counts as open.
    A new event entity of int_client_events_mapped goes here and in
    event_month_types. -#}
{% macro event_month_sources() -%}
    {{ return({
        'stg_patient__contacts': {'month': 'contacted_at', 'also': []},
        'stg_patient__visits': {'month': 'visit_at', 'also': []},
        'stg_patient__referrals': {'month': 'received_at', 'also': []},
        'stg_patient__inpatient_episodes': {'month': 'admitted_at', 'also': []},
        'stg_social__cases': {'month': 'pending_at', 'also': []},
        'stg_social__service_periods': {'month': 'start_date',
            'also': ['staged.end_date <= ' ~ tietopohja.future_date_cutoff()]},
    }) }}
{%- endmacro %}

{#- The event types of int_client_events_mapped, by staging model. -#}
{% macro event_month_types() -%}
    {{ return({
        'contact': 'stg_patient__contacts',
        'visit': 'stg_patient__visits',
        'referral': 'stg_patient__referrals',
        'inpatient_episode': 'stg_patient__inpatient_episodes',
        'social_case': 'stg_social__cases',
        'service_period': 'stg_social__service_periods',
    }) }}
{%- endmacro %}

{#- The month a date or timestamp belongs to (a missing date: a month of its own). -#}
{% macro event_month_key(expr) -%}
    coalesce(cast({{ dbt.date_trunc('month', expr) }} as date), cast('0001-01-01' as date))
{%- endmacro %}

{#- Materialisation of a model incremental by month: on DuckDB an
    incremental model (its pre-hook delete_changed_months deletes the
    changed months, then what its query selects is appended); on Spark and
    any other engine a table (every month is rebuilt). -#}
{% macro incremental_by_month_materialized() -%}
    {{ return(adapter.dispatch('incremental_by_month_materialized', 'tietopohja')()) }}
{%- endmacro %}

{% macro duckdb__incremental_by_month_materialized() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro default__incremental_by_month_materialized() -%}
    {{ return('table') }}
{%- endmacro %}

{#- The pre-hook of a model incremental by month: delete the rows the
    condition marks stale (rendered at execute time; the model's columns
    qualified as `stale.<column>`: a column name alone could be the state
    table's own). -#}
{% macro delete_changed_months(condition) -%}
    {%- if execute and tietopohja.incremental_month_run() -%}
        delete from {{ this }} as stale where {{ condition }}
    {%- else -%}
        select 1 as nothing_to_delete
    {%- endif -%}
{%- endmacro %}

{#- Refs both state models (the lineage must have them whether or not the
    build is incremental; int_client_events_mapped, upstream of the
    coverage, reads only int_event_months_changed). -#}
{% macro event_state_refs() -%}
    {%- if tietopohja.in_unit_test() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- do ref('int_event_data_end_changed') -%}
    {{ return(ref('int_event_months_changed')) }}
{%- endmacro %}

{#- True in an incremental run of a model incremental by month (false in a
    full build and in a unit test). -#}
{% macro incremental_month_run() -%}
    {{ return(not tietopohja.in_unit_test() and is_incremental()) }}
{%- endmacro %}

{#- A unit test compiles the model with fixtures for the refs it gives: the
    state models are none of them (a unit test builds no incremental run). -#}
{% macro in_unit_test() -%}
    {{ return(model is defined and model is mapping and model.get('resource_type') == 'unit_test') }}
{%- endmacro %}

{#- True for a row whose month (`month_expr`) is a changed month of the
    staging model named by the SQL expression `part_expr`; `true` in a full
    build. Always refs the state, so the lineage has it. -#}
{% macro in_changed_months(month_expr, part_expr) -%}
    {%- if tietopohja.in_unit_test() -%}
        {{ return('true') }}
    {%- endif -%}
    {%- set state = ref('int_event_months_changed') -%}
    {%- if tietopohja.incremental_month_run() -%}
        exists (
            select 1
            from {{ state }} as changed
            where
                changed.is_changed
                and changed.part = {{ part_expr }}
                and changed.month_start = {{ tietopohja.event_month_key(month_expr) }}
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- in_changed_months for a row of int_client_events_mapped (its event_type
    names the staging model). -#}
{% macro in_changed_event_months(event_type_expr, month_expr) -%}
    {%- set part -%}
        case {{ event_type_expr }}
        {%- for event_type, model in tietopohja.event_month_types().items() %}
            when '{{ event_type }}' then '{{ model }}'
        {%- endfor %}
        end
    {%- endset -%}
    {{ tietopohja.in_changed_months(month_expr, part) }}
{%- endmacro %}

{#- The first day from which stays' days (care days, service days) are
    rebuilt: the first changed month of the ward episodes or service periods
    (a stay's days run from its start month on), or the month after the
    earlier of an old and a new end of a county's event data (open stays run
    to it). '9999-12-31' when none changed. -#}
{% macro stay_days_rebuilt_from() -%}
    (
        select
            coalesce(
                min(
                    case
                        when changed.part in ('stg_patient__inpatient_episodes', 'stg_social__service_periods')
                            then changed.month_start
                        when changed.part like 'data_end:%'
                            then cast({{ dbt.dateadd('month', 1, 'changed.month_start') }} as date)
                    end
                ),
                cast('9999-12-31' as date)
            )
        from (
            select part, month_start from {{ ref('int_event_months_changed') }} where is_changed
            union all
            select part, month_start from {{ ref('int_event_data_end_changed') }} where is_changed
        ) as changed
    )
{%- endmacro %}

{#- True for an output (int_outputs_expanded) or a month of outputs whose
    rows a changed month may alter: a visit in a changed month of the
    visits, a care or service day on or after stay_days_rebuilt_from().
    `output_type_expr` none: the row is a month of outputs of every type. -#}
{% macro in_changed_output_months(date_expr, output_type_expr=none) -%}
    {%- do tietopohja.event_state_refs() -%}
    {%- set visits = tietopohja.in_changed_months(date_expr, "'stg_patient__visits'") -%}
    {%- if tietopohja.incremental_month_run() -%}
        {%- set stays = date_expr ~ ' >= ' ~ tietopohja.stay_days_rebuilt_from() -%}
        {%- if output_type_expr is none -%}
            ({{ visits }} or {{ stays }})
        {%- else -%}
            (({{ output_type_expr }} = 'visit' and {{ visits }})
                or ({{ output_type_expr }} <> 'visit' and {{ stays }}))
        {%- endif -%}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- True for a period (county, grain, start, end of `periods`, a relation of
    int_reporting_periods' shape) that holds a changed month of outputs. -#}
{% macro period_holds_changed_outputs(periods) -%}
    {%- if tietopohja.incremental_month_run() -%}
        (
            {{ periods }}.period_end >= {{ tietopohja.stay_days_rebuilt_from() }}
            or exists (
                select 1
                from {{ ref('int_event_months_changed') }} as changed
                where
                    changed.is_changed
                    and changed.part = 'stg_patient__visits'
                    and changed.month_start between {{ periods }}.period_start and {{ periods }}.period_end
            )
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- The digest of everything a model incremental by month derives from
    besides the staged event rows, known when the model is compiled: every
    model's and seed's checksum (code and rules), the vars the models read
    and the vars given on the command line (with the project's version,
    config_digest_expr). A change makes every month changed (a full rebuild
    of these models). dbt's graph has no macros: a changed macro is a new
    project version, or needs --full-refresh. -#}
{% macro event_months_config_digest() -%}
    {%- set parts = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
            {%- if node.resource_type in ('model', 'seed') and node.package_name == project_name -%}
                {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for name in ['calendar_first_year', 'calendar_last_year', 'hr_newer_layout', 'hr_newer_absence_layout',
            'unmapped_severity', 'suppression_min', 'suppression_max', 'future_date_cutoff',
            'personnel_full_time_week_hours', 'costs_administration_aura_class',
            'outpatient_visit_contact_types', 'personnel_first_month'] -%}
            {%- do parts.append(name ~ '=' ~ tojson(var(name, none))) -%}
        {%- endfor -%}
        {%- do parts.append('cli=' ~ tojson(invocation_args_dict.get('vars'))) -%}
    {%- endif -%}
    {{ return(local_md5(parts | join('\n'))) }}
{%- endmacro %}

{#- The digest of a relation's rows (order-free): sum of a hash of each row
    and of the expressions `also` beside it. -#}
{% macro rows_digest(alias, also=[]) -%}
    {{ return(adapter.dispatch('rows_digest', 'tietopohja')(alias, also)) }}
{%- endmacro %}

{% macro duckdb__rows_digest(alias, also=[]) -%}
    coalesce(cast(sum(hash({{ ([alias] + also) | join(', ') }})) as hugeint), 0)
{%- endmacro %}

{#- Spark (and any other engine): no digest; the models are tables and every
    month counts as changed. -#}
{% macro default__rows_digest(alias, also=[]) -%}
    cast(null as {{ tietopohja.digest_type() }})
{%- endmacro %}

{#- The type of a digest. -#}
{% macro digest_type() -%}
    {{ return(adapter.dispatch('digest_type', 'tietopohja')()) }}
{%- endmacro %}

{% macro default__digest_type() -%}
    {{ return('decimal(38, 0)') }}
{%- endmacro %}

{% macro duckdb__digest_type() -%}
    {{ return('hugeint') }}
{%- endmacro %}

{#- The digest of the texts `exprs` and the project's version. -#}
{% macro config_digest_expr(exprs) -%}
    {{ return(adapter.dispatch('config_digest_expr', 'tietopohja')(exprs)) }}
{%- endmacro %}

{% macro default__config_digest_expr(exprs) -%}
    cast(null as {{ tietopohja.digest_type() }})
{%- endmacro %}

{% macro duckdb__config_digest_expr(exprs) -%}
    cast(hash({{ (exprs + ['tietopohja_project_version()']) | join(', ') }}) as hugeint)
{%- endmacro %}

{#- The final query of a state model (int_event_months_changed,
    int_event_data_end_changed): the CTE `current_state` (part, month_start,
    row_count, digest) compared with the state the last successful build
    committed (<model>_committed; empty on the first build, with
    --full-refresh and on Spark). has_config: a `__config__` row whose
    change marks every row changed. -#}
{% macro compared_with_committed(current_state, has_config) -%}
, committed as (
    {{ tietopohja.committed_state() }}
),

config_changed as (
    {%- if has_config %}
    select count(*) = 0 as is_changed
    from {{ current_state }}
    inner join committed
        on
            {{ current_state }}.part = '__config__'
            and committed.part = '__config__'
            and {{ current_state }}.digest = committed.digest
    {%- else %}
    select false as is_changed
    {%- endif %}
)

select
    coalesce({{ current_state }}.part, committed.part) as part,
    coalesce({{ current_state }}.month_start, committed.month_start) as month_start,
    {{ current_state }}.row_count,
    {{ current_state }}.digest,
    (
        config_changed.is_changed
        or {{ current_state }}.part is null
        or committed.part is null
        or {{ current_state }}.row_count <> committed.row_count
        or {{ current_state }}.digest is null
        or {{ current_state }}.digest <> committed.digest
    ) as is_changed
from {{ current_state }}
full outer join committed
    on
        {{ current_state }}.part = committed.part
        and coalesce({{ current_state }}.month_start, cast('0001-01-01' as date))
        = coalesce(committed.month_start, cast('0001-01-01' as date))
cross join config_changed
{%- endmacro %}

{#- The state models and the table each commits to. -#}
{% macro state_models() -%}
    {{ return(['int_event_months_changed', 'int_event_data_end_changed']) }}
{%- endmacro %}

{% macro committed_state() -%}
    {{ return(adapter.dispatch('committed_state', 'tietopohja')()) }}
{%- endmacro %}

{% macro duckdb__committed_state() -%}
    {%- set committed = adapter.get_relation(database=this.database, schema=this.schema,
        identifier=this.identifier ~ '_committed') if execute else none -%}
    {%- if committed is not none and not flags.FULL_REFRESH -%}
        select part, month_start, row_count, digest from {{ committed }}
    {%- else -%}
        select
            cast(null as varchar) as part,
            cast(null as date) as month_start,
            cast(null as bigint) as row_count,
            cast(null as hugeint) as digest
        where false
    {%- endif -%}
{%- endmacro %}

{% macro default__committed_state() -%}
    select
        cast(null as {{ dbt.type_string() }}) as part,
        cast(null as date) as month_start,
        cast(null as {{ dbt.type_bigint() }}) as row_count,
        cast(null as {{ tietopohja.digest_type() }}) as digest
    where false
{%- endmacro %}

{#- on-run-end: commit int_event_months_changed as the state the next build
    compares with, when it and every model reading it were built in this
    invocation (a partial or failed run commits nothing: the next build
    rebuilds the months changed since the last commit, again). -#}
{% macro commit_event_months() -%}
    {{ return(adapter.dispatch('commit_event_months', 'tietopohja')()) }}
{%- endmacro %}

{% macro default__commit_event_months() -%}
    select 1 as tietopohja_event_months
{%- endmacro %}

{% macro duckdb__commit_event_months() -%}
    {%- if not execute or flags.WHICH not in ['build', 'run'] or invocation_args_dict.get('empty') -%}
        {{ return('select 1 as tietopohja_event_months') }}
    {%- endif -%}
    {%- set states = [] -%}
    {%- for name in tietopohja.state_models() -%}
        {%- do states.append('model.' ~ project_name ~ '.' ~ name) -%}
    {%- endfor -%}
    {%- set needed = states[:] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.unique_id not in states -%}
            {%- for state_id in states if state_id in node.depends_on.nodes and node.unique_id not in needed -%}
                {%- do needed.append(node.unique_id) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set built = [] -%}
    {%- for r in results -%}
        {%- if r.node and r.status == 'success' and r.node.unique_id in needed -%}
            {%- do built.append(r.node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if built | length == needed | length -%}
        {%- do adapter.ensure_transaction() -%}
        {%- for state_id in states -%}
            {%- set node = graph.nodes[state_id] -%}
            {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
            {%- set committed = api.Relation.create(database=node.database, schema=node.schema,
                identifier=node.alias ~ '_committed') -%}
            {%- do run_query('create or replace table ' ~ committed ~ ' as select part, month_start, row_count, digest from '
                ~ relation ~ ' where row_count is not null') -%}
        {%- endfor -%}
        {%- do adapter.commit() -%}
    {%- endif -%}
    select 1 as tietopohja_event_months
{%- endmacro %}

{#- The pre-hook condition of a model keyed by reporting period (`stale`,
    the model, has county_code, period_grain, period_start, period_end): its rows of a
    period that holds a changed month of outputs, or of a period that is no
    longer a reporting period. -#}
{% macro period_output_rows_stale() -%}
    {%- set built = 'stale' -%}
    (
        {{ tietopohja.period_holds_changed_outputs(built) }}
        or not exists (
            select 1
            from {{ ref('int_reporting_periods') }} as periods
            where
                periods.county_code = {{ built }}.county_code
                and periods.period_grain = {{ built }}.period_grain
                and periods.period_start = {{ built }}.period_start
        )
    )
{%- endmacro %}

{#- True for a reporting period (`periods`) that the model keyed by period
    has no rows of (after its pre-hook deleted the stale ones): the periods
    to compute. `true` in a full build. -#}
{% macro period_not_built(periods) -%}
    {%- do tietopohja.event_state_refs() -%}
    {%- if tietopohja.incremental_month_run() -%}
        not exists (
            select 1
            from {{ this }} as built
            where
                built.county_code = {{ periods }}.county_code
                and built.period_grain = {{ periods }}.period_grain
                and built.period_start = {{ periods }}.period_start
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
