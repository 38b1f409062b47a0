{#-
  The Finnish calendar on Spark. dbt-spark cannot run the Python model
  models/intermediate/calendar/int_calendar_days_generated.py in a local
  session, so `tietopohja spark-build` runs that same Python code (the
  `holidays` package; nothing typed by hand) before dbt and writes its rows to
  <TIETOPOHJA_SPARK_DIR>/calendar_days.parquet; this model only reads them.
  Enabled on Spark only (dbt_project.yml disables the Python model there);
  documented and tested in ../calendar/_calendar__models.yml.
-#}
{{ config(enabled=target.type == 'spark', materialized='table') }}

with generated as (
    select *
    from parquet.`{{ env_var('TIETOPOHJA_SPARK_DIR', '/tmp/tietopohja-spark') }}/calendar_days.parquet`
)

select
    cast(calendar_date as date) as calendar_date,
    cast(calendar_year as bigint) as calendar_year,
    cast(calendar_month as bigint) as calendar_month,
    cast(month_start as date) as month_start,
    cast(quarter_start as date) as quarter_start,
    cast(year_start as date) as year_start,
    cast(iso_year as bigint) as iso_year,
    cast(iso_week as bigint) as iso_week,
    cast(iso_weekday as bigint) as iso_weekday,
    cast(iso_week_start as date) as iso_week_start,
    cast(iso_week_thursday as date) as iso_week_thursday,
    cast(is_weekend as boolean) as is_weekend,
    cast(is_holiday as boolean) as is_holiday,
    cast(holiday_name_fi as {{ dbt.type_string() }}) as holiday_name_fi,
    cast(is_business_day as boolean) as is_business_day,
    cast(business_day_index as bigint) as business_day_index
from generated
