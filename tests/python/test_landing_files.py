"""Files of the landing contract v1.1: what reaches the build and the landing-files report.

One copy of tests/landing/landing_small, under a landing root whose path holds
a quote, a semicolon, a dollar sign, a space and a non-ASCII letter, is bent
the way real deliveries are (extensions in mixed case, Parquet files with
native types, a Parquet dataset folder written by Spark, a quoted header
name with the delimiter, blank lines before the header, a broken link, editor
lock and backup files, files the build does not read) and built once, with
the landing models, the report and their tests.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from conftest import BUILD_WITHOUT_UNIT_TESTS, FIXTURES, PartialRun, plain, run_partial
from tietopohja.dbt_runner import PARSE_CACHE_ENV, run_dbt

TRACEBACK = "Traceback (most recent call last)"
KEY = {"TIETOPOHJA_PSEUDONYM_KEY": "landing-file-tests"}
ROOT_NAME = "land'ing; $HOME ä"

SELECT = [
    "+landing_files",
    "+landing_row_accounting",
    "+landing_quarantine",
    "+assert_landing_files_listed_once",
    "+assert_landing_rows_accounted",
]


def _write_parquet(target: Path, select_sql: str) -> None:
    con = duckdb.connect()
    try:
        con.execute("set timezone = 'UTC'")
        escaped = str(target).replace("'", "''")
        con.execute(f"copy ({select_sql}) to '{escaped}' (format parquet)")
    finally:
        con.close()


def _visit(visit_id: str, at_sql: str, municipality: int = 91) -> str:
    return (
        f"select '{visit_id}' as visit_id, '010150-123A' as hetu, {municipality} as home_municipality_code,"
        f" 'U_PTH' as unit_id, {at_sql} as visit_at, 'R10' as contact_type, 'physician' as professional_group,"
        " 'own' as production_mode, false as urgent"
    )


@pytest.fixture(scope="module")
def odd(tmp_path_factory) -> PartialRun:
    work = tmp_path_factory.mktemp("files")
    landing = work / ROOT_NAME
    shutil.copytree(FIXTURES / "landing_small", landing)
    patient = landing / "patient"

    # extensions in any case
    (patient / "visits_2024-02.csv").rename(patient / "visits_2024-02.Csv")
    # a '*' in a file name (read as a glob pattern, it would take visits_2024-01.csv too)
    header = (patient / "visits_2024-01.csv").read_text(encoding="utf-8").splitlines()[0]
    (patient / "visits_2024-0*.csv").write_text(
        header + "\nVS1,010150-123A,638,U_PTH,2024-01-20 10:00,R10,physician,,,,false,own\n", encoding="utf-8"
    )
    # Parquet with native types: a nanosecond timestamp (pandas), an integer municipality code
    _write_parquet(
        patient / "visits_2024-03.PARQUET",
        _visit("VP1", "cast(timestamp '2024-03-05 10:15:00' as timestamp_ns)")
        + " union all "
        + _visit("VP2", "cast(timestamp '2024-03-06 09:00:00.25' as timestamp_ns)", 638),
    )
    # a Spark dataset folder: two part files with a time-zone timestamp, _SUCCESS and .crc files
    dataset = patient / "visits_2024-04.parquet"
    dataset.mkdir()
    _write_parquet(
        dataset / "part-00000-abc.snappy.parquet",
        _visit("VD1", "timestamptz '2024-04-02 07:30:00+00'"),  # 10:30 in Helsinki (summer time)
    )
    _write_parquet(
        dataset / "part-00001-abc.snappy.parquet",
        _visit("VD2", "timestamptz '2024-01-15 08:00:00+00'")  # 10:00 in Helsinki
        + " union all "
        + _visit("VD3", "timestamptz '2024-01-15 09:00:00+00'"),
    )
    (dataset / "_SUCCESS").write_bytes(b"")
    (dataset / ".part-00000-abc.snappy.parquet.crc").write_bytes(b"crc")

    # residents: a Parquet DATE column; a TIMESTAMP in the date column, midnight and not
    population = landing / "population"
    _write_parquet(
        population / "residents_2.parquet",
        "select date '2023-12-31' as stat_date, 91 as municipality_code, 1 as sex, 30 as age, 5 as residents",
    )
    _write_parquet(
        population / "residents_3.parquet",
        "select timestamp '2023-12-31 00:00:00' as stat_date, 638 as municipality_code, 2 as sex,"
        " 31 as age, 6 as residents union all "
        "select timestamp '2023-12-31 12:30:00', 638, 2, 32, 7",
    )

    # a quoted header name with the delimiter, one with doubled quotes, one with invisible spaces
    units = landing / "org" / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("unit_name", '"\u00a0unit_name\u200b"')
    units.write_text(
        "\n".join(
            ['"note, with comma","say ""hi""; ok",' + header] + [f'"a, b","x ""y""",{line}' for line in lines[1:]]
        )
        + "\n",
        encoding="utf-8",
    )
    # a Finnish-locale file with a quoted name holding its delimiter ';'
    centers = landing / "finance" / "cost_centers.csv"
    lines = centers.read_text(encoding="utf-8").splitlines()
    centers.write_text(
        "\n".join(['"x;y";' + lines[0]] + [f'"1;2";{line}' for line in lines[1:]]) + "\n", encoding="utf-8"
    )
    # blank lines (one empty, one of spaces) before the header
    cases = landing / "social" / "cases.csv"
    cases.write_text("\n   \n" + cases.read_text(encoding="utf-8"), encoding="utf-8")

    # things that are not read
    (landing / "README.txt").write_text("delivery notes\n", encoding="utf-8")
    (landing / "misc").mkdir()
    (landing / "misc" / "readme.md").write_text("x\n", encoding="utf-8")
    (patient / "archive").mkdir()
    shutil.copy(patient / "visits_2024-01.csv", patient / "archive" / "visits_2023.csv")
    (patient / "visits_notes.txt").write_text("x\n", encoding="utf-8")
    (patient / "old_visits.csv").write_text("a\n", encoding="utf-8")
    (patient / "~$visits_2024-01.csv").write_bytes(b"lock")
    (patient / ".~lock.visits_2024-01.csv#").write_text("lock\n", encoding="utf-8")
    shutil.copy(landing / "finance" / "budget.csv", landing / "finance" / "budget.csv.bak")
    os.symlink(work / "nowhere.csv", patient / "visits_2024-05.csv")
    (landing / "hr" / "empty").mkdir()

    return run_partial(work, landing, [*BUILD_WITHOUT_UNIT_TESTS, "-s", *SELECT], KEY)


def test_build_passes(odd):
    failed = {k: v for k, v in odd.results.items() if v[0] not in ("success", "pass")}
    assert odd.returncode == 0 and not failed, (failed, odd.output[-4000:])
    assert "test.tietopohja.assert_landing_files_listed_once" in {f"test.tietopohja.{k}" for k in odd.results}
    assert TRACEBACK not in odd.output


def test_extensions_in_any_case_and_dataset_folder(odd):
    rows = odd.query(
        "select _source_file, _file_order, _dialect, count(*), min(_source_line), max(_source_line)"
        " from staging.base_patient__visits group by all order by 2"
    )
    assert rows == [
        ("patient/visits_2024-0*.csv", 1, "canonical", 1, 2, 2),
        ("patient/visits_2024-01.csv", 2, "canonical", 3, 2, 4),
        ("patient/visits_2024-02.Csv", 3, "fi", 3, 2, 4),
        ("patient/visits_2024-03.PARQUET", 4, "parquet", 2, 2, 3),
        ("patient/visits_2024-04.parquet", 5, "parquet", 3, 2, 4),
    ]


def test_parquet_timestamps_and_integer_codes(odd):
    rows = odd.query(
        "select visit_id, _status, visit_at, home_municipality_code from staging.base_patient__visits"
        " where visit_id like 'V_%' and _dialect = 'parquet' order by visit_id"
    )
    assert rows == [
        ("VD1", "staged", datetime(2024, 4, 2, 10, 30), "091"),
        ("VD2", "staged", datetime(2024, 1, 15, 10, 0), "091"),
        ("VD3", "staged", datetime(2024, 1, 15, 11, 0), "091"),
        ("VP1", "staged", datetime(2024, 3, 5, 10, 15), "091"),
        ("VP2", "staged", datetime(2024, 3, 6, 9, 0, 0, 250000), "638"),
    ]
    # part files one after another in part-name order
    assert odd.query(
        "select visit_id, _source_line from staging.base_patient__visits"
        " where _source_file = 'patient/visits_2024-04.parquet' order by 2"
    ) == [("VD1", 2), ("VD2", 3), ("VD3", 4)]


def test_parquet_dates_and_timestamps_in_a_date_column(odd):
    rows = odd.query(
        "select _source_file, age, stat_date, municipality_code, _status, _reason_code"
        " from staging.base_population__residents where _dialect = 'parquet' order by age"
    )
    assert rows == [
        ("population/residents_2.parquet", 30, date(2023, 12, 31), "091", "staged", None),
        ("population/residents_3.parquet", 31, date(2023, 12, 31), "638", "staged", None),
        ("population/residents_3.parquet", 32, None, "638", "quarantined", "invalid_date"),
    ]


def test_quoted_header_names_keep_values_in_their_columns(odd):
    source = (FIXTURES / "landing_small" / "org" / "units.csv").read_text(encoding="utf-8").splitlines()
    expected = sorted((line.split(",")[0], line.split(",")[1]) for line in source[1:])
    rows = odd.query("select unit_id, unit_name from staging.base_org__units where _status = 'staged' order by 1")
    assert rows == expected
    # a ';' inside a quoted name does not make a canonical file Finnish
    assert odd.query("select distinct _dialect from staging.base_org__units") == [("canonical",)]
    assert odd.query("select distinct _dialect from staging.base_finance__cost_centers") == [("fi",)]
    source = (FIXTURES / "landing_small" / "finance" / "cost_centers.csv").read_text(encoding="utf-8").splitlines()
    assert odd.query("select count(*) from staging.base_finance__cost_centers where _status = 'staged'") == [
        (len(source) - 1,)
    ]


def test_blank_lines_before_the_header_are_skipped(odd):
    source = (FIXTURES / "landing_small" / "social" / "cases.csv").read_text(encoding="utf-8").splitlines()
    rows = odd.query("select case_id, _source_line from staging.base_social__cases order by _source_line")
    assert rows == [(line.split(",")[0], i + 2) for i, line in enumerate(source[1:])]


def test_report_lists_what_was_not_read_with_the_reason(odd):
    rows = odd.query("select path, kind, reason from marts.landing_files where status = 'not_read' order by path")
    assert rows == [
        ("README.txt", "file", "file_at_root"),
        ("finance/budget.csv.bak", "file", "editor_lock_or_backup"),
        ("hr/empty", "dir", "empty_folder"),
        ("misc/readme.md", "file", "unknown_folder"),
        ("patient/.~lock.visits_2024-01.csv#", "file", "editor_lock_or_backup"),
        ("patient/archive/visits_2023.csv", "file", "in_sub_folder"),
        ("patient/old_visits.csv", "file", "no_matching_entity"),
        ("patient/visits_2024-05.csv", "broken_link", "broken_link"),
        ("patient/visits_notes.txt", "file", "unknown_extension"),
        ("patient/~$visits_2024-01.csv", "file", "editor_lock_or_backup"),
    ]


def test_report_lists_the_files_read(odd):
    rows = odd.query(
        "select path, kind, file_order, dialect, part_files, rows_read, fingerprint_method"
        " from marts.landing_files where entity = 'patient/visits' order by file_order"
    )
    assert rows == [
        ("patient/visits_2024-0*.csv", "file", 1, "canonical", 1, 1, "content_md5"),
        ("patient/visits_2024-01.csv", "file", 2, "canonical", 1, 3, "content_md5"),
        ("patient/visits_2024-02.Csv", "file", 3, "fi", 1, 3, "content_md5"),
        ("patient/visits_2024-03.PARQUET", "file", 4, "parquet", 1, 2, "content_md5"),
        ("patient/visits_2024-04.parquet", "dataset", 5, "parquet", 2, 3, "content_md5"),
    ]
    import hashlib

    path = odd.landing / "patient" / "visits_2024-02.Csv"
    assert odd.query(
        "select bytes, fingerprint from marts.landing_files where path = 'patient/visits_2024-02.Csv'"
    ) == [(path.stat().st_size, hashlib.md5(path.read_bytes()).hexdigest())]
    parts = sorted((odd.landing / "patient" / "visits_2024-04.parquet").glob("part-*.parquet"))
    assert odd.query("select bytes from marts.landing_files where path = 'patient/visits_2024-04.parquet'") == [
        (sum(p.stat().st_size for p in parts),)
    ]


def test_every_file_under_the_root_is_read_or_reported_once(odd):
    reported = dict(odd.query("select path, status from marts.landing_files"))
    expected = set()
    for folder, dirs, files in os.walk(odd.landing):
        rel = Path(folder).relative_to(odd.landing).as_posix()
        if rel.startswith("patient/visits_2024-04.parquet"):
            expected.add("patient/visits_2024-04.parquet")
            continue
        if not dirs and not files:
            expected.add(rel)
        expected.update(f"{rel}/{f}" if rel != "." else f for f in files)
    assert set(reported) == expected
    assert len(odd.query("select path from marts.landing_files")) == len(expected)


def test_rows_read_are_accounted_per_entity_and_file(odd):
    rows = odd.query(
        "select a.entity, a.rows_read, a.rows_staged + a.rows_quarantined + a.rows_superseded,"
        " coalesce(f.rows_read, 0), a.files_delivered, coalesce(f.files, 0)"
        " from marts.landing_row_accounting as a left join ("
        "   select entity, sum(rows_read) as rows_read, count(*) as files from marts.landing_files"
        "   where status = 'read' group by entity) as f on a.entity = f.entity"
    )
    assert len(rows) == 21  # every landing entity (delivery/coverage included)
    for entity, read, accounted, in_files, delivered, files in rows:
        assert read == accounted == in_files, entity
        assert delivered == files, entity
    assert ("patient/visits", 12, 12, 12, 5, 5) in rows


def test_database_in_use_is_one_clear_paragraph(odd, tmp_path):
    db = tmp_path / "held.duckdb"
    duckdb.connect(str(db)).close()
    holder = duckdb.connect(str(db), read_only=True)
    try:
        # without the shared parse file: it points dbt at the database through a link, not by this path
        result = run_dbt(
            ["build", "-s", "base_org__units"],
            db_path=db,
            landing_dir=odd.landing,
            work_dir=tmp_path,
            env={**KEY, PARSE_CACHE_ENV: ""},
        )
    finally:
        holder.close()
    output = plain(result.output)
    assert result.returncode != 0
    assert TRACEBACK not in output
    assert f"the database file {db} is in use by another process" in output
    assert "Close the program that has it open" in output
    assert len(output.splitlines()) < 20
