{#-
  in_period(relation, date_column='month_start', periods='periods'): the one
  way a dated relation (months, days, weeks) is rolled up into the reporting
  periods: the join condition that gives each row of `relation` the periods
  of its county (int_reporting_periods: a month, its quarter and its year)
  whose days contain its `date_column`, e.g.

    from monthly
    inner join {{ ref('int_reporting_periods') }} as periods
        on {{ tietopohja.in_period('monthly', 'month_start') }}
    group by monthly.county_code, periods.period_grain, periods.period_start

  `periods`: the alias of the periods relation (a CTE over
  int_reporting_periods works the same). Add further conditions by hand with
  `and`.

  Every period lies within one calendar year, so the year is part of the
  join's equality key with the county: a row meets only the 17 periods of
  its year (12 months, 4 quarters, the year) and keeps the 3 that contain
  it, however many years the warehouse holds (with the county alone, a
  five-year warehouse met 85 periods per row).
-#}
{% macro in_period(relation, date_column='month_start', periods='periods') -%}
    {{- relation }}.county_code = {{ periods }}.county_code
    and extract(year from {{ relation }}.{{ date_column }}) = extract(year from {{ periods }}.period_start)
    and {{ relation }}.{{ date_column }} between {{ periods }}.period_start and {{ periods }}.period_end
{%- endmacro %}
