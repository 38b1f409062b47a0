{#-
  Saatavuuden tunnusluvut — the availability theme's contribution to
  key_figures (minimum-data spec, "Published key figures"), every grain
  computed here (distinct counts are not additive). Waits count in the
  period that contains the day they ended; `sc_open_over_6m` is a stock on
  the period's last day. Only completed waits count (a cancelled referral or
  a denied case counts neither as met nor as breached). `person_count`: the
  distinct persons behind a count, or the distinct persons averaged for a
  mean. Breakdowns: whole county (all NULL) and by service where the spec
  asks for it.

  Choices where the spec is open:
  - `pc_treatment_*` cover primary-care treatment including oral care
    (rules pc_treatment and oral_treatment), each wait against its own limit
    in force on the day the assessment was done; the mean is in calendar
    days assessment → treatment.
  - `sc_treatment_over_limit` and `sc_open_over_6m` use the general
    specialised-care limit (rule sc_treatment, group specialised_care:
    6 months) for every referral, as the measure is defined by "6 months";
    the stricter child/adolescent psychiatry limit shows in the marts.
  - `social_assessment_over_limit` counts the waits the 7-business-day rule
    applies to (75+, highest care allowance, child welfare);
    `social_implementation_over_limit` the non-urgent cases (the rule's
    scope).
-#}
{%- set pc_treatment_rules = "('pc_treatment', 'oral_treatment')" -%}
{#- code, filter on governing completed waits, value, person expression, by service -#}
{%- set wait_measures = [
    {'code': 'pc_assessment_waits', 'filter': "rule = 'pc_assessment' and is_governing",
        'value': 'count(*)', 'by_service': true},
    {'code': 'pc_assessment_over_limit', 'filter': "rule = 'pc_assessment' and is_governing and is_over_limit",
        'value': 'count(*)', 'by_service': true},
    {'code': 'pc_assessment_mean_bdays', 'filter': "rule = 'pc_assessment' and is_governing",
        'value': 'avg(wait_business_days)', 'by_service': true},
    {'code': 'pc_treatment_over_limit',
        'filter': 'rule in ' ~ pc_treatment_rules ~ ' and is_governing and is_over_limit',
        'value': 'count(*)', 'by_service': true},
    {'code': 'pc_treatment_mean_days', 'filter': 'rule in ' ~ pc_treatment_rules ~ ' and is_governing',
        'value': 'avg(wait_days)', 'by_service': true},
    {'code': 'sc_handling_over_limit',
        'filter': "rule = 'sc_handling' and applies_to = 'specialised_care' and is_over_limit",
        'value': 'count(*)', 'by_service': false},
    {'code': 'sc_treatment_over_limit',
        'filter': "rule = 'sc_treatment' and applies_to = 'specialised_care' and is_over_limit",
        'value': 'count(*)', 'by_service': false},
    {'code': 'social_assessment_over_limit',
        'filter': "rule = 'social_assessment_start' and is_governing and is_over_limit",
        'value': 'count(*)', 'by_service': true},
    {'code': 'social_implementation_over_limit',
        'filter': "rule = 'social_implementation' and is_governing and is_over_limit",
        'value': 'count(*)', 'by_service': true},
] -%}
{%- set stock_measures = [
    {'code': 'sc_open_over_6m',
        'filter': "rule = 'sc_treatment' and applies_to = 'specialised_care' and is_over_limit",
        'value': 'count(*)', 'by_service': false},
] -%}
{%- set null_text = 'cast(null as ' ~ dbt.type_string() ~ ')' -%}

with periods as (
    select
        county_code,
        period_grain,
        period_start,
        period_end,
        stock_date
    from {{ ref('int_reporting_periods') }}
),

completed_waits as (
    select
        periods.period_grain,
        periods.period_start,
        waits.*
    from {{ ref('int_availability_waits_measured') }} as waits
    inner join periods
        on {{ tietopohja.in_period('waits', 'wait_end_date') }}
    where waits.wait_status = 'completed'
),

open_at_end as (
    select
        periods.period_grain,
        periods.period_start,
        open_waits.*
    from {{ ref('int_availability_open_waits_month_end') }} as open_waits
    inner join periods
        on
            open_waits.county_code = periods.county_code
            and open_waits.month_end = periods.stock_date
),

measures as (
    {%- set ns = namespace(first=true) %}
    {%- for source, specs in [('completed_waits', wait_measures), ('open_at_end', stock_measures)] %}
    {%- for m in specs %}
    {%- for by_service in ([false, true] if m.by_service else [false]) %}
    {%- if not ns.first %}
    union all
    {%- endif %}
    {%- set ns.first = false %}
    select
        county_code,
        '{{ m.code }}' as measure_code,
        period_grain,
        period_start,
        {{ 'service_code' if by_service else null_text }} as service_code,
        cast({{ m.value }} as {{ tietopohja.type_double() }}) as value,
        count(distinct person_pseudonym) as person_count
    from {{ source }}
    where {{ m.filter }}{{ ' and service_code is not null' if by_service }}
    group by county_code, period_grain, period_start{{ ', service_code' if by_service }}
    {%- endfor %}
    {%- endfor %}
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
    cast(person_count as {{ dbt.type_bigint() }}) as person_count
from measures
