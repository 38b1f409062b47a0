{#- The model has no rows: for reports of suspected problems (a warning
    that shows how many rows there are to look at). -#}
{% test no_rows(model) %}
select * from {{ model }}
{% endtest %}
