{#- None of the columns holds a NULL. The model's not-null columns are checked
    in one scan and one test node (CONTRIBUTING, "Conventions"): a node per column
    cost a build more than the models it checked. A failure returns a row per
    column that has NULLs, with their number. -#}
{% test not_null_columns(model, column_names) %}
with null_counts as (
    select
    {%- for column in column_names %}
        sum(case when {{ column }} is null then 1 else 0 end) as nulls_{{ loop.index }}{{ "," if not loop.last }}
    {%- endfor %}
    from {{ model }}
)
{%- for column in column_names %}

select
    '{{ column }}' as column_name,
    nulls_{{ loop.index }} as null_rows
from null_counts
where nulls_{{ loop.index }} > 0
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}
{% endtest %}
