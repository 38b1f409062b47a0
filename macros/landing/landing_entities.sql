{#- Every landing entity with its base model: the inventory the quarantine
    and the row accounting union over. (system, entity) pairs; the second HR
    layout is listed under its own names. -#}
{% macro landing_entities() -%}
    {{- return([
        ('org', 'units'),
        ('finance', 'cost_centers'),
        ('finance', 'gl_entries'),
        ('finance', 'budget'),
        ('finance', 'allocation_drivers'),
        ('population', 'residents'),
        ('population', 'area_indicators'),
        ('patient', 'contacts'),
        ('patient', 'visits'),
        ('patient', 'referrals'),
        ('patient', 'inpatient_episodes'),
        ('patient', 'feedback'),
        ('social', 'cases'),
        ('social', 'service_periods'),
        ('hr', 'employments'),
        ('hr', 'palvelussuhteet'),
        ('hr', 'absences'),
        ('hr', 'poissaolot'),
        ('hr', 'work_hours'),
        ('delivery', 'coverage'),
    ]) -}}
{%- endmacro %}
