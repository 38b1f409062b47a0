{#-
  Saatavuuden tunnusluvut — the availability theme's contribution to
  key_figures (minimum-data spec, "Published key figures" and "Measures and
  breakdowns added in v1.1"), selected from the availability measure model
  int_availability_waits_aggregated (client breakdown `all`): the marts and
  the key figures count the same waits. Waits count in the period that
  contains the day they ended; `sc_open_over_6m` is a stock on the period's
  last day. Only completed waits count (a cancelled referral or a denied
  case counts neither as met nor as breached); a wait without a service
  counts only in the whole-county row. `person_count`: the number of waits
  a value is built on (the spec counts waits as persons for suppression:
  "counts of persons (clients, waits, ...)"), i.e. the count itself, or the
  completed waits averaged for a mean or a share. Breakdowns: whole county
  (all NULL) and by service where the spec asks for it. A row is given
  where there is something to report (a count above 0, a mean or share of
  at least one wait); key_figures fills the other periods.

  Choices where the spec is open:
  - `pc_treatment_over_limit` and `pc_treatment_mean_days` cover
    primary-care treatment including oral care (rules pc_treatment and
    oral_treatment pooled: the counts and the sums of the waits added),
    each wait against its own limit in force on the day the assessment was
    done; the mean is in calendar days assessment → treatment.
  - `pc_treatment_within_7d_pct` / `_14d_pct` follow their v1.1 definition:
    primary-care treatments with oral care excluded (rule pc_treatment
    only), the share of those whose wait assessment → treatment was at most
    7 / 14 calendar days.
  - `sc_handling_over_limit`, `sc_treatment_over_limit` and
    `sc_open_over_6m` use the general specialised-care limit (rule scope
    `specialised_care`: 21 days, 6 months) for every referral, as the
    measures are defined by "21 days" and "6 months"; the stricter
    child/adolescent psychiatry limit shows in the marts.
  - `social_assessment_over_limit` counts the waits the 7-business-day rule
    applies to (75+, highest care allowance, child welfare);
    `social_implementation_over_limit` the non-urgent cases (the rule's
    scope).
-#}
{%- set pc_treatment_rules = "('pc_treatment', 'oral_treatment')" -%}
{#- code; rules; rule scope; value (over the rows of the rules); the count
    that must be above 0 for a row; whether by service too; the component
    slots (tietopohja.key_figure_component_slots: the sums the value is made
    of, seeds/rules/key_figure_component_slots.csv) -#}
{%- set measures = [
    {'code': 'pc_assessment_waits', 'rules': "('pc_assessment')", 'scope': 'governing',
        'value': 'sum(waits)', 'count': 'sum(waits)', 'by_service': true,
        'slots': {'addend_1': 'sum(waits)', 'context_1': 'sum(waits_over_limit)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'pc_assessment_over_limit', 'rules': "('pc_assessment')", 'scope': 'governing',
        'value': 'sum(waits_over_limit)', 'count': 'sum(waits_over_limit)', 'by_service': true,
        'slots': {'addend_1': 'sum(waits_over_limit)', 'context_1': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'pc_assessment_mean_bdays', 'rules': "('pc_assessment')", 'scope': 'governing',
        'value': 'sum(wait_length_sum) / sum(waits)', 'count': 'sum(waits)', 'by_service': true,
        'slots': {'numerator': 'sum(wait_length_sum)', 'denominator': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'pc_treatment_over_limit', 'rules': pc_treatment_rules, 'scope': 'governing',
        'value': 'sum(waits_over_limit)', 'count': 'sum(waits_over_limit)', 'by_service': true,
        'slots': {'addend_1': 'sum(waits_over_limit)', 'context_1': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'pc_treatment_mean_days', 'rules': pc_treatment_rules, 'scope': 'governing',
        'value': 'sum(wait_length_sum) / sum(waits)', 'count': 'sum(waits)', 'by_service': true,
        'slots': {'numerator': 'sum(wait_length_sum)', 'denominator': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'pc_treatment_within_7d_pct', 'rules': "('pc_treatment')", 'scope': 'governing',
        'value': 'sum(waits_within_7d) * 100.0 / sum(waits)', 'count': 'sum(waits)', 'by_service': true,
        'slots': {'numerator': 'sum(waits_within_7d)', 'denominator': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'pc_treatment_within_14d_pct', 'rules': "('pc_treatment')", 'scope': 'governing',
        'value': 'sum(waits_within_14d) * 100.0 / sum(waits)', 'count': 'sum(waits)', 'by_service': true,
        'slots': {'numerator': 'sum(waits_within_14d)', 'denominator': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'sc_handling_over_limit', 'rules': "('sc_handling')", 'scope': 'specialised_care',
        'value': 'sum(waits_over_limit)', 'count': 'sum(waits_over_limit)', 'by_service': false,
        'slots': {'addend_1': 'sum(waits_over_limit)', 'context_1': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'sc_treatment_over_limit', 'rules': "('sc_treatment')", 'scope': 'specialised_care',
        'value': 'sum(waits_over_limit)', 'count': 'sum(waits_over_limit)', 'by_service': false,
        'slots': {'addend_1': 'sum(waits_over_limit)', 'context_1': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'sc_open_over_6m', 'rules': "('sc_treatment')", 'scope': 'specialised_care',
        'value': 'sum(open_over_limit)', 'count': 'sum(open_over_limit)', 'by_service': false,
        'slots': {'addend_1': 'sum(open_over_limit)', 'context_1': 'sum(open_waits)'}},
    {'code': 'social_assessment_over_limit', 'rules': "('social_assessment_start')", 'scope': 'governing',
        'value': 'sum(waits_over_limit)', 'count': 'sum(waits_over_limit)', 'by_service': true,
        'slots': {'addend_1': 'sum(waits_over_limit)', 'context_1': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
    {'code': 'social_implementation_over_limit', 'rules': "('social_implementation')", 'scope': 'governing',
        'value': 'sum(waits_over_limit)', 'count': 'sum(waits_over_limit)', 'by_service': true,
        'slots': {'addend_1': 'sum(waits_over_limit)', 'context_1': 'sum(waits)', 'context_2': 'sum(waits_left_queue)'}},
] -%}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}

with aggregated as (
    select
        county_code,
        period_grain,
        period_start,
        rule,
        rule_scope,
        service_code,
        waits,
        waits_left_queue,
        wait_length_sum,
        waits_over_limit,
        waits_within_7d,
        waits_within_14d,
        open_waits,
        open_over_limit
    from {{ ref('int_availability_waits_aggregated') }}
    where breakdown = 'all'
),

measures as (
    {%- for m in measures %}
    {%- for by_service in ([false, true] if m.by_service else [false]) %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        county_code,
        '{{ m.code }}' as measure_code,
        period_grain,
        period_start,
        service_code,
        cast({{ m.value }} as {{ tietopohja.type_double() }}) as value,
        {{ m['count'] }} as person_count,
        {{ tietopohja.key_figure_component_values(m.slots) }}
    from aggregated
    where
        rule in {{ m.rules }}
        and rule_scope = '{{ m.scope }}'
        and service_code is {{ 'not ' if by_service }}null
    group by county_code, period_grain, period_start, service_code
    having {{ m['count'] }} > 0
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select
    county_code,
    measure_code,
    period_grain,
    period_start,
    service_code,
    {{ null_text }} as segment,
    {{ null_text }} as production_mode,
    {{ null_text }} as municipality_code,
    value,
    cast(person_count as {{ dbt.type_bigint() }}) as person_count,
    {{ tietopohja.key_figure_component_slots() | join(',\n    ') }}
from measures
