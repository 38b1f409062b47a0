-- The need theme's key figures stay in their domains and periods:
-- percentages 0–100, NPS −100…100, ratios and rates ≥ 0, counts ≥ 0 and
-- whole numbers, every period one of int_reporting_periods, and a
-- person_count never larger than a count of persons it stands for.
select figures.*
from {{ ref('int_key_figures__need') }} as figures
left join {{ ref('int_reporting_periods') }} as periods
    on
        {{ tietopohja.keys_match('figures', 'periods', ['county_code', 'period_grain', 'period_start']) }}
where
    periods.county_code is null
    or figures.value < case when figures.measure_code = 'feedback_nps' then -100 else 0 end
    or (figures.measure_code in ('readmissions_30d_pct', 'feedback_nps') and figures.value > 100)
    or (
        figures.measure_code in ('residents', 'outpatient_visits', 'care_days', 'clients_health_and_social')
        and figures.value <> floor(figures.value)
    )
    or (figures.measure_code = 'clients_health_and_social' and figures.person_count <> figures.value)
    or (figures.measure_code in ('residents', 'dependency_ratio') and figures.person_count is not null)
