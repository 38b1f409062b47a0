{#- The themes' contribution models to key_figures (CONTRIBUTING.md,
    "Adding measures to key_figures"): `int_key_figures__<theme>` for every
    theme of the measure register (seeds/rules/key_figure_measure_register.csv,
    column `theme`), in theme order. The reading model writes the refs out
    (`-- depends_on:` lines), so dbt's lineage has them; a theme of the
    register without such a line or model stops the compilation.

    Read from the register at execution; where the register is not loaded
    yet (`dbt compile` on an empty database) from the reading model's
    `depends_on` contribution models. Empty while dbt parses. -#}
{% macro key_figure_contributions() -%}
    {%- if not execute -%}
        {{- return([]) -}}
    {%- endif -%}
    {%- set prefix = 'int_key_figures__' -%}
    {%- set register = load_relation(ref('key_figure_measure_register')) -%}
    {%- if register is not none -%}
        {%- set themes = run_query(
            'select distinct theme from ' ~ register ~ ' where theme is not null order by theme'
        ).columns[0].values() | list -%}
    {%- else -%}
        {%- set themes = [] -%}
        {%- for node_id in model.depends_on.nodes | sort -%}
            {%- set name = node_id.split('.')[-1] -%}
            {%- if node_id.startswith('model.') and name.startswith(prefix) -%}
                {%- do themes.append(name[prefix | length:]) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set models = [] -%}
    {%- for theme in themes -%}
        {%- do models.append(prefix ~ theme) -%}
    {%- endfor -%}
    {{- return(models) -}}
{%- endmacro %}

{#- The key of a key_figures row: the measure, the period and the breakdown. -#}
{% macro key_figure_keys() -%}
    {{- return(['county_code', 'measure_code', 'period_grain', 'period_start', 'service_code',
        'segment', 'production_mode', 'municipality_code']) -}}
{%- endmacro %}

{#- The columns of a contribution model, in order. -#}
{% macro key_figure_columns() -%}
    {{- return(['county_code', 'measure_code', 'period_grain', 'period_start', 'service_code',
        'segment', 'production_mode', 'municipality_code', 'value', 'person_count']) -}}
{%- endmacro %}

{#- The component slots every contribution model outputs after
    key_figure_columns() (doubles, NULL where the measure has none): the
    sums the value is made of, computed in the same query as the value
    (one road per measure). A ratio: value = numerator / denominator × the
    scale of the register's `formula`; an additive measure: value = the sum
    of its addends; context slots explain and do not enter the value. What
    a slot holds for each measure: seeds/rules/key_figure_component_slots.csv;
    the mart key_figure_components shows them in long form. -#}
{% macro key_figure_component_slots() -%}
    {{- return(['numerator', 'denominator', 'addend_1', 'addend_2', 'addend_3', 'context_1', 'context_2']) -}}
{%- endmacro %}

{#- The slots as columns: `expressions` maps a slot to its SQL expression;
    the others are NULL. -#}
{% macro key_figure_component_values(expressions) -%}
    {%- for slot in tietopohja.key_figure_component_slots() %}
    cast({{ expressions.get(slot, 'null') }} as {{ tietopohja.type_double() }}) as {{ slot }}
    {{- ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- Small-number rule of publishable marts: a count of persons from 1 to 4 is
    suppressed, and so is any measure computed from such a count. -#}
{% macro is_small_number(expr) -%}
    ({{ expr }} >= {{ var('suppression_min', 1) }} and {{ expr }} <= {{ var('suppression_max', 4) }})
{%- endmacro %}

{#- Published values are deterministic: 12 significant digits (a cent up to
    10 000 000 000 €). Floating-point sums on parallel threads differ in
    their last bits from run to run; rounding here makes the same files give
    the same key figures (idempotency). -#}
{% macro publish_round(value) -%}
    {{ return(adapter.dispatch('publish_round', 'tietopohja')(value)) }}
{%- endmacro %}

{#- DuckDB (and Trino) round to a computed number of decimals. -#}
{% macro default__publish_round(value) -%}
    case
        when {{ value }} is null or {{ value }} = 0 then {{ value }}
        else round({{ value }}, 11 - cast(floor(log10(abs({{ value }}))) as {{ dbt.type_int() }}))
    end
{%- endmacro %}

{#- Spark's round() takes only a constant scale: scale by the power of ten,
    round to an integer and scale back (how DuckDB rounds a double). -#}
{% macro spark__publish_round(value) -%}
    {%- set digits = '(11 - cast(floor(log10(abs(' ~ value ~ '))) as int))' -%}
    case
        when {{ value }} is null or {{ value }} = 0 then {{ value }}
        when {{ digits }} >= 0 then round({{ value }} * power(10, {{ digits }})) / power(10, {{ digits }})
        else round({{ value }} / power(10, -{{ digits }})) * power(10, -{{ digits }})
    end
{%- endmacro %}

{#- The smallest non-zero of several counts (NULL when all are 0): the count
    of persons a measure computed from them is judged by for suppression. -#}
{% macro smallest_nonzero(exprs) -%}
    least(
        {%- for e in exprs %}
        nullif({{ e }}, 0){{ ',' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}
