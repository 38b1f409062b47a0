{#- The `breakdown` of a key-figure row: `total`, or the names of the
    breakdown columns that are not NULL, in column order (service_code,
    segment, production_mode, municipality_code), joined by `+`
    (minimum-data spec, "Published key figures", v1.1). `alias` prefixes the
    columns ('' for none). -#}
{% macro breakdown_name(alias='') -%}
    {%- set p = alias ~ '.' if alias else '' -%}
    {%- set names = [('service_code', 'service'), ('segment', 'segment'),
        ('production_mode', 'production_mode'), ('municipality_code', 'municipality')] -%}
    case
        when
            {%- for column, _ in names %}
            {{ p }}{{ column }} is null{{ ' and' if not loop.last }}
            {%- endfor %}
            then 'total'
        else concat_ws(
            '+',
            {%- for column, name in names %}
            case when {{ p }}{{ column }} is not null then '{{ name }}' end{{ ',' if not loop.last }}
            {%- endfor %}
        )
    end
{%- endmacro %}

{#- The value status of a measure that reads several source groups, from
    the groups' statuses of one period (aggregate over the groups;
    `groups_needed` is `any` for a sum over groups, `all` for a ratio's
    sides;
    minimum-data spec, "Coverage"). -#}
{% macro combined_value_status(status, groups_needed) -%}
    case
        when sum(case when {{ status }} = 'complete' then 1 else 0 end) = count(*) then 'complete'
        when
            {{ groups_needed }} = 'all'
            and sum(case when {{ status }} = 'not_delivered' then 1 else 0 end) > 0
            then 'not_delivered'
        when sum(case when {{ status }} <> 'not_delivered' then 1 else 0 end) = 0 then 'not_delivered'
        else 'partial'
    end
{%- endmacro %}

{#- The groups of a register row's `source_group` (`ledger+population`) that
    include the group `group_expr`: a join condition. -#}
{% macro reads_source_group(source_group_expr, group_expr) -%}
    {{ dbt.concat(["'+'", source_group_expr, "'+'"]) }} like {{ dbt.concat(["'%+'", group_expr, "'+%'"]) }}
{%- endmacro %}

{#- A month as a number (months since year 0): the difference of two is the
    number of months between them. -#}
{% macro month_number(expr) -%}
    (extract(year from {{ expr }}) * 12 + extract(month from {{ expr }}))
{%- endmacro %}

{#- The value_status column of a themed mart's period row (minimum-data
    spec, "Coverage": every mart with period rows carries it): the statuses
    of the source groups `groups` in the row's county and period
    (int_source_coverage_periods) combined by `groups_needed` (`any` for a
    sum over groups, `all` for a ratio or a measure that needs every
    group). `relation`: the alias of the select's relation holding
    county_code, period_grain and period_start. -#}
{% macro value_status_column(groups, groups_needed='any', relation=none) -%}
    {%- set p = relation ~ '.' if relation else '' -%}
    (
        select {{ tietopohja.combined_value_status('coverage.value_status', "'" ~ groups_needed ~ "'") }}
        from {{ ref('int_source_coverage_periods') }} as coverage
        where
            coverage.county_code = {{ p }}county_code
            and coverage.period_grain = {{ p }}period_grain
            and coverage.period_start = {{ p }}period_start
            and coverage.source_group in ('{{ groups | join("', '") }}')
    )
{%- endmacro %}

{#- A value of a themed mart's row, NULL where the row's value_status
    (`status`) is `not_delivered`: no 0 where nothing was delivered
    (minimum-data spec, "Coverage"). A NULL status (no coverage rows, e.g.
    in unit tests) keeps the value. -#}
{% macro delivered(value_expr, status='value_status') -%}
    case when {{ status }} = 'not_delivered' then null else {{ value_expr }} end
{%- endmacro %}

{#- The value_status column of a themed mart's period row from a source-group
    expression as in the measure register (seeds/rules/key_figure_measure_register.csv,
    `source_group`): `+` joins groups summed together (`any`), `/` the sides
    of a ratio (each side must be delivered: `all`), e.g.
    `ledger/patient+social`. `relation` as in value_status_column. -#}
{% macro source_group_value_status(source_group, relation=none) -%}
    {%- set sides = source_group.split('/') -%}
    {%- if sides | length == 1 -%}
        {{ tietopohja.value_status_column(sides[0].split('+'), 'any', relation) }}
    {%- else -%}
        {%- set statuses = [] -%}
        {%- for side in sides -%}
            {%- do statuses.append(tietopohja.value_status_column(side.split('+'), 'any', relation)) -%}
        {%- endfor -%}
    case
        when
            {%- for s in statuses %}
            {{ s }} = 'complete'{{ ' and' if not loop.last }}
            {%- endfor %}
            then 'complete'
        when
            {%- for s in statuses %}
            {{ s }} = 'not_delivered'{{ ' or' if not loop.last }}
            {%- endfor %}
            then 'not_delivered'
        else 'partial'
    end
    {%- endif -%}
{%- endmacro %}
