{#-
  Tunnuslukurekisteri — the measure register of the key figures, one row per
  measure code of key_figures (seeds/rules/key_figure_measure_register.csv):
  names in Finnish and English, definition, unit, the source groups it reads,
  whether it adds up over months and over breakdown values, and which way is
  better. Part of the published interface (minimum-data spec, "Published key
  figures"): a BI tool names a measure_code from here.
-#}
with register as (
    select
        measure_code,
        name_fi,
        name_en,
        description_en,
        unit,
        theme,
        source_group,
        adds_over_months,
        adds_over_breakdowns,
        is_person_count,
        empty_value,
        better_direction
    from {{ ref('key_figure_measure_register') }}
)

select
    cast(measure_code as {{ dbt.type_string() }}) as measure_code,
    cast(name_fi as {{ dbt.type_string() }}) as name_fi,
    cast(name_en as {{ dbt.type_string() }}) as name_en,
    cast(description_en as {{ dbt.type_string() }}) as description_en,
    cast(unit as {{ dbt.type_string() }}) as unit,
    cast(theme as {{ dbt.type_string() }}) as theme,
    cast(source_group as {{ dbt.type_string() }}) as source_group,
    cast(adds_over_months as boolean) as adds_over_months,
    cast(adds_over_breakdowns as boolean) as adds_over_breakdowns,
    cast(is_person_count as boolean) as is_person_count,
    cast(empty_value as {{ dbt.type_string() }}) as empty_value,
    cast(better_direction as {{ dbt.type_string() }}) as better_direction
from register
