
{#-
  Tunnusluvut koottuina — the themes' key-figure contributions in one long
  table, made dense: every published measure exists for the whole county
  (all breakdown columns NULL) at every grain and period of
  int_reporting_periods, and for every breakdown value the county has for the
  measure in any period. A missing count or sum is 0, a missing mean or rate
  NULL (seeds/rules/key_figure_measure_register.csv, `empty_value`). Values are
  rounded to 12 significant digits for publication (tietopohja.publish_round).
  `person_count`
  carries the number of persons behind the value for key_figures_public.
  The component slots (tietopohja.key_figure_component_slots: numerator,
  denominator, addends, context) come with the value from its contribution
  row, unrounded; NULL where the value is NULL or filled in (a 0 without a
  row: no addends, which sum to 0); for a partial quarter or year of an
  additive measure, the sums of its covered months' slots, as the value.
  key_figures leaves them out; key_figure_components shows them.
-#}
{%- set contributions = tietopohja.key_figure_contributions() -%}
{%- set slots = tietopohja.key_figure_component_slots() -%}
{%- set columns = tietopohja.key_figure_columns() + slots %}
-- the contribution models, one per theme of the measure register
-- (tietopohja.key_figure_contributions()):
-- depends_on: {{ ref('int_key_figures__availability') }}
-- depends_on: {{ ref('int_key_figures__coordination') }}
-- depends_on: {{ ref('int_key_figures__costs') }}
-- depends_on: {{ ref('int_key_figures__need') }}
-- depends_on: {{ ref('int_key_figures__personnel') }}

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
        cast(null as {{ dbt.type_bigint() }}) as person_count,
        {%- for slot in slots %}
        cast(null as {{ tietopohja.type_double() }}) as {{ slot }}{{ ',' if not loop.last }}
        {%- endfor %}
    where 1 = 0
    {%- endfor %}
),

published_measures as (
    select
        measure_code,
        unit,
        empty_value,
        is_person_count,
        source_group,
        adds_over_months
    from {{ ref('key_figure_measure_register') }}
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
),

measure_sides as (
    {#- a ratio's source groups: numerator / denominator; each side a sum
        over its groups joined by + -#}
    {%- set slash = dbt.position("'/'", 'source_group') %}
    select
        measure_code,
        1 as side,
        case
            when {{ slash }} > 0 then substring(source_group, 1, {{ slash }} - 1)
            else source_group
        end as side_groups
    from published_measures
    union all
    select
        measure_code,
        2 as side,
        substring(source_group, {{ slash }} + 1, {{ dbt.length('source_group') }}) as side_groups
    from published_measures
    where {{ slash }} > 0
),

side_status as (
    {#- a side is delivered where any of its groups covers the period -#}
    select
        coverage.county_code,
        measure_sides.measure_code,
        measure_sides.side,
        coverage.period_grain,
        coverage.period_start,
        {{ tietopohja.combined_value_status('coverage.value_status', "'any'") }} as value_status
    from {{ ref('int_source_coverage_periods') }} as coverage
    inner join measure_sides
        on {{ tietopohja.reads_source_group('measure_sides.side_groups', 'coverage.source_group') }}
    group by
        coverage.county_code,
        measure_sides.measure_code,
        measure_sides.side,
        coverage.period_grain,
        coverage.period_start
),

measure_status as (
    {#- the status of each measure in each period: a ratio is delivered
        where both its sides are (int_source_coverage_periods) -#}
    select
        county_code,
        measure_code,
        period_grain,
        period_start,
        {{ tietopohja.combined_value_status('value_status', "'all'") }} as value_status
    from side_status
    group by
        county_code,
        measure_code,
        period_grain,
        period_start
),

valued as (
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
        published_measures.unit,
        published_measures.adds_over_months,
        {%- for slot in slots %}
        contributions.{{ slot }}{{ ',' if not loop.last }}
        {%- endfor %}
    from dense
    inner join published_measures
        on dense.measure_code = published_measures.measure_code
    left join contributions
        on
            {{ tietopohja.keys_match(
                'dense', 'contributions', ['county_code', 'measure_code', 'period_grain', 'period_start'],
                ['service_code', 'segment', 'production_mode', 'municipality_code']
            ) }}
),

statused as (
    select
        valued.*,
        measure_status.value_status
    from valued
    inner join measure_status
        on
            valued.county_code = measure_status.county_code
            and valued.measure_code = measure_status.measure_code
            and valued.period_grain = measure_status.period_grain
            and valued.period_start = measure_status.period_start
),

covered_months as (
    {#- the months of a partly covered quarter or year that hold a value -#}
    select
        county_code,
        measure_code,
        period_start as month_start,
        service_code,
        segment,
        production_mode,
        municipality_code,
        value,
        {%- for slot in slots %}
        {{ slot }}{{ ',' if not loop.last }}
        {%- endfor %}
    from statused
    where
        period_grain = 'month'
        and adds_over_months
        and value_status <> 'not_delivered'
),

partial_sums as (
    {#- a quarter or year partly outside the coverage, of a measure that adds
        up over months: the sum of its covered months -#}
    select
        partial_periods.county_code,
        partial_periods.measure_code,
        partial_periods.period_grain,
        partial_periods.period_start,
        partial_periods.service_code,
        partial_periods.segment,
        partial_periods.production_mode,
        partial_periods.municipality_code,
        sum(covered_months.value) as value,
        {%- for slot in slots %}
        sum(covered_months.{{ slot }}) as {{ slot }}{{ ',' if not loop.last }}
        {%- endfor %}
    from statused as partial_periods
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            partial_periods.county_code = periods.county_code
            and partial_periods.period_grain = periods.period_grain
            and partial_periods.period_start = periods.period_start
    inner join covered_months
        on
            {{ tietopohja.keys_match(
                'partial_periods', 'covered_months', ['county_code', 'measure_code'],
                ['service_code', 'segment', 'production_mode', 'municipality_code']
            ) }}
            and {{ tietopohja.in_period('covered_months') }}
    where
        partial_periods.period_grain <> 'month'
        and partial_periods.adds_over_months
        and partial_periods.value_status = 'partial'
    group by
        partial_periods.county_code,
        partial_periods.measure_code,
        partial_periods.period_grain,
        partial_periods.period_start,
        partial_periods.service_code,
        partial_periods.segment,
        partial_periods.production_mode,
        partial_periods.municipality_code
)

select
    statused.county_code,
    statused.measure_code,
    statused.period_grain,
    statused.period_start,
    statused.service_code,
    statused.segment,
    statused.production_mode,
    statused.municipality_code,
    {{ tietopohja.breakdown_name('statused') }} as breakdown,
    cast(
        case
            when statused.value_status = 'not_delivered' then null
            when partial_sums.county_code is not null then {{ tietopohja.publish_round('partial_sums.value') }}
            else statused.value
        end as {{ tietopohja.type_double() }}
    ) as value,
    case when statused.value_status <> 'not_delivered' then statused.person_count end as person_count,
    statused.unit,
    statused.value_status,
    {%- for slot in slots %}
    cast(
        case
            when statused.value_status = 'not_delivered' then null
            when partial_sums.county_code is not null then partial_sums.{{ slot }}
            else statused.{{ slot }}
        end as {{ tietopohja.type_double() }}
    ) as {{ slot }}{{ ',' if not loop.last }}
    {%- endfor %}
from statused
left join partial_sums
    on
        {{ tietopohja.keys_match(
            'statused', 'partial_sums', ['county_code', 'measure_code', 'period_grain', 'period_start'],
            ['service_code', 'segment', 'production_mode', 'municipality_code']
        ) }}
