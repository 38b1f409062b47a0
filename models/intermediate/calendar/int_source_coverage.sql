{#-
  Lähteiden kattavuus — per county and source group, the first and last
  month the group's data cover (minimum-data spec, "Coverage"): as declared
  in the optional landing entity `delivery/coverage` where the county
  declares it, otherwise as derived from the data
  (int_source_coverage_derived). The declared window wins.

  Source groups and their landing entities: ledger (finance/gl_entries),
  plan (finance/budget), patient (patient/*), social (social/*), personnel
  (hr/employments, hr/absences and the second layout's palvelussuhteet,
  poissaolot), staffing (hr/work_hours), population
  (population/residents). A declaration row with an empty entity covers
  every entity of its system; rows naming entities of the group win over
  it (several such rows: from the earliest first month to the latest last
  month).
-#}
with group_entities as (
    {%- set group_entities = [
        ('ledger', 'finance', 'gl_entries'),
        ('plan', 'finance', 'budget'),
        ('patient', 'patient', 'contacts'),
        ('patient', 'patient', 'visits'),
        ('patient', 'patient', 'referrals'),
        ('patient', 'patient', 'inpatient_episodes'),
        ('patient', 'patient', 'feedback'),
        ('social', 'social', 'cases'),
        ('social', 'social', 'service_periods'),
        ('personnel', 'hr', 'employments'),
        ('personnel', 'hr', 'absences'),
        ('personnel', 'hr', 'palvelussuhteet'),
        ('personnel', 'hr', 'poissaolot'),
        ('staffing', 'hr', 'work_hours'),
        ('population', 'population', 'residents'),
    ] %}
    {%- for source_group, system, entity in group_entities %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        '{{ source_group }}' as source_group,
        '{{ system }}' as system,
        '{{ entity }}' as entity
    {%- endfor %}
),

declared_rows as (
    select
        declared.county_code,
        group_entities.source_group,
        declared.entity is not null as is_entity_row,
        {{ tietopohja.period_to_date('declared.first_month') }} as first_month,
        {{ tietopohja.period_to_date('declared.last_month') }} as last_month
    from {{ ref('stg_delivery__coverage') }} as declared
    inner join group_entities
        on
            declared.system = group_entities.system
            and (declared.entity is null or declared.entity = group_entities.entity)
),

flagged as (
    select
        county_code,
        source_group,
        is_entity_row,
        first_month,
        last_month,
        max(case when is_entity_row then 1 else 0 end) over (
            partition by county_code, source_group
        ) = 1 as group_has_entity_rows
    from declared_rows
),

declared as (
    select
        county_code,
        source_group,
        min(first_month) as first_month,
        max(last_month) as last_month
    from flagged
    where is_entity_row or not group_has_entity_rows
    group by county_code, source_group
)

select
    county_code,
    source_group,
    first_month,
    last_month,
    'declared' as coverage_origin
from declared
union all
select
    derived.county_code,
    derived.source_group,
    derived.first_month,
    derived.last_month,
    'derived' as coverage_origin
from {{ ref('int_source_coverage_derived') }} as derived
left join declared
    on
        derived.county_code = declared.county_code
        and derived.source_group = declared.source_group
where declared.county_code is null
