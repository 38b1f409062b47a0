{#- Invariant: every landing row read is staged, quarantined or superseded,
    per entity, and each staging model holds exactly the distinct keys of the
    staged rows it is built from (the merged HR models: of both layouts). -#}
{%- set staging_inputs = {
    'stg_hr__employments': [('base_hr__employments', 'employment_id'), ('base_hr__palvelussuhteet', 'employment_id')],
    'stg_hr__absences': [('base_hr__absences', 'absence_id'), ('base_hr__poissaolot', 'absence_id')],
} -%}

with accounting as (
    select
        entity,
        rows_read,
        rows_staged,
        rows_quarantined,
        rows_superseded
    from {{ ref('landing_row_accounting') }}
    where rows_read <> rows_staged + rows_quarantined + rows_superseded
),

staging as (
    {%- for system, entity in tietopohja.landing_entities() if entity not in ('palvelussuhteet', 'poissaolot') %}
    {%- set stg_model = 'stg_' ~ system ~ '__' ~ entity %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        '{{ stg_model }}' as model_name,
        (select count(*) from {{ ref(stg_model) }}) as rows_in_staging,
        {%- if stg_model in staging_inputs %}
        (
            select count(*) from (
                {%- for base_model, key in staging_inputs[stg_model] %}
                {%- if not loop.first %}
                union
                {%- endif %}
                select {{ key }} from {{ ref(base_model) }} where _status = 'staged'
                {%- endfor %}
            ) as staged_keys
        ) as expected_rows
        {%- else %}
        (select count(*) from {{ ref('base_' ~ system ~ '__' ~ entity) }} where _status = 'staged') as expected_rows
        {%- endif %}
    {%- endfor %}
)

select
    entity as failing_object,
    'rows_read <> staged + quarantined + superseded' as failure
from accounting
union all
select
    model_name as failing_object,
    'staging rows <> staged keys' as failure
from staging
where rows_in_staging <> expected_rows
