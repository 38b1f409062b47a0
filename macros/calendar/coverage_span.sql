{#-
  Toiminnan aikaväli — per county, the first and last month of the union of
  its source groups' coverage (int_source_coverage: the extraction windows
  declared in delivery/coverage, else derived from the data). It bounds the
  county's reporting periods (int_reporting_periods): a single bad or
  ancient date — a stray old contact, a service period opened years before
  the extract — does not stretch them (minimum-data spec, "Coverage").

  data_end_month: the last month of the coverage of the ledger and the
  client data (patient, social; not the population's year-ends, the plan or
  the HR extracts, which may run ahead of them): "the end of the data", to
  which an open ward episode or service period runs and on which stocks
  (open waits) of a period that runs past the data are taken. A county
  without ledger or client data ends at last_month.

  A select (one row per county: county_code, first_month, last_month,
  data_end_month) for a CTE; the reading model depends on
  int_source_coverage (the ref is written here).
-#}
{% macro county_coverage_span() -%}
    select
        county_code,
        min(first_month) as first_month,
        max(last_month) as last_month,
        coalesce(
            max(case when source_group in ('ledger', 'patient', 'social') then last_month end),
            max(last_month)
        ) as data_end_month
    from {{ ref('int_source_coverage') }}
    where county_code is not null
    group by county_code
{%- endmacro %}
