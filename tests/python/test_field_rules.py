"""Landing contract v1.1, "Field rules": what real exports contain, read exactly or quarantined.

One build of ``tests/landing/field_rules`` (``landing_small`` plus files the way
spreadsheets, ERP reports, pandas and Spark write them), copied under a landing
root whose path holds ``'``, ``;``, ``$`` and a space, with the files that
cannot live in git made by the test: Parquet files and a Parquet dataset
folder (native DATE, TIMESTAMP_NS and TIMESTAMPTZ columns, integer codes), a
broken link, editors' lock and backup files, a sub-folder, an unknown
extension. Every expected value below was worked out by hand from those files.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import BUILD_WITHOUT_UNIT_TESTS, FIXTURES, Build, build

FOLDER = FIXTURES / "field_rules"

#: every hetu the folder holds (valid or not, in any column, glued or with a dash look-alike)
HETUS = [
    "010180-1232",
    "120595-4560",
    "310799-789M",
    "111170-135C",
    "020202A246B",
    "050505-800B",
    "150360-222R",
    "150360\u2013222R",
    "010150-123A",
    "150685Y246C",
    "010150-123B",
    "030310a331l",
    "030310A331L",
    "290244-1118",
    "241219B9025",
    "300224A1234",
    "050530X2225",
    "071280-9139",
]


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _parquet_files(landing: Path) -> None:
    con = duckdb.connect()
    try:
        # pandas-style: DATE and an integer score
        con.execute(
            "copy (select 'FR_F6' as feedback_id, 'U_PTH' as unit_id, date '2024-03-09' as answered_at, "
            f"cast(9 as bigint) as score) to {_sql_path(landing / 'patient' / 'feedback.PARQUET')} (format parquet)"
        )
        # Spark-style dataset folder: part files, _SUCCESS and a .crc beside them; TIMESTAMPTZ,
        # TIMESTAMP_NS and an integer municipality code (020 Akaa)
        dataset = landing / "patient" / "inpatient_episodes_pq.parquet"
        dataset.mkdir()
        con.execute("set timezone = 'UTC'")
        con.execute(
            "copy (select 'FR_EP1' as episode_id, '071280-9139' as hetu, 20 as home_municipality_code, "
            "'U_OSA' as unit_id, timestamptz '2024-03-10 08:00:00+00' as admitted_at, "
            "cast(timestamp '2024-03-12 12:00:00' as timestamp_ns) as discharged_at, '10' as specialty, "
            "'I25.1' as main_diagnosis_icd10, 'own' as production_mode) "
            f"to {_sql_path(dataset / 'part-00000-a.snappy.parquet')} (format parquet)"
        )
        con.execute(
            "copy (select 'FR_EP2' as episode_id, '010180-1232' as hetu, 638 as home_municipality_code, "
            "'U_OSA' as unit_id, timestamptz '2024-07-10 21:30:00+00' as admitted_at, "
            "cast(null as timestamp_ns) as discharged_at, '10' as specialty, "
            "null as main_diagnosis_icd10, 'own' as production_mode) "
            f"to {_sql_path(dataset / 'part-00001-a.snappy.parquet')} (format parquet)"
        )
        (dataset / "_SUCCESS").write_bytes(b"")
        (dataset / ".part-00000-a.snappy.parquet.crc").write_bytes(b"crc")
        # a timestamp in a date column: midnight is that date, any other time is invalid_date
        con.execute(
            "copy (select * from (values "
            "('FR_R1', '010180-1232', '638', 'U_OSA', '10', timestamp '2024-03-11 00:00:00'), "
            "('FR_R2', '120595-4560', '638', 'U_OSA', '10', timestamp '2024-03-11 10:30:00')) "
            "as t(referral_id, hetu, home_municipality_code, unit_id, specialty, received_at)) "
            f"to {_sql_path(landing / 'patient' / 'referrals_pq.parquet')} (format parquet)"
        )
    finally:
        con.close()


def _things_not_read(landing: Path) -> None:
    (landing / "patient" / "visits_old.csv").symlink_to(landing / "patient" / "no_such_file.csv")
    (landing / "finance" / ".~lock.gl_entries_2024-03.csv#").write_text("lock", encoding="utf-8")
    (landing / "finance" / "gl_entries_2024-03.csv.bak").write_text("backup", encoding="utf-8")
    (landing / "finance" / "archive").mkdir()
    (landing / "finance" / "archive" / "gl_entries_2023.csv").write_text("entry_id\n", encoding="utf-8")
    (landing / "population" / "residents.xlsx").write_bytes(b"PK")
    (landing / "README.txt").write_text("delivered 2024-03\n", encoding="utf-8")


@pytest.fixture(scope="module")
def field(tmp_path_factory) -> Build:
    root = tmp_path_factory.mktemp("field") / "land 'q;$x"
    shutil.copytree(FOLDER, root)
    _parquet_files(root)
    _things_not_read(root)
    b = build(root.parent, root, "build", args=BUILD_WITHOUT_UNIT_TESTS)
    assert b.result.ok, b.result.output[-5000:]
    return b


def _quarantine(b: Build, entity: str, file: str) -> dict[int, str]:
    rows = b.query(
        "select source_line, reason_code from marts.landing_quarantine where entity = ? and source_file = ?",
        [entity, file],
    )
    return dict(rows)


def _one(b: Build, sql: str, params: list) -> tuple:
    rows = b.query(sql, params)
    assert len(rows) == 1, (sql, params, rows)
    return rows[0]


# --------------------------------------------------------------------------
# dates and timestamps
# --------------------------------------------------------------------------


def test_iso_timestamps_with_t_fractions_and_offsets(field):
    assert _one(
        field,
        "select contacted_at, assessed_at, treatment_at from staging.stg_patient__contacts where contact_id = ?",
        ["FR_C1"],
    ) == (
        datetime(2024, 3, 5, 8, 15, 0, 500000),  # +02:00 is Helsinki's own offset in March
        datetime(2024, 3, 5, 9, 0),  # 07:00Z is 09:00 in Helsinki (EET)
        datetime(2024, 3, 6, 10, 0, 0, 123456),  # nanoseconds to the microsecond
    )
    assert _one(
        field, "select contacted_at, assessed_at from staging.stg_patient__contacts where contact_id = ?", ["FR_C2"]
    ) == (
        datetime(2024, 7, 1, 15, 0),  # 12:00Z in summer time (EEST, +03)
        datetime(2024, 7, 1, 15, 30),  # +03 without minutes
    )


def test_finnish_times_with_a_dot(field):
    assert _one(
        field,
        "select contacted_at, assessed_at, treatment_needed from staging.stg_patient__contacts where contact_id = ?",
        ["FR_C5"],
    ) == (datetime(2024, 3, 5, 8, 5), datetime(2024, 3, 5, 9, 30), True)


def test_two_digit_years_and_dates_before_1900_are_quarantined(field):
    assert _quarantine(field, "patient/contacts", "patient/contacts_fi_2024-03.csv") == {3: "invalid_timestamp"}
    assert _quarantine(field, "patient/contacts", "patient/contacts_2024-03.csv") == {5: "out_of_range"}
    assert _quarantine(field, "finance/gl_entries", "finance/gl_entries_2024-03.csv")[7] == "invalid_date"


def test_a_bad_date_does_not_stretch_the_calendar(field):
    # the year-24 and year-1899 rows are quarantined: the periods are the union of the sources'
    # coverage (the population's year-end 31.12.2023 covers December 2023 up to the next year-end),
    # never year 24 or 1899
    assert field.query(
        "select min(period_start), max(period_start) from intermediate.int_reporting_periods "
        "where period_grain = 'month'"
    ) == [(date(2023, 12, 1), date(2024, 12, 1))]


# --------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------


def test_finnish_numbers(field):
    amounts = dict(
        field.query("select entry_id, amount_eur from staging.stg_finance__gl_entries where entry_id like 'FR_E%'")
    )
    assert amounts == {
        "FR_E1": Decimal("1234.50"),  # no-break space between thousands
        "FR_E2": Decimal("-12.00"),  # U+2212 minus
        "FR_E4": Decimal("10.00"),
        "FR_E5": Decimal("20.00"),
        "FR_E7": Decimal("2000.00"),  # narrow no-break space
        "FR_E8": Decimal("3000.25"),  # space
    }
    # '1.234' in a Finnish file: thousands or decimals? never guessed
    assert _quarantine(field, "finance/gl_entries", "finance/gl_entries_2024-03.csv")[4] == "invalid_number"


def test_integer_columns_are_never_rounded(field):
    scores = dict(
        field.query("select feedback_id, score from staging.stg_patient__feedback where feedback_id like 'FR_F%'")
    )
    assert scores == {"FR_F1": 7, "FR_F3": 8, "FR_F5": 3, "FR_F6": 9}
    assert _quarantine(field, "patient/feedback", "patient/feedback_fi.Csv") == {3: "invalid_number"}
    assert _quarantine(field, "patient/feedback", "patient/feedback_2024-04.csv") == {2: "invalid_number"}


# --------------------------------------------------------------------------
# text and header
# --------------------------------------------------------------------------


def test_quoted_header_name_with_the_delimiter_shifts_nothing(field):
    assert _one(
        field,
        "select document_id, posting_date, account, cost_center, description "
        "from staging.stg_finance__gl_entries where entry_id = ?",
        ["FR_E1"],
    ) == ("FD1", date(2024, 3, 1), "4000", "CC_PTH", "Palkat")


def test_decomposed_characters_and_invisible_whitespace(field):
    # kyllä written as a + U+0308 (a Mac) is true; määräaikainen so written is fixed_term
    assert _one(
        field, "select employment_type from staging.stg_hr__employments where employment_id = ?", ["FR_T6"]
    ) == ("fixed_term",)
    assert _one(field, "select paid from staging.stg_hr__absences where absence_id = ?", ["FR_A2"]) == (True,)
    # a tab after the hetu: the same person as without it
    assert field.scalar("select count(*) from staging.stg_patient__contacts where contact_id = 'FR_C3'") == 1


# --------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------


def test_every_extension_case_and_blank_lines_before_the_header(field):
    assert field.scalar("select count(*) from staging.stg_hr__absences where absence_id = 'FR_A1'") == 1
    assert field.scalar("select count(*) from staging.stg_hr__work_hours where work_date = date '2024-03-04'") == 1


def test_parquet_native_types_and_integer_codes(field):
    rows = field.query(
        "select episode_id, home_municipality_code, admitted_at, discharged_at "
        "from staging.stg_patient__inpatient_episodes where episode_id like 'FR_EP%' order by 1"
    )
    assert rows == [
        ("FR_EP1", "020", datetime(2024, 3, 10, 10, 0), datetime(2024, 3, 12, 12, 0)),
        ("FR_EP2", "638", datetime(2024, 7, 11, 0, 30), None),  # 21:30Z in July is 00:30 next day
    ]
    assert _one(field, "select received_at from staging.stg_patient__referrals where referral_id = ?", ["FR_R1"]) == (
        date(2024, 3, 11),
    )
    assert _quarantine(field, "patient/referrals", "patient/referrals_pq.parquet") == {3: "invalid_date"}


def test_row_accounting_still_balances(field):
    for entity, read, staged, quarantined, superseded in field.query(
        "select entity, rows_read, rows_staged, rows_quarantined, rows_superseded from marts.landing_row_accounting"
    ):
        assert read == staged + quarantined + superseded, entity


# --------------------------------------------------------------------------
# validity overlaps
# --------------------------------------------------------------------------


def test_overlapping_unit_validity_is_a_finding_with_both_rows(field):
    assert field.query(
        "select entity, key_value, earlier_valid_from, earlier_valid_to, earlier_cost_center, earlier_source_file, "
        "later_valid_from, later_cost_center, later_source_file, later_source_line, overlap_from, overlap_to, "
        "events_in_overlap_map_to, client_events_in_overlap from marts.validity_overlaps"
    ) == [
        (
            "org/units",
            "U_PTH",
            date(2020, 1, 1),
            None,
            "CC_PTH",
            "org/units.csv",
            date(2024, 3, 1),
            "CC_TEH",
            "org/units_2024-03.csv",
            2,
            date(2024, 3, 1),
            None,
            # contacts FR_C1, FR_C2, FR_C3, FR_C5 and visit FR_V1 are at U_PTH from March on
            "later_valid_from",
            5,
        )
    ]


def test_events_in_the_overlap_map_to_the_later_row(field):
    assert field.query(
        "select distinct cost_center from intermediate.int_client_events_mapped "
        "where unit_id = 'U_PTH' and event_date >= date '2024-03-01'"
    ) == [("CC_TEH",)]
    assert field.query(
        "select distinct cost_center from intermediate.int_client_events_mapped "
        "where unit_id = 'U_PTH' and event_date < date '2024-03-01'"
    ) == [("CC_PTH",)]


# --------------------------------------------------------------------------
# identity codes
# --------------------------------------------------------------------------


def test_hetu_in_a_code_column_quarantines_the_row(field):
    assert _quarantine(field, "patient/visits", "patient/visits_2024-03.csv") == {3: "invalid_format"}
    assert _quarantine(field, "org/units", "org/units_2024-03.csv") == {3: "invalid_format"}


def test_hetu_in_free_text_is_replaced(field):
    assert dict(
        field.query(
            "select entry_id, description from staging.stg_finance__gl_entries where entry_id in ('FR_E4', 'FR_E5')"
        )
    ) == {"FR_E4": "asiakas_[hetu] maksu", "FR_E5": "Laskun liite [hetu]"}


def test_no_hetu_anywhere(field):
    """Every text column of every table and view, every text file dbt wrote: no hetu of the folder."""
    con = duckdb.connect(str(field.db_path), read_only=True)
    try:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns where data_type = 'VARCHAR'"
        ).fetchall()
        assert len(columns) > 300
        found = []
        for schema, table, column in columns:
            for hetu in HETUS:
                n = con.execute(
                    f'select count(*) from "{schema}"."{table}" where strpos(upper("{column}"), ?) > 0',
                    [hetu.upper()],
                ).fetchone()[0]
                if n:
                    found.append((schema, table, column, hetu))
    finally:
        con.close()
    assert found == []
    work = field.db_path.parent
    for path in work.rglob("*"):
        if path.is_file() and path.suffix in {".json", ".log", ".sql", ".txt", ".csv"}:
            text = path.read_text(encoding="utf-8", errors="replace").upper()
            assert not [h for h in HETUS if h.upper() in text], path
