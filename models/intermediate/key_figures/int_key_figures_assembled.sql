
{#-
  Tunnusluvut koottuina — the themes' key-figure contributions in one long
  table, made dense: every published measure exists for the whole county
  (all breakdown columns NULL) at every grain and period of
  int_reporting_periods, and for every breakdown value the county has for the
  measure in any period. A missing count or sum is 0, a missing mean or rate
  NULL (seeds/rules/key_figure_measures.csv, `empty_value`). Values are
  rounded to 12 significant digits for publication (tietopohja.publish_round).
  `person_count`
  carries the number of persons behind the value for key_figures_public.
-#}
{%- set contributions = tietopohja.key_figure_contributions() -%}
{%- set columns = tietopohja.key_figure_columns() -%}

with contributions as (
    {%- for model in contributions %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        {%- for c in columns %}
        {{ c }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref(model) }}
    {%- else %}
    select
        cast(null as {{ dbt.type_string() }}) as county_code,
        cast(null as {{ dbt.type_string() }}) as measure_code,
        cast(null as {{ dbt.type_string() }}) as period_grain,
        cast(null as date) as period_start,
        cast(null as {{ dbt.type_string() }}) as service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        cast(null as {{ dbt.type_string() }}) as production_mode,
        cast(null as {{ dbt.type_string() }}) as municipality_code,
        cast(null as {{ tietopohja.type_double() }}) as value,
        cast(null as {{ dbt.type_bigint() }}) as person_count
    where 1 = 0
    {%- endfor %}
),

published_measures as (
    select
        measure_code,
        unit,
        empty_value,
        is_person_count
    from {{ ref('key_figure_measures') }}
    where theme in (
        {%- for model in contributions -%}
        '{{ model.split("__")[-1] }}'{{ ', ' if not loop.last }}
        {%- else -%}
        ''
        {%- endfor -%}
    )
),

counties as (
    select distinct county_code
    from {{ ref('int_reporting_periods') }}
),

breakdowns as (
    select
        counties.county_code,
        published_measures.measure_code,
        cast(null as {{ dbt.type_string() }}) as service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        cast(null as {{ dbt.type_string() }}) as production_mode,
        cast(null as {{ dbt.type_string() }}) as municipality_code
    from counties
    cross join published_measures
    union
    select distinct
        county_code,
        measure_code,
        service_code,
        segment,
        production_mode,
        municipality_code
    from contributions
),

dense as (
    select
        breakdowns.*,
        periods.period_grain,
        periods.period_start
    from breakdowns
    inner join {{ ref('int_reporting_periods') }} as periods
        on breakdowns.county_code = periods.county_code
)

select
    dense.county_code,
    dense.measure_code,
    dense.period_grain,
    dense.period_start,
    dense.service_code,
    dense.segment,
    dense.production_mode,
    dense.municipality_code,
    cast(
        case
            when contributions.value is not null
                then {{ tietopohja.publish_round('contributions.value') }}
            when published_measures.empty_value = 'zero' then 0
        end as {{ tietopohja.type_double() }}
    ) as value,
    cast(
        case
            when published_measures.is_person_count then coalesce(contributions.value, 0)
            else contributions.person_count
        end as {{ dbt.type_bigint() }}
    ) as person_count,
    published_measures.unit
from dense
inner join published_measures
    on dense.measure_code = published_measures.measure_code
left join contributions
    on
        {{ tietopohja.keys_match(
            'dense', 'contributions', ['county_code', 'measure_code', 'period_grain', 'period_start'],
            ['service_code', 'segment', 'production_mode', 'municipality_code']
        ) }}
