{#-
  Business-day arithmetic on the generated calendar (macros/calendar/business_days.sql)
  against hand-counted cases: the start day is day 0; Christmas Eve, Christmas
  and Boxing Day, New Year, Epiphany, Good Friday and Easter Monday, May
  Day, Ascension, Midsummer Eve are not business days. Returns the cases
  where the macros disagree with the hand count.
-#}
with cases as (
    select
        hand_counted.expected_business_days,
        hand_counted.n,
        cast(hand_counted.start_text as date) as start_date,
        cast(hand_counted.end_text as date) as end_date,
        cast(hand_counted.nth_text as date) as expected_nth_business_day
    from (
        values
        ('2024-12-20', '2024-12-30', 3, 3, '2024-12-30'),
        ('2024-12-23', '2024-12-27', 1, 1, '2024-12-27'),
        ('2024-12-31', '2025-01-07', 3, 3, '2025-01-07'),
        ('2025-04-17', '2025-04-22', 1, 1, '2025-04-22'),
        ('2024-03-28', '2024-04-02', 1, 2, '2024-04-03'),
        ('2025-06-18', '2025-06-23', 2, 3, '2025-06-24'),
        ('2024-06-20', '2024-06-24', 1, 1, '2024-06-24'),
        ('2025-06-21', '2025-06-23', 1, 3, '2025-06-25'),
        ('2025-04-30', '2025-05-02', 1, 1, '2025-05-02'),
        ('2025-05-28', '2025-05-30', 1, 1, '2025-05-30'),
        ('2025-12-22', '2026-01-07', 7, 7, '2026-01-07'),
        ('2025-12-22', '2025-12-22', 0, 0, '2025-12-22')
    ) as hand_counted (start_text, end_text, expected_business_days, n, nth_text)
),

computed as (
    select
        cases.*,
        {{ tietopohja.business_days_between('start_day', 'end_day') }} as business_days,
        nth_day.calendar_date as nth_business_day
    from cases
    {{ tietopohja.calendar_day_join('start_day', 'cases.start_date') }}
    {{ tietopohja.calendar_day_join('end_day', 'cases.end_date') }}
    {{ tietopohja.nth_business_day_join('nth_day', 'start_day', 'cases.n') }}
)

select *
from computed
where
    business_days is null
    or business_days <> expected_business_days
    or nth_business_day is null
    or nth_business_day <> expected_nth_business_day
