{#-
  Henkilöstön tunnusluvut — the personnel measures, computed once per
  county and reporting period (month, quarter, year of int_reporting_periods)
  for every breakdown the theme publishes (`breakdown`):
  - `organisation`: division → department → section → cost centre (the cost
    centre's row in finance/cost_centers; personnel_by_organisation);
  - `occupation`: occupation (personnel_by_occupation);
  - `service`: the cost centre's service, structure level and segment
    (staff of support and administration centres: all three NULL;
    personnel_by_service);
  - `county`: the whole county (int_key_figures__personnel).
  The additive columns are summed per cost centre and occupation first, then
  per breakdown (grouping sets); the rates are computed from the sums
  (macros/personnel/personnel_rates.sql). Every breakdown value a county has
  in any of its personnel periods (the periods with any personnel row) has a
  row in each of them, 0 HTV and headcount where it had no employees, so the
  change from such a period is defined. The marts add value_status and the
  changes; int_key_figures__personnel takes the `county` rows.

  - HTV: sums of the employment months in the period (months sum to
    quarters and years).
  - Headcount (choice): employments active on the period's first / last day
    (a person with two concurrent employments counts twice: the turnover
    numerator counts employments too, and the counts add up across the
    organisation). Active = employed that day, absent or not: the day is in
    the employment's counted span (int_employment_spans_clipped: first_day
    <= day <= last_day). The window (int_personnel_windows_derived) covers
    every day of the reporting periods, so these are the period's own first
    and last day; only where the var personnel_first_month cuts a quarter or
    year does its first day inside the window stand for its start (periods
    wholly before it have no rows).
  - Permanent leavers: permanent employments whose last day (end_date) is in
    the period and in the counted span, with end_reason resignation,
    retirement or dismissal. Internal transfers, end of fixed term and
    `other` are not turnover.
  - Sick and training days: calendar days of the employments covered by a
    sick_leave / training absence, each day once.
  - Rates: turnover of permanent staff (%), sickness-absence days per paid
    HTV, training days per headcount (tietopohja.personnel_rates); NULL where
    the denominator is 0. training_days_per_headcount = the training days of
    every employment in the period (also of one that ended before its last
    day, paid or not) ÷ employments active on the period's last day: the
    v1.1 definition of the key figure, which the personnel marts follow too
    (one definition; before, the marts divided by the average of the first
    and last day's headcount).
  - v1.1 (minimum-data spec, "Measures and breakdowns added in v1.1"):
    residents = the county's year-end residents of the period
    (int_need_measures_aggregated's whole-county rows, as every per-1,000
    rate; NULL without delivered population); htv_paid_per_1000 = paid
    HTV ÷ residents × 1000 (on a `service` row the HTV of that service's cost centres, on the
    service-NULL row support and administration staff, who count in the
    `county` total only); fixed_term_htv_share_pct = fixed-term paid HTV ÷
    paid HTV × 100.
-#}
with reporting_periods as (
    select
        county_code,
        period_grain,
        period_start,
        period_end
    from {{ ref('int_reporting_periods') }}
),

county_windows as (
    select
        county_code,
        window_start,
        window_end
    from {{ ref('int_personnel_windows_derived') }}
),

periods as (
    select
        reporting_periods.county_code,
        reporting_periods.period_grain,
        reporting_periods.period_start,
        reporting_periods.period_end,
        case
            when reporting_periods.period_start < county_windows.window_start then county_windows.window_start
            else reporting_periods.period_start
        end as stock_start_date,
        case
            when reporting_periods.period_end > county_windows.window_end then county_windows.window_end
            else reporting_periods.period_end
        end as stock_end_date
    from reporting_periods
    inner join county_windows
        on
            reporting_periods.county_code = county_windows.county_code
            and reporting_periods.period_end >= county_windows.window_start
            and reporting_periods.period_start <= county_windows.window_end
),

htv as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        months.cost_center,
        months.occupation_code,
        months.htv_paid,
        case when months.employment_type = 'permanent' then months.htv_paid else 0.0 end as htv_paid_permanent,
        case when months.employment_type = 'fixed_term' then months.htv_paid else 0.0 end as htv_paid_fixed_term,
        months.htv_worked,
        case when months.employment_type = 'permanent' then months.htv_worked else 0.0 end as htv_worked_permanent,
        case when months.employment_type = 'fixed_term' then months.htv_worked else 0.0 end as htv_worked_fixed_term,
        0 as headcount_start,
        0 as headcount_end,
        0 as permanent_headcount_start,
        0 as permanent_headcount_end,
        0 as permanent_leavers,
        months.sick_days,
        months.training_days
    from {{ ref('int_employment_months_aggregated') }} as months
    inner join periods
        on {{ tietopohja.in_period('months') }}
),

stock_and_leavers as (
    select
        periods.county_code,
        periods.period_grain,
        periods.period_start,
        spans.cost_center,
        spans.occupation_code,
        0.0 as htv_paid,
        0.0 as htv_paid_permanent,
        0.0 as htv_paid_fixed_term,
        0.0 as htv_worked,
        0.0 as htv_worked_permanent,
        0.0 as htv_worked_fixed_term,
        case
            when periods.stock_start_date between spans.first_day and spans.last_day then 1 else 0
        end as headcount_start,
        case
            when periods.stock_end_date between spans.first_day and spans.last_day then 1 else 0
        end as headcount_end,
        case
            when
                periods.stock_start_date between spans.first_day and spans.last_day
                and spans.employment_type = 'permanent'
                then 1
            else 0
        end as permanent_headcount_start,
        case
            when
                periods.stock_end_date between spans.first_day and spans.last_day
                and spans.employment_type = 'permanent'
                then 1
            else 0
        end as permanent_headcount_end,
        case
            when
                spans.end_date between spans.first_day and spans.last_day
                and spans.end_date between periods.period_start and periods.period_end
                and spans.employment_type = 'permanent'
                and spans.end_reason in ('resignation', 'retirement', 'dismissal')
                then 1
            else 0
        end as permanent_leavers,
        0 as sick_days,
        0 as training_days
    from {{ ref('int_employment_spans_clipped') }} as spans
    inner join periods
        on
            spans.county_code = periods.county_code
            and spans.first_day <= periods.period_end
            and spans.last_day >= periods.period_start
    where
        periods.stock_start_date between spans.first_day and spans.last_day
        or periods.stock_end_date between spans.first_day and spans.last_day
        or (
            spans.end_date between spans.first_day and spans.last_day
            and spans.end_date between periods.period_start and periods.period_end
        )
),

unioned as (
    select * from htv
    union all
    select * from stock_and_leavers
),

by_cost_center_and_occupation as (
    select
        unioned.county_code,
        unioned.period_grain,
        unioned.period_start,
        unioned.cost_center,
        unioned.occupation_code,
        {{ tietopohja.personnel_sums('unioned') }}
    from unioned
    group by
        unioned.county_code,
        unioned.period_grain,
        unioned.period_start,
        unioned.cost_center,
        unioned.occupation_code
),

classified as (
    select
        measures.*,
        cost_centers.division,
        cost_centers.department,
        cost_centers.section,
        cost_centers.service_code,
        cost_centers.structure_level,
        cost_centers.service_segment as segment
    from by_cost_center_and_occupation as measures
    left join {{ ref('int_cost_centers_mapped') }} as cost_centers
        on measures.cost_center = cost_centers.cost_center
),

summed as (
    {#- one row per breakdown value. `noqa: PRS, LT02, RF03`: sqlfluff's
        DuckDB dialect does not parse `grouping sets` (DuckDB and Spark run
        it; RF03: it takes `grouping` for a column) -#}
    select
        classified.county_code,
        classified.period_grain,
        classified.period_start,
        case
            when grouping(classified.cost_center) = 0 then 'organisation'
            when grouping(classified.occupation_code) = 0 then 'occupation'
            when grouping(classified.service_code) = 0 then 'service'
            else 'county'
        end as breakdown,
        classified.division,
        classified.department,
        classified.section,
        classified.cost_center,
        classified.occupation_code,
        classified.service_code,
        classified.structure_level,
        classified.segment,
        {{ tietopohja.personnel_sums('classified') }}
    from classified
    group by
        classified.county_code,
        classified.period_grain,
        classified.period_start,
        grouping sets (  -- noqa: PRS, LT02, RF03
            (classified.division, classified.department, classified.section, classified.cost_center),  -- noqa: PRS, LT02
            (classified.occupation_code),  -- noqa: PRS, LT02
            (classified.service_code, classified.structure_level, classified.segment),  -- noqa: PRS, LT02
            ()  -- noqa: PRS, LT02
        )  -- noqa: PRS, LT02
),

personnel_periods as (
    {#- the county's periods with any personnel row -#}
    select
        reporting_periods.county_code,
        reporting_periods.period_grain,
        reporting_periods.period_start,
        reporting_periods.period_end
    from reporting_periods
    inner join (
        select distinct
            county_code,
            period_grain,
            period_start
        from by_cost_center_and_occupation
    ) as personnel
        on
            {{ tietopohja.keys_match(
                'reporting_periods', 'personnel', ['county_code', 'period_grain', 'period_start']
            ) }}
),

densified as (
    {{ tietopohja.dense_over_periods(
        'summed',
        [
            'breakdown', 'division', 'department', 'section', 'cost_center', 'occupation_code',
            'service_code', 'structure_level', 'segment'
        ],
        tietopohja.personnel_additive_columns().keys() | list,
        periods='personnel_periods'
    ) }}
)

select
    densified.*,
    {{ tietopohja.personnel_rates('densified') }},
    county_residents.residents,
    cast(densified.htv_paid * 1000 / nullif(county_residents.residents, 0) as {{ tietopohja.type_double() }})
        as htv_paid_per_1000,
    cast(densified.htv_paid_fixed_term * 100 / nullif(densified.htv_paid, 0) as {{ tietopohja.type_double() }})
        as fixed_term_htv_share_pct
from densified
-- the county's year-end residents of the period, summed once in the need
-- measure model (its whole-county row)
left join {{ ref('int_need_measures_aggregated') }} as county_residents
    on
        densified.county_code = county_residents.county_code
        and densified.period_grain = county_residents.period_grain
        and densified.period_start = county_residents.period_start
        and {{ tietopohja.whole_county_row('county_residents') }}
