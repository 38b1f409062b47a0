{#-
  Muuttunut datan loppu — per county the last month of its event data
  (data_end_month of tietopohja.county_coverage_span(): open stays run to
  its end), compared with the last committed build like
  int_event_months_changed: a changed end is two changed rows, the old
  month (gone) and the new one. Care and service days are rebuilt from the
  month after the earlier of the two (tietopohja.stay_days_rebuilt_from).
-#}
{{ config(schema='build_state') }}

with current_state as (
    select
        {{ dbt.concat(["'data_end:'", 'county_code']) }} as part,
        data_end_month as month_start,
        cast(1 as {{ dbt.type_bigint() }}) as row_count,
        cast(0 as {{ tietopohja.digest_type() }}) as digest
    from ({{ tietopohja.county_coverage_span() }}) as county_span
)

{{ tietopohja.compared_with_committed('current_state', has_config=false) }}
