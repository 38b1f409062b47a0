{#- The four breakdown columns of a key_figures contribution: `by` (a
    column name, or none) is selected as is, the others as NULL (= all). -#}
{%- macro key_figure_breakdowns(by) -%}
    {%- for col in ['service_code', 'segment', 'production_mode', 'municipality_code'] -%}
    {%- if col == by %}
        {{ col }},
    {%- else %}
        cast(null as {{ dbt.type_string() }}) as {{ col }},
    {%- endif -%}
    {%- endfor -%}
{%- endmacro -%}

{#-
  key_figure_breakdown_union(relation, bys, value_expr, where=none): a
  measure of `relation` (county_code, period_grain, period_start, the
  breakdown columns) per county and period, whole county and by each
  breakdown: one `select ... group by` per entry of `bys` (none = whole
  county, else the breakdown column; tietopohja.key_figure_breakdowns),
  joined with `union all`. Columns: county_code, period_grain,
  period_start, the four breakdown columns, `value_expr` as value.
  `where`: an optional filter of the relation's rows. Unlike
  tietopohja.union_of_groupings, rows whose breakdown column is NULL are
  not left out of its breakdown (they are grouped under NULL).
-#}
{%- macro key_figure_breakdown_union(relation, bys, value_expr, where=none) -%}
    {%- for by in bys %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        county_code,
        period_grain,
        period_start,
        {{- tietopohja.key_figure_breakdowns(by) }}
        {{ value_expr }} as value
    from {{ relation }}
    {%- if where %}
    where {{ where }}
    {%- endif %}
    group by county_code, period_grain, period_start{{ ', ' ~ by if by }}
    {%- endfor %}
{%- endmacro -%}
