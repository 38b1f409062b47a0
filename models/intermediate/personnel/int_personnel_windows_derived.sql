{#-
  Henkilöstötietojen kattavuus — per county, the span of days the personnel
  theme reports: from the first day of the county's first reporting month,
  or of the first month of its HR absence data if that is later, to the last
  day of its last reporting month (int_reporting_periods).

  Choice: an HR extract lists the employments active during the extract
  (older employments that had already ended are not in it) and the
  absences of that time, so the months before the first delivered absence
  would show too few HTV and no absences at all. The first month of absence
  data stands for the start of the extract; var `personnel_first_month`
  ('YYYY-MM-DD') overrides it for every county.
-#}
with reporting_months as (
    select
        county_code,
        min(period_start) as first_month,
        max(period_end) as last_day
    from {{ ref('int_reporting_periods') }}
    where period_grain = 'month'
    group by county_code
),

absence_months as (
    select
        cost_centers.county_code,
        min({{ dbt.date_trunc('month', 'absences.start_date') }}) as first_absence_month
    from {{ ref('stg_hr__absences') }} as absences
    inner join {{ ref('stg_hr__employments') }} as employments
        on absences.employment_id = employments.employment_id
    inner join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on employments.cost_center = cost_centers.cost_center
    group by cost_centers.county_code
),

coverage as (
    select
        reporting_months.county_code,
        reporting_months.first_month,
        reporting_months.last_day,
        {%- if var('personnel_first_month', none) %}
        cast('{{ var("personnel_first_month") }}' as date) as hr_first_month
        {%- else %}
        cast(absence_months.first_absence_month as date) as hr_first_month
        {%- endif %}
    from reporting_months
    left join absence_months
        on reporting_months.county_code = absence_months.county_code
)

select
    county_code,
    case
        when hr_first_month is not null and hr_first_month > first_month then hr_first_month
        else first_month
    end as window_start,
    last_day as window_end
from coverage
