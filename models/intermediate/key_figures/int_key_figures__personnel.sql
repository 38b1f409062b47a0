{#-
  Tunnusluvut: henkilöstö — the personnel theme's contribution to
  key_figures, whole county only except where a breakdown is named:
  - htv_paid, htv_worked (htv): paid / worked person-years of the county's
    employments (county = the employment's cost centre's county);
  - turnover_permanent_pct (pct): permanent employments ended for
    resignation, retirement or dismissal ÷ average of permanent headcount on
    the period's first and last day × 100 (headcount in employments);
  - sick_days_per_htv (ratio): sick-leave calendar days ÷ paid HTV;
  - v1.1: htv_paid_per_1000 (per_1000): paid HTV ÷ the county's year-end
    residents × 1000, whole county and by service (the HTV of the service's
    cost centres; support and administration staff count only in the
    whole county); fixed_term_htv_share_pct (pct): fixed-term paid HTV ÷
    paid HTV × 100; training_days_per_headcount (ratio): training days of
    every employment in the period (also one ended before its last day;
    paid or not) ÷ employments active on the period's last day (as
    in the personnel marts).
  - staffing_weeks_below_minimum (count): unit-weeks of elderly 24-hour care
    below the legal minimum, by the period of the week's Thursday; county =
    the unit's cost centre's county. Rows for the periods with any measured
    elderly 24-hour unit-week (0 when none was below).
  The personnel measures are computed once, in
  int_personnel_periods_aggregated (its `county` rows, and the `service`
  rows of a service for htv_paid_per_1000); here they are
  only put in the key-figure shape. Rates only where their denominator is
  not 0. person_count (for
  key_figures_public): turnover is judged by the smallest non-zero of the
  permanent leavers and permanent headcounts it is built on, sick days per
  HTV by the headcounts (employees are persons: the same counts the
  personnel_*_public marts suppress by), training days per headcount
  likewise; component slots (tietopohja.key_figure_component_slots) from
  the same row: each rate's numerator and denominator (turnover: leavers ÷
  the average permanent headcount), HTV and unit-weeks as addends; HTV, HTV per 1,000 residents, the fixed-term HTV share and
  unit-weeks are not counts of persons (NULL).
-#}
with county_rates as (
    {#- the measures of the whole county (service_code NULL) and of each
        service, computed in int_personnel_periods_aggregated -#}
    select
        county_code,
        period_grain,
        period_start,
        breakdown,
        service_code,
        htv_paid,
        htv_worked,
        htv_paid_fixed_term,
        sick_days,
        training_days,
        residents,
        headcount_start,
        headcount_end,
        permanent_headcount_start,
        permanent_headcount_end,
        permanent_leavers,
        turnover_permanent_pct,
        sick_days_per_htv,
        htv_paid_per_1000,
        fixed_term_htv_share_pct,
        training_days_per_headcount
    from {{ ref('int_personnel_periods_aggregated') }}
    where breakdown = 'county' or (breakdown = 'service' and service_code is not null)
),

{#- measure code -> (value column, the counts of persons it is built on:
    the same as in the personnel_*_public marts, declared in _personnel__models.yml;
    the component slots: tietopohja.key_figure_component_slots) -#}
{%- set county_values = {
    'htv_paid': ('htv_paid', [], {'addend_1': 'htv_paid'}),
    'htv_worked': ('htv_worked', [], {'addend_1': 'htv_worked'}),
    'turnover_permanent_pct': (
        'turnover_permanent_pct', ['permanent_leavers', 'permanent_headcount_start', 'permanent_headcount_end'],
        {'numerator': 'permanent_leavers',
            'denominator': '(permanent_headcount_start + permanent_headcount_end) / 2.0',
            'context_1': 'permanent_headcount_start', 'context_2': 'permanent_headcount_end'}
    ),
    'sick_days_per_htv': (
        'sick_days_per_htv', ['headcount_start', 'headcount_end'],
        {'numerator': 'sick_days', 'denominator': 'htv_paid'}
    ),
    'htv_paid_per_1000': ('htv_paid_per_1000', [], {'numerator': 'htv_paid', 'denominator': 'residents'}),
    'fixed_term_htv_share_pct': (
        'fixed_term_htv_share_pct', [], {'numerator': 'htv_paid_fixed_term', 'denominator': 'htv_paid'}
    ),
    'training_days_per_headcount': (
        'training_days_per_headcount', ['headcount_start', 'headcount_end'],
        {'numerator': 'training_days', 'denominator': 'headcount_end'}
    ),
} %}
{%- set service_measures = ['htv_paid_per_1000'] %}

personnel_values as (
    {%- for measure_code, (column, person_counts, slots) in county_values.items() %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        county_code,
        period_grain,
        period_start,
        '{{ measure_code }}' as measure_code,
        service_code,
        {{ column }} as value,
        {% if person_counts -%}
        {{ tietopohja.smallest_nonzero(person_counts) }}
        {%- else -%}
        cast(null as {{ dbt.type_bigint() }})
        {%- endif %} as person_count,
        {{ tietopohja.key_figure_component_values(slots) }}
    from county_rates
    where
        {{ column }} is not null
        {%- if measure_code not in service_measures %}
        and breakdown = 'county'
        {%- endif %}
    {%- endfor %}
),

periods as (
    select
        county_code,
        period_grain,
        period_start,
        period_end
    from {{ ref('int_reporting_periods') }}
),

staffing_values as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        'staffing_weeks_below_minimum' as measure_code,
        cast(null as {{ dbt.type_string() }}) as service_code,
        sum(case when weeks.is_below_minimum then 1 else 0 end) as value,
        cast(null as {{ dbt.type_bigint() }}) as person_count,
        {{ tietopohja.key_figure_component_values({
            'addend_1': 'sum(case when weeks.is_below_minimum then 1 else 0 end)',
            'context_1': 'count(*)',
        }) }}
    from {{ ref('int_unit_staffing_weeks_measured') }} as weeks
    inner join periods
        on {{ tietopohja.in_period('weeks', 'iso_week_thursday') }}
    where weeks.is_minimum_applicable
    group by
        periods.county_code,
        periods.period_grain,
        periods.period_start
),

all_values as (
    select * from personnel_values
    union all
    select * from staffing_values
)

select
    county_code,
    measure_code,
    period_grain,
    period_start,
    service_code,
    cast(null as {{ dbt.type_string() }}) as segment,
    cast(null as {{ dbt.type_string() }}) as production_mode,
    cast(null as {{ dbt.type_string() }}) as municipality_code,
    cast(value as double) as value,
    cast(person_count as {{ dbt.type_bigint() }}) as person_count,
    {{ tietopohja.key_figure_component_slots() | join(',\n    ') }}
from all_values
