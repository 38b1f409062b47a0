{#-
  Henkilöstömitoitus viikoittain — staffing ratio of every 24-hour care unit
  per ISO week, with the legal minimum where it applies (elderly 24-hour
  care) and whether the week fell below it. Definitions and choices:
  int_unit_staffing_weeks_measured.
-#}
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
    service_segment,
    is_minimum_applicable,
    direct_hours,
    direct_care_staff,
    client_days,
    average_clients_present,
    staffing_ratio,
    minimum_ratio,
    is_below_minimum
from {{ ref('int_unit_staffing_weeks_measured') }}
