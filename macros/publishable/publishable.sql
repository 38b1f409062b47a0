{#-
  Julkaistavat versiot — the publishable (`<mart>_public`) versions of the
  themed marts (minimum-data spec, "Small numbers and privacy").

  The rule is tietopohja.is_small_number() (macros/key_figures): a count of
  persons from var suppression_min to var suppression_max (1–4) is hidden,
  and so is every measure computed from such a count. 0 is shown.

  publishable_mart(source_relation, key_columns, keep, person_counts,
  computed, changes) is the whole select of a `<mart>_public` model:

  - `source_relation`: the internal mart;
  - `key_columns`: its breakdown columns besides period_grain and
    period_start (as in its tietopohja.period_changes call);
  - `keep`: columns passed through unchanged (keys, names, euros, HTV,
    residents: official population statistics, as in key_figures);
  - `person_counts`: {column: [further person counts]} — a count of persons,
    or of persons' events (waits, discharges, responses: a count of 1–4
    events concerns 1–4 persons): NULL when it is 1–4, or when one of the
    listed counts is (e.g. discharges hidden when the persons discharged
    are few);
  - `computed`: {column: [person counts]} — a value computed from those
    counts of the same row (a rate, a mean, the outputs or euros of those
    persons): NULL when any of them is 1–4;
  - `changes`: {value column: [kinds]} with kinds of `change`, `change_yoy`,
    `growth_yoy_pct`: the mart's `<v>_<kind>` columns, recomputed with
    tietopohja.period_changes() from the PUBLISHED values, so that a change
    from or to a hidden value is NULL (it would reveal the hidden value);
  - adds `is_suppressed`: true when anything in the row was hidden (a value
    the internal mart has and this one does not);
  - passes the internal mart's `value_status` through as the last column
    (minimum-data spec, "Coverage"; a hidden value is `is_suppressed`, not
    a status: the internal mart's status is kept).

  The public mart's YAML marks its person counts with
  `config: {meta: {person_count: true}}`; the build fails when that list
  and `person_counts` differ, and the singular test
  tests/singular/publishable/assert_public_marts_hide_small_counts.sql reads
  the meta to check every `_public` mart.
-#}

{#- NULL for a value when one of its person counts is a small number. -#}
{% macro suppress(value_expr, count_exprs) -%}
    {%- if count_exprs is string -%}{%- set count_exprs = [count_exprs] -%}{%- endif -%}
    case
        when
            {% for c in count_exprs -%}
            {%- if not loop.first %} or {% endif -%}{{ tietopohja.is_small_number(c) }}
            {%- endfor %}
            then null
        else {{ value_expr }}
    end
{%- endmacro %}

{#- The columns of a model whose YAML meta says person_count: true
    (empty at parse time and in unit tests, where there is no graph). -#}
{% macro publishable_person_count_columns(model_name) -%}
    {%- set found = [] -%}
    {%- if execute and graph.get('nodes') -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and node.name == model_name -%}
                {%- for col in node.columns.values() -%}
                    {%- set meta = {} -%}
                    {%- do meta.update(col.get('meta') or {}) -%}
                    {%- do meta.update((col.get('config') or {}).get('meta') or {}) -%}
                    {%- if meta.get('person_count') -%}
                        {%- do found.append(col.name) -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(found) -}}
{%- endmacro %}

{#- For tests/singular/publishable/assert_public_marts_hide_small_counts:
    every person-count column of every `*_public` model of this project
    (`checks`: model, column, relation) and the models of
    models/marts/publishable/ that declare none or are not in `listed`
    (`problems`: model, problem). Empty at parse time. -#}
{% macro public_mart_person_count_checks(listed) -%}
    {%- set checks = [] -%}
    {%- set problems = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.package_name == project_name and node.name.endswith('_public') -%}
            {%- set in_folder = node.original_file_path.replace('\\', '/').startswith('models/marts/publishable/') -%}
            {%- set counted = tietopohja.publishable_person_count_columns(node.name) -%}
            {%- if in_folder and node.name not in listed -%}
                {%- do problems.append({'model': node.name, 'problem': 'not_in_test_list'}) -%}
            {%- elif in_folder and counted | length == 0 -%}
                {%- do problems.append({'model': node.name, 'problem': 'no_person_count_declared'}) -%}
            {%- endif -%}
            {%- for c in counted -%}
                {%- do checks.append({'model': node.name, 'column': c, 'relation': node.relation_name}) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return({'checks': checks, 'problems': problems}) -}}
{%- endmacro %}

{% macro publishable_mart(source_relation, key_columns, keep, person_counts, computed={}, changes={}) -%}
{%- set hidden = {} -%}
{%- for c, deps in person_counts.items() -%}
    {%- do hidden.update({c: [c] + (deps or [])}) -%}
{%- endfor -%}
{%- for c, deps in computed.items() -%}
    {%- for d in deps if d not in person_counts -%}
        {{ exceptions.raise_compiler_error('publishable_mart: ' ~ c ~ ' is computed from ' ~ d ~ ', not a person count') }}
    {%- endfor -%}
    {%- do hidden.update({c: deps}) -%}
{%- endfor -%}
{%- set change_columns = [] -%}
{%- for v, kinds in changes.items() -%}
    {%- for k in kinds -%}
        {%- if k not in ['change', 'change_yoy', 'growth_yoy_pct'] -%}
            {{ exceptions.raise_compiler_error('publishable_mart: unknown change kind ' ~ k) }}
        {%- endif -%}
        {%- do change_columns.append(v ~ '_' ~ k) -%}
    {%- endfor -%}
{%- endfor -%}
{%- if execute and graph.get('nodes') -%}
    {%- set declared = tietopohja.publishable_person_count_columns(this.name) | sort -%}
    {%- if declared != (person_counts.keys() | list | sort) -%}
        {{ exceptions.raise_compiler_error(
            this.name ~ ': YAML meta person_count columns ' ~ declared
            ~ ' differ from person_counts ' ~ (person_counts.keys() | list | sort)) }}
    {%- endif -%}
{%- endif -%}
with source_mart as (
    select * from {{ source_relation }}
),

published as (
    select
        {%- for c in keep %}
        {{ c }},
        {%- endfor %}
        {%- for c, deps in hidden.items() %}
        {{ tietopohja.suppress(c, deps) }} as {{ c }},
        {%- endfor %}
        {%- for c in change_columns %}
        {{ c }} as source__{{ c }},
        {%- endfor %}
        coalesce(
            {%- for c in person_counts %}
            {%- if not loop.first %} or{% endif %}
            {{ tietopohja.is_small_number(c) }}
            {%- endfor %},
            false
        ) as source__row_hidden,
        value_status
    from source_mart
),

with_changes as (
    {%- if changes %}
    {{ tietopohja.period_changes('published', key_columns, changes.keys() | list) }}
    {%- else %}
    select * from published
    {%- endif %}
)

select
    {%- for c in keep %}
    {{ c }},
    {%- endfor %}
    {%- for c in hidden %}
    {{ c }},
    {%- endfor %}
    {%- for c in change_columns %}
    {%- if c.endswith('_growth_yoy_pct') %}
    cast({{ c }} as {{ tietopohja.type_double() }}) as {{ c }},
    {%- else %}
    {{ c }},
    {%- endif %}
    {%- endfor %}
    (
        source__row_hidden
        {%- for c in change_columns %}
        or coalesce({{ c }} is null and source__{{ c }} is not null, false)
        {%- endfor %}
    ) as is_suppressed,
    value_status
from with_changes
{%- endmacro %}
