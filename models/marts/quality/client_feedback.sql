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
with grouped as (
    {#- the feedback rows of int_need_measures_aggregated, where NPS and the
        mean are computed once (int_key_figures__need publishes the NPS of
        the county and of each known service) -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        unit_id,
        responses,
        promoters,
        detractors,
        score_sum,
        mean_score,
        nps
    from {{ ref('int_need_measures_aggregated') }}
    where responses is not null
),

densified as (
    {{ tietopohja.dense_over_periods(
        'grouped', ['service_code', 'unit_id'], ['responses', 'promoters', 'detractors', 'score_sum'],
        rate_columns=['mean_score', 'nps']
    ) }}
),

scored as (
    select
        densified.*,
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
