{#-
  Kattavuus raportointijaksoittain — per county, source group and reporting
  period (int_reporting_periods), how many of the period's calendar months
  the group's coverage (int_source_coverage) holds, and the period's status
  for the group (minimum-data spec, "Coverage"):
  - complete: every calendar month of the period is covered;
  - partial: some are (a quarter or year partly outside the coverage);
  - not_delivered: none is, or the county has no data of the group at all.
  Periods are calendar periods: a quarter or year that runs past the data
  is partial.
-#}
{%- set source_groups = ['ledger', 'plan', 'population', 'patient', 'social', 'personnel', 'staffing'] -%}

with source_groups as (
    {%- for source_group in source_groups %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select '{{ source_group }}' as source_group
    {%- endfor %}
),

periods as (
    select
        periods.county_code,
        source_groups.source_group,
        periods.period_grain,
        periods.period_start,
        cast({{ dbt.date_trunc('month', 'periods.period_end') }} as date) as last_period_month
    from {{ ref('int_reporting_periods') }} as periods
    cross join source_groups
),

period_overlaps as (
    select
        periods.county_code,
        periods.source_group,
        periods.period_grain,
        periods.period_start,
        {{ tietopohja.month_number('periods.last_period_month') }}
        - {{ tietopohja.month_number('periods.period_start') }} + 1 as calendar_months,
        case
            when coverage.first_month is not null
                then {{ tietopohja.greatest_of_dates(['periods.period_start', 'coverage.first_month']) }}
        end as covered_from,
        case
            when coverage.last_month is not null
                then {{ tietopohja.least_of_dates(['periods.last_period_month', 'coverage.last_month']) }}
        end as covered_to
    from periods
    left join {{ ref('int_source_coverage') }} as coverage
        on
            periods.county_code = coverage.county_code
            and periods.source_group = coverage.source_group
),

counted as (
    select
        county_code,
        source_group,
        period_grain,
        period_start,
        calendar_months,
        case
            when covered_from is not null and covered_to >= covered_from
                then {{ tietopohja.month_number('covered_to') }} - {{ tietopohja.month_number('covered_from') }} + 1
            else 0
        end as covered_months
    from period_overlaps
)

select
    county_code,
    source_group,
    period_grain,
    period_start,
    cast(calendar_months as {{ dbt.type_bigint() }}) as calendar_months,
    cast(covered_months as {{ dbt.type_bigint() }}) as covered_months,
    case
        when covered_months = 0 then 'not_delivered'
        when covered_months < calendar_months then 'partial'
        else 'complete'
    end as value_status
from counted
