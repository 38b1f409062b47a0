{#-
  Toiminnan aikaväli — per county, the first and last month of the union of
  its source groups' coverage (int_source_coverage: the extraction windows
  declared in delivery/coverage, else derived from the data). It bounds the
  county's reporting periods (int_reporting_periods) and the generated
  calendar (int_calendar_days_generated): a single bad or ancient date —
  a stray old contact, a service period opened years before the extract —
  does not stretch them (minimum-data spec, "Coverage").
-#}
select
    county_code,
    min(first_month) as first_month,
    max(last_month) as last_month
from {{ ref('int_source_coverage') }}
where county_code is not null
group by county_code
