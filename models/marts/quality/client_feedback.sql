{#-
  Asiakaspalaute — client feedback by unit and service per month, quarter
  and year of the answer day (int_feedback_mapped): responses, mean score
  (0–10) and NPS = (share of scores 9–10 − share of scores 0–6) × 100, from
  −100 to 100. Rows: whole county (service_code and unit_id NULL), per
  service (unit_id NULL), per unit (with its service). A unit without a
  known service is under service `unknown`. Dense over the county's
  periods: a unit without answers in a period has a row (0 responses,
  mean and NPS NULL).
-#}
{%- set bigint = dbt.type_bigint() -%}
with answers as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        coalesce(feedback.service_code, 'unknown') as service_code,
        feedback.unit_id,
        feedback.score,
        feedback.is_promoter,
        feedback.is_detractor
    from {{ ref('int_feedback_mapped') }} as feedback
    inner join {{ ref('int_reporting_periods') }} as periods
        on
            feedback.county_code = periods.county_code
            and feedback.answered_at between periods.period_start and periods.period_end
),

grouped as (
    {{ tietopohja.union_of_groupings(
        'answers',
        keys=['county_code', 'period_grain', 'period_start'],
        dims=['service_code', 'unit_id'],
        sets=[[], ['service_code'], ['service_code', 'unit_id']],
        measures=[
            'cast(count(*) as ' ~ bigint ~ ') as responses',
            'cast(sum(case when is_promoter then 1 else 0 end) as ' ~ bigint ~ ') as promoters',
            'cast(sum(case when is_detractor then 1 else 0 end) as ' ~ bigint ~ ') as detractors',
            'cast(sum(score) as ' ~ bigint ~ ') as score_sum',
        ]
    ) }}
),

densified as (
    {{ tietopohja.dense_over_periods(
        'grouped', ['service_code', 'unit_id'], ['responses', 'promoters', 'detractors', 'score_sum']
    ) }}
),

scored as (
    select
        densified.*,
        cast(densified.score_sum as {{ tietopohja.type_double() }}) / nullif(densified.responses, 0) as mean_score,
        (densified.promoters - densified.detractors) * 100.0 / nullif(densified.responses, 0) as nps,
        {{ tietopohja.value_status_column(['patient'], 'any', 'densified') }} as value_status
    from densified
),

changes as (
    {{ tietopohja.period_changes(
        'scored', ['county_code', 'service_code', 'unit_id'], ['nps', 'mean_score'], status_column='value_status'
    ) }}
)

select
    county_code,
    period_grain,
    period_start,
    service_code,
    unit_id,
    {{ tietopohja.delivered('responses') }} as responses,
    {{ tietopohja.delivered('promoters') }} as promoters,
    {{ tietopohja.delivered('detractors') }} as detractors,
    cast({{ tietopohja.delivered('mean_score') }} as double) as mean_score,
    cast({{ tietopohja.delivered('nps') }} as double) as nps,
    {{ tietopohja.period_change_columns({'nps': tietopohja.type_double(), 'mean_score': tietopohja.type_double()}) }},
    value_status
from changes
