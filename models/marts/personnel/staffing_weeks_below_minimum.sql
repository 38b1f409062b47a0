{#-
  Mitoituksen alitukset — the weeks in which an elderly 24-hour care unit's
  staffing ratio was below the legal minimum in force on the week's
  Thursday, with the shortfall (minimum − ratio) and the direct-care hours
  the unit would have needed to reach the minimum. The week belongs to the
  month, quarter and year of its Thursday.
-#}
{%- set full_time_week_hours = var('personnel_full_time_week_hours', 38.25) %}
select
    county_code,
    unit_id,
    iso_week_start,
    iso_year,
    iso_week,
    iso_week_thursday,
    month_start,
    quarter_start,
    year_start,
    unit_name,
    cost_center,
    service_code,
    direct_hours,
    average_clients_present,
    staffing_ratio,
    minimum_ratio,
    minimum_ratio - staffing_ratio as ratio_shortfall,
    (minimum_ratio - staffing_ratio) * average_clients_present * {{ full_time_week_hours }}
        as direct_hours_shortfall
from {{ ref('int_unit_staffing_weeks_measured') }}
where is_below_minimum
