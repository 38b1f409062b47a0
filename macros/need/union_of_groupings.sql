{#-
  union_of_groupings(relation, keys, dims, sets, measures, dim_types={}):
  the portable, lint-friendly equivalent of
  `group by grouping sets (...)`: one `select ... group by` per set, joined
  with `union all`. Every row carries the `keys` (always grouped) and all
  `dims`; a dim that is not in the set is NULL (= all). Rows whose set
  dims are NULL are left out of that set (so NULL always means "all", never
  "unknown": coalesce unknowns to a value first if they should count).
  `measures` are select expressions with their aliases, e.g.
  "count(distinct person_pseudonym) as clients"; `dim_types` gives the SQL
  type of a NULL dim (default string).

  `all_value` (optional, a SQL literal such as "'__all__'"): a dim that is
  not in the set gets this value instead of NULL, and rows whose set dims
  are NULL are kept (grouped under NULL), for a model that joins the sets
  on their dims with `=` and turns the value into NULL afterwards
  (service_unit_costs).

  `per` (optional, a column such as 'person_pseudonym') with `per_measures`:
  the rows are first aggregated per set cell and `per` value with
  `per_measures`, and `measures` then aggregate those rows, so distinct
  persons are `count(*)` and persons with a visit `sum(has_visit)`: one
  hash table per set for any number of distinct counts of the same
  persons, where each `count(distinct ...)` builds its own (service_unit_costs
  counted five per set). `measures` then read only the columns of
  `per_measures`.
-#}
{% macro union_of_groupings(relation, keys, dims, sets, measures, dim_types={}, all_value=none, per=none,
    per_measures=[]) -%}
    {%- for s in sets %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        {%- for k in keys %}
        {{ k }},
        {%- endfor %}
        {%- for d in dims %}
        {%- if d in s %}
        {{ d }},
        {%- elif all_value is not none %}
        {{ all_value }} as {{ d }},
        {%- else %}
        cast(null as {{ dim_types.get(d, dbt.type_string()) }}) as {{ d }},
        {%- endif %}
        {%- endfor %}
        {{ measures | join(',\n        ') }}
    {%- set not_null = [] %}
    {%- for d in s if all_value is none %}
    {%- do not_null.append(d ~ ' is not null') %}
    {%- endfor %}
    {%- if per is none %}
    from {{ relation }}
    {%- if not_null %}
    where {{ not_null | join(' and ') }}
    {%- endif %}
    {%- else %}
    from (
        select
            {{ (keys + s + [per] + per_measures) | join(',\n            ') }}
        from {{ relation }}
        {%- if not_null %}
        where {{ not_null | join(' and ') }}
        {%- endif %}
        group by {{ (keys + s + [per]) | join(', ') }}
    ) as per_rows
    {%- endif %}
    group by {{ (keys + s) | join(', ') }}
    {%- endfor %}
{%- endmacro %}
