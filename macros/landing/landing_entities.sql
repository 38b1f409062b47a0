{#- Every landing entity with its base model: the inventory the quarantine
    and the row accounting union over. (system, entity) pairs; the second HR
    layout is listed under its own names.

    The list is the sources of models/staging/<system>/_<system>__sources.yml
    (the graph's source nodes), in system and entity order. dbt's parser has
    no graph: while it parses, the models' refs to the base models come from
    the list below, which must name the same entities — a source declared
    without a line here, or a line without a source, stops the compilation. -#}
{% macro landing_entities() -%}
    {%- set parsed = tietopohja.landing_entities_for_parser() -%}
    {%- if not execute -%}
        {{- return(parsed) -}}
    {%- endif -%}
    {%- set declared = [] -%}
    {%- for node in graph.sources.values()
        if node.package_name == project_name and node.original_file_path.startswith('models/staging/') -%}
        {%- do declared.append((node.source_name, node.name)) -%}
    {%- endfor -%}
    {%- if declared | sort != parsed | sort -%}
        {{- exceptions.raise_compiler_error(
            'tietopohja: the landing entities of the source YAML ' ~ (declared | sort | list)
            ~ ' differ from tietopohja.landing_entities_for_parser() ' ~ (parsed | sort | list)
            ~ ' (macros/landing/landing_entities.sql): list every source there') -}}
    {%- endif -%}
    {{- return(declared | sort) -}}
{%- endmacro %}

{#- The landing entities for dbt's parser (see landing_entities). -#}
{% macro landing_entities_for_parser() -%}
    {{- return([
        ('org', 'units'),
        ('finance', 'cost_centers'),
        ('finance', 'gl_entries'),
        ('finance', 'budget'),
        ('finance', 'allocation_drivers'),
        ('population', 'residents'),
        ('population', 'area_indicators'),
        ('population', 'projections'),
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
