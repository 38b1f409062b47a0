{#-
  Henkilöstötietojen kattavuus — per county, the span of days the personnel
  theme reports: the county's reporting periods (int_reporting_periods),
  from the first day of its first reporting month to the last day of its
  last one, like every other key figure.

  An HR extract lists the employments active during the extract (older,
  already ended employments are not in it), so months before the extract's
  coverage show too few HTV. That is a property of the delivered data, not
  something the build can guess: the var `personnel_first_month`
  ('YYYY-MM-DD') starts the personnel figures later for every county when
  the county knows where its HR data begins.
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

coverage as (
    select
        reporting_months.county_code,
        reporting_months.first_month,
        reporting_months.last_day,
        {%- if var('personnel_first_month', none) %}
        cast('{{ var("personnel_first_month") }}' as date) as hr_first_month
        {%- else %}
        cast(null as date) as hr_first_month
        {%- endif %}
    from reporting_months
)

select
    county_code,
    case
        when hr_first_month is not null and hr_first_month > first_month then hr_first_month
        else first_month
    end as window_start,
    last_day as window_end
from coverage
