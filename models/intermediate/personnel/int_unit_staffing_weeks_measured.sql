{#-
  Henkilöstömitoitus viikoittain — staffing ratio of each 24-hour care unit
  per ISO week (minimum-data spec, personnel):
  ratio = (direct-care hours of the week ÷ 38.25) ÷ average number of
  clients present per day in the week.

  - Direct-care hours: hr/work_hours rows with work_category `direct` at the
    unit, by the ISO week of work_date.
  - Clients present on a day: distinct persons with a social-care service
    period at the unit with start_date <= day < end_date (open end =
    present); the average is the sum over the week's 7 days ÷ 7.
  - The unit's attributes (cost centre, county, service) come from its
    validity row in force on the week's Thursday (else the latest earlier
    row, else the earliest). The week belongs to the month, quarter and year
    of its Thursday.
  - 24-hour care units: the unit is flagged is_24h_care or its service is a
    24-hour service. The legal minimum (seeds/rules/staffing_minimums.csv,
    in force on the Thursday) applies to units whose service has segment
    `elderly` and is 24-hour.
  - Choices: a week is measured when the county's delivered work hours
    (first .. last work_date of hr/work_hours of its units) cover its
    Monday to Friday: weeks before or after the delivered hours are a data
    gap, not weeks without staff, and an extract that ends mid-week does not
    judge a week on part of its hours, while hours delivered for Monday–
    Friday only still make a measured (whole) week; a week
    with no clients present has no ratio (NULL) and is not below the
    minimum; a week with clients and no direct hours has ratio 0; units
    with no work hours delivered at all are not measured (a data gap, not
    a unit without staff).
-#}
{%- set full_time_week_hours = var('personnel_full_time_week_hours', 38.25) -%}
with calendar as (
    select
        calendar_date,
        iso_year,
        iso_week,
        iso_week_start,
        iso_week_thursday,
        month_start,
        quarter_start,
        year_start
    from {{ ref('int_calendar_days_generated') }}
),

direct_hours as (
    select
        work_hours.unit_id,
        calendar.iso_week_start,
        sum(case when work_hours.work_category = 'direct' then work_hours.hours else 0 end) as direct_hours,
        min(work_hours.work_date) as first_work_date,
        max(work_hours.work_date) as last_work_date
    from {{ ref('stg_hr__work_hours') }} as work_hours
    inner join calendar
        on work_hours.work_date = calendar.calendar_date
    group by
        work_hours.unit_id,
        calendar.iso_week_start
),

last_work_day as (
    select max(last_work_date) as last_work_date
    from direct_hours
),

units_with_hours as (
    select distinct unit_id
    from direct_hours
),

client_days as (
    select
        periods.unit_id,
        calendar.calendar_date,
        calendar.iso_week_start,
        count(distinct periods.person_pseudonym) as clients_present
    from {{ ref('stg_social__service_periods') }} as periods
    cross join last_work_day
    inner join calendar
        on
            periods.start_date <= calendar.calendar_date
            and (periods.end_date is null or periods.end_date > calendar.calendar_date)
    where calendar.iso_week_start <= cast({{ dbt.date_trunc('week', 'last_work_day.last_work_date') }} as date)
    group by
        periods.unit_id,
        calendar.calendar_date,
        calendar.iso_week_start
),

client_weeks as (
    select
        unit_id,
        iso_week_start,
        sum(clients_present) as client_days
    from client_days
    group by
        unit_id,
        iso_week_start
),

unit_weeks as (
    select
        unit_id,
        iso_week_start
    from direct_hours
    union
    select
        unit_id,
        iso_week_start
    from client_weeks
),

weeks as (
    select distinct
        iso_year,
        iso_week,
        iso_week_start,
        iso_week_thursday,
        month_start,
        quarter_start,
        year_start
    from calendar
    where calendar_date = iso_week_thursday
),

unit_candidates as (
    select
        unit_weeks.unit_id,
        unit_weeks.iso_week_start,
        weeks.iso_year,
        weeks.iso_week,
        weeks.iso_week_thursday,
        weeks.month_start,
        weeks.quarter_start,
        weeks.year_start,
        units.unit_name,
        units.cost_center,
        units.county_code,
        units.service_code,
        units.service_segment,
        units.is_24h_care,
        services.is_24h as is_service_24h,
        row_number() over (
            partition by unit_weeks.unit_id, unit_weeks.iso_week_start
            order by
                {{ tietopohja.validity_preference('weeks.iso_week_thursday', 'units.valid_from', 'units.valid_to') }}
        ) as candidate_rank
    from unit_weeks
    inner join weeks
        on unit_weeks.iso_week_start = weeks.iso_week_start
    inner join {{ ref('int_units_mapped') }} as units
        on unit_weeks.unit_id = units.unit_id
    left join {{ ref('int_services_classified') }} as services
        on units.service_code = services.service_code
),

care_unit_weeks as (
    select
        unit_candidates.*,
        coalesce(direct_hours.direct_hours, 0) as direct_hours,
        direct_hours.first_work_date,
        direct_hours.last_work_date,
        coalesce(client_weeks.client_days, 0) as client_days
    from unit_candidates
    inner join units_with_hours
        on unit_candidates.unit_id = units_with_hours.unit_id
    left join direct_hours
        on
            unit_candidates.unit_id = direct_hours.unit_id
            and unit_candidates.iso_week_start = direct_hours.iso_week_start
    left join client_weeks
        on
            unit_candidates.unit_id = client_weeks.unit_id
            and unit_candidates.iso_week_start = client_weeks.iso_week_start
    where
        unit_candidates.candidate_rank = 1
        and (unit_candidates.is_24h_care or coalesce(unit_candidates.is_service_24h, false))
),

county_work_span as (
    select
        county_code,
        min(first_work_date) as first_work_date,
        max(last_work_date) as last_work_date
    from care_unit_weeks
    where first_work_date is not null
    group by county_code
),

measured as (
    select
        care_unit_weeks.*,
        cast(care_unit_weeks.direct_hours as {{ tietopohja.type_double() }})
        / {{ full_time_week_hours }} as direct_care_staff,
        cast(care_unit_weeks.client_days as {{ tietopohja.type_double() }}) / 7 as average_clients_present,
        (
            care_unit_weeks.service_segment = 'elderly'
            and coalesce(care_unit_weeks.is_service_24h, false)
        ) as is_minimum_applicable
    from care_unit_weeks
    inner join county_work_span
        on {{ tietopohja.null_safe_equal('care_unit_weeks.county_code', 'county_work_span.county_code') }}
    where
        care_unit_weeks.iso_week_start >= county_work_span.first_work_date
        and {{ dbt.dateadd('day', 4, 'care_unit_weeks.iso_week_start') }} <= county_work_span.last_work_date
),

with_minimum as (
    select
        measured.*,
        measured.direct_care_staff / nullif(measured.average_clients_present, 0) as staffing_ratio,
        case when measured.is_minimum_applicable then minimums.minimum_ratio end as minimum_ratio
    from measured
    left join {{ ref('staffing_minimums') }} as minimums
        on
            minimums.applies_to = 'elderly'
            and {{ tietopohja.is_valid_on('measured.iso_week_thursday', 'minimums.valid_from', 'minimums.valid_to') }}
)

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
    cast(direct_hours as double) as direct_hours,
    cast(direct_care_staff as double) as direct_care_staff,
    cast(client_days as bigint) as client_days,
    cast(average_clients_present as double) as average_clients_present,
    cast(staffing_ratio as double) as staffing_ratio,
    cast(minimum_ratio as double) as minimum_ratio,
    coalesce(staffing_ratio < minimum_ratio, false) as is_below_minimum
from with_minimum
