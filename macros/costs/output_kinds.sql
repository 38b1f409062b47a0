{#-
  output_kinds(): the kinds of service output (int_service_outputs_daily
  output_type) that have their own count and unit cost in the costs and
  productivity marts, in their column order: {output_type: the column of
  its count}. The cost per output of a kind is `cost_per_<output_type>_eur`
  (service_unit_costs).
-#}
{% macro output_kinds() -%}
    {{ return({'visit': 'visits', 'care_day': 'care_days', 'service_day': 'service_days'}) }}
{%- endmacro %}
