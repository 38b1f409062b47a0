{#-
  Validity rows (units, cost centres: valid_from .. valid_to inclusive, open
  end = still valid). One rule for every model that picks a row for a day:
  the row valid on the day; when none is (a unit used outside its validity),
  the nearest earlier row; else the earliest row.
-#}

{#- true when the row is valid on the day -#}
{% macro is_valid_on(on_date, valid_from, valid_to) -%}
    ({{ on_date }} >= {{ valid_from }} and ({{ valid_to }} is null or {{ on_date }} <= {{ valid_to }}))
{%- endmacro %}

{#- the ORDER BY list of row_number() that ranks a key's validity rows for the day (1 = the row to use) -#}
{% macro validity_preference(on_date, valid_from, valid_to) -%}
    case
        when {{ tietopohja.is_valid_on(on_date, valid_from, valid_to) }} then 0
        when {{ valid_from }} <= {{ on_date }} then 1
        else 2
    end,
    case when {{ valid_from }} <= {{ on_date }} then {{ valid_from }} end desc nulls last,
    {{ valid_from }} asc nulls last
{%- endmacro %}
