{#-
  Henkilöstötietojen kattavuus — per county, the span of days the personnel
  theme counts: every day of the county's reporting periods
  (int_reporting_periods), i.e. from the first day of the year of its first
  reporting month to the last day of the year of its last one. Paid HTV of
  a period is "paid calendar days in the period" (minimum-data spec), so a
  quarter or year only partly covered by the other data still counts all of
  its days from the delivered employments (an ongoing employment is
  employed to the end of the year), and headcounts are taken on the
  period's first and last day.

  An HR extract lists the employments active during the extract (older,
  already ended employments are not in it), so days before the extract's
  coverage show too few HTV. That is a property of the delivered data, not
  something the build can guess: the var `personnel_first_month`
  ('YYYY-MM-DD') starts the personnel figures later for every county when
  the county knows where its HR data begins (a quarter or year it cuts
  counts its days from there, its headcount at start taken on that day).
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
        cast({{ dbt.date_trunc('year', 'reporting_months.first_month') }} as date) as first_year_start,
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
        when hr_first_month is not null and hr_first_month > first_year_start then hr_first_month
        else first_year_start
    end as window_start,
    cast({{ dbt.last_day('last_day', 'year') }} as date) as window_end
from coverage
