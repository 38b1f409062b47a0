"""Finnish calendar days with public holidays and business days.

Generated in the build from the `holidays` package (never a hand-typed list).
A business day (arkipäivä) is Monday–Friday that is not a Finnish public
holiday; Christmas Eve and Midsummer Eve count as holidays (minimum-data
spec, calendar rules). `business_day_index` counts business days from the
first calendar day up to and including the day, so business-day arithmetic
is a join on this table (macros/calendar/).

Span: the years `calendar_first_year` … `calendar_last_year` (vars), widened
to every year of the counties' source groups' coverage (int_source_coverage:
declared in delivery/coverage or derived from the data), so a delivery that
reaches back before the default first year is covered without settings (the
landing contract sets no lower bound on dates). The calendar reads nothing
but the coverage and the vars.
"""

import datetime as dt


def _eves(year: int) -> dict:
    """Christmas Eve (24 Dec) and Midsummer Eve (Friday 19–25 June)."""
    midsummer_eve = next(
        dt.date(year, 6, d) for d in range(19, 26) if dt.date(year, 6, d).weekday() == 4
    )
    return {dt.date(year, 12, 24): "Jouluaatto", midsummer_eve: "Juhannusaatto"}


def model(dbt, session):
    import holidays
    import pandas as pd

    dbt.config(materialized="table")
    first_year = int(dbt.config.get("first_year"))
    last_year = int(dbt.config.get("last_year"))
    coverage = dbt.ref("int_source_coverage").df()
    coverage = coverage[coverage["county_code"].notna()]
    if len(coverage):
        first_year = min(first_year, int(pd.to_datetime(coverage["first_month"]).min().year))
        last_year = max(last_year, int(pd.to_datetime(coverage["last_month"]).max().year))
    years = range(first_year, last_year + 1)
    finnish = holidays.country_holidays("FI", years=years, language="fi")
    names = {day: name for day, name in finnish.items()}
    for year in years:
        for day, name in _eves(year).items():
            names.setdefault(day, name)

    rows = []
    index = 0
    day = dt.date(first_year, 1, 1)
    end = dt.date(last_year, 12, 31)
    while day <= end:
        iso = day.isocalendar()
        is_weekend = iso.weekday >= 6
        is_holiday = day in names
        is_business_day = not is_weekend and not is_holiday
        index += int(is_business_day)
        thursday = day + dt.timedelta(days=4 - iso.weekday)
        rows.append(
            {
                "calendar_date": day,
                "calendar_year": day.year,
                "calendar_month": day.month,
                "month_start": day.replace(day=1),
                "quarter_start": dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1),
                "year_start": dt.date(day.year, 1, 1),
                "iso_year": iso.year,
                "iso_week": iso.week,
                "iso_weekday": iso.weekday,
                "iso_week_start": day - dt.timedelta(days=iso.weekday - 1),
                "iso_week_thursday": thursday,
                "is_weekend": is_weekend,
                "is_holiday": is_holiday,
                "holiday_name_fi": names.get(day),
                "is_business_day": is_business_day,
                "business_day_index": index,
            }
        )
        day += dt.timedelta(days=1)

    frame = pd.DataFrame(rows)
    for col in ("calendar_date", "month_start", "quarter_start", "year_start",
                "iso_week_start", "iso_week_thursday"):
        frame[col] = pd.to_datetime(frame[col]).dt.date
    return frame
