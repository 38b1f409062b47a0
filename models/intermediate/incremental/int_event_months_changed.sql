{#-
  Muuttuneet kuukaudet — which months of the event entities changed since
  the last committed build (macros/incremental/months_changed.sql; CONTRIBUTING,
  "Monthly deliveries"). One row per part and month:

  - part = a staging model of the event entities, month_start = a month of
    its event_time: the staged rows of that month, counted and digested;
  - part = '__config__': the code, seeds and vars (a digest made when the
    model is compiled), the project version and the mapping tables.

  is_changed: the row differs from the committed one or is new or gone (a
  gone row has no row_count); every row when `__config__` changed or
  nothing was committed (the first build, --full-refresh). The on-run-end
  hook commit_event_months keeps this table as the state the next build
  compares with. In schema build_state: the state of a build, no figure.
  The last month of each county's event data is in int_event_data_end_changed
  (it comes from the coverage, which reads int_client_events_mapped).
-#}
{{ config(schema='build_state') }}

{#- `hash(<alias>)`: in DuckDB a table alias used as a value is the whole
    row (a struct), which sqlfluff does not see as a use of the alias
    (noqa: AL05). -#}
with mapping as (
    select {{ tietopohja.rows_digest('units') }} as digest
    from {{ ref('int_units_mapped') }} as units  -- noqa: AL05
    union all
    select {{ tietopohja.rows_digest('centres') }} as digest
    from {{ ref('int_cost_centers_mapped') }} as centres  -- noqa: AL05
    union all
    select {{ tietopohja.rows_digest('services') }} as digest
    from {{ ref('int_services_classified') }} as services  -- noqa: AL05
),

current_state as (
    {%- for model, spec in tietopohja.event_month_sources().items() %}
    select
        '{{ model }}' as part,
        {{ tietopohja.event_month_key('staged.' ~ spec.month) }} as month_start,
        cast(count(*) as {{ dbt.type_bigint() }}) as row_count,
        {{ tietopohja.rows_digest('staged', spec.also) }} as digest
    from {{ ref(model) }} as staged
    group by {{ tietopohja.event_month_key('staged.' ~ spec.month) }}
    union all
    {%- endfor %}
    select
        '__config__' as part,
        cast(null as date) as month_start,
        cast(1 as {{ dbt.type_bigint() }}) as row_count,
        {{ tietopohja.config_digest_expr(["'" ~ tietopohja.event_months_config_digest() ~ "'"]) }}
        + sum(digest) as digest
    from mapping
)

{{ tietopohja.compared_with_committed('current_state', has_config=true) }}
