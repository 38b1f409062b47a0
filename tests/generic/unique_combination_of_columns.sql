{#- The combination of the columns is unique (composite primary key).
    The keys are grouped by a 64-bit hash first: only the rows whose hash
    occurs more than once are grouped by their columns (a hash shared by
    two different keys is no failure). On the 12 M output days of a
    550,000-resident county, grouping a number rather than three texts
    halves the test's time. -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
{%- set columns = combination_of_columns | join(', ') -%}
{%- set key_hash = tietopohja.hash64(combination_of_columns) -%}
with repeated_hashes as (
    select {{ key_hash }} as key_hash
    from {{ model }}
    group by {{ key_hash }}
    having count(*) > 1
)

select {{ columns }}, count(*) as row_count
from {{ model }}
where {{ key_hash }} in (select repeated_hashes.key_hash from repeated_hashes)
group by {{ columns }}
having count(*) > 1
{% endtest %}
