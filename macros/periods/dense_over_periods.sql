{#-
  dense_over_periods(relation, key_columns, value_columns, attribute_columns,
  periods): the rows of `relation` (county_code, period_grain, period_start,
  the keys, the values; one row per period and key) made dense: every key
  combination the county has in any period gets a row in every period of the
  county (`periods`: a relation with county_code, period_grain, period_start,
  period_end; by default int_reporting_periods), its `value_columns` 0 where
  the relation has no row. So "nothing in this period" is a 0, and the
  change from such a period (tietopohja.period_changes) is defined.
  `attribute_columns` depend on the keys alone (e.g. a cost centre's name)
  and are carried over. `rate_columns` (rates and means computed from the
  values) are the period's row's, NULL where it has none. Keys are matched
  NULL-safely.
-#}
{% macro dense_over_periods(relation, key_columns, value_columns, attribute_columns=[], periods=none,
    rate_columns=[]) -%}
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        periods.period_end,
        {%- for c in key_columns + attribute_columns %}
        groupings.{{ c }},
        {%- endfor %}
        {%- for c in value_columns %}
        coalesce(measured.{{ c }}, 0) as {{ c }}{{ ',' if not loop.last or rate_columns }}
        {%- endfor %}
        {%- for c in rate_columns %}
        measured.{{ c }}{{ ',' if not loop.last }}
        {%- endfor %}
    from (
        select distinct
            county_code
            {%- for c in key_columns + attribute_columns %},
            {{ c }}
            {%- endfor %}
        from {{ relation }}
    ) as groupings
    inner join {{ periods if periods else ref('int_reporting_periods') }} as periods
        on groupings.county_code = periods.county_code
    left join {{ relation }} as measured
        on
            {{ tietopohja.keys_match('periods', 'measured', ['county_code', 'period_grain', 'period_start']) }}
            {%- if key_columns %}
            and {{ tietopohja.keys_match('groupings', 'measured', [], key_columns) }}
            {%- endif %}
{%- endmacro %}
