{#-
  Tunnusluvun osatekijät — how each key figure is made: per key_figures row
  with a value (the same key columns) the sums the value was computed from,
  in long form, one row per component (internal mart; no person is named,
  only sums and counts). The components come with the value from the theme's
  contribution model (int_key_figures__*, via int_key_figures_assembled: one
  road per measure, never recomputed), rounded like the value to 12
  significant digits (the same files give the same components, whatever the
  order of a parallel sum); `formula` (the measure register) says how they
  recombine: `numerator / denominator` times the scale written after it
  (100, 1000), or `sum of addends` (an additive measure: a 0 filled in for a
  period with nothing to count has no addends). `context` rows explain and
  do not enter the value (the waits that left the queue, the persons in
  care, ...); `person_count` (role context) is the count of persons the
  small-number rule of key_figures_public judges the value by (left out
  where the value is itself a count of persons: the value is that count).
  The component codes and labels of each measure:
  seeds/rules/key_figure_component_slots.csv. `tietopohja explain` prints
  them. A partial quarter or year of an additive measure: the sums of its
  covered months' components.
-#}
{%- set keys = ['county_code', 'measure_code', 'period_grain', 'period_start', 'service_code', 'segment',
    'production_mode', 'municipality_code'] -%}
{%- set roles = {
    'numerator': 'numerator', 'denominator': 'denominator', 'addend_1': 'addend', 'addend_2': 'addend',
    'addend_3': 'addend', 'context_1': 'context', 'context_2': 'context',
} -%}
with register as (
    select
        measure_code,
        formula,
        is_person_count
    from {{ ref('key_figure_measure_register') }}
),

figures as (
    select *
    from {{ ref('int_key_figures_assembled') }}
    where value is not null
),

slots as (
    {%- for slot in tietopohja.key_figure_component_slots() %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        {{ keys | join(',\n        ') }},
        breakdown,
        value,
        value_status,
        '{{ slot }}' as slot,
        '{{ roles[slot] }}' as role,
        {{ slot }} as component_value
    from figures
    where {{ slot }} is not null
    {%- endfor %}
    union all
    select
        {{ keys | join(',\n        ') }},
        breakdown,
        value,
        value_status,
        'person_count' as slot,
        'context' as role,
        cast(person_count as {{ tietopohja.type_double() }}) as component_value
    from figures
    where
        person_count > 0
        and measure_code in (select register.measure_code from register where not register.is_person_count)
),

labels as (
    select
        measure_code,
        slot,
        component,
        label_en
    from {{ ref('key_figure_component_slots') }}
)

select
    {%- for key in keys %}
    slots.{{ key }},
    {%- endfor %}
    slots.breakdown,
    cast(
        case when slots.slot = 'person_count' then 'person_count' else labels.component end
        as {{ dbt.type_string() }}
    ) as component,
    cast(slots.role as {{ dbt.type_string() }}) as role,
    cast(
        case
            when slots.slot = 'person_count' then 'Persons behind the value (small-number rule of key_figures_public)'
            else labels.label_en
        end as {{ dbt.type_string() }}
    ) as component_label,
    cast(
        {{ tietopohja.publish_round('slots.component_value') }} as {{ tietopohja.type_double() }}
    ) as component_value,
    cast(slots.value as {{ tietopohja.type_double() }}) as value,
    cast(register.formula as {{ dbt.type_string() }}) as formula,
    cast(slots.value_status as {{ dbt.type_string() }}) as value_status
from slots
left join labels
    on
        slots.measure_code = labels.measure_code
        and slots.slot = labels.slot
left join register
    on slots.measure_code = register.measure_code
