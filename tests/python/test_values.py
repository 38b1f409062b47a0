"""Landing contract v1.1, field rules for values: every value is read as its
sender meant it, or quarantined with the reason.

One copy of tests/landing/landing_small gets extra files (each row one case,
in both CSV dialects and in Parquet), and only the base models concerned are
built (one dbt run). Each case states the raw text, then the staged value or
the quarantine reason, worked out by hand from the contract.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from decimal import Decimal

import duckdb
import pytest

from conftest import DB_NAME, FIXTURES, plain
from tietopohja.dbt_runner import run_dbt

MINUS = "\u2212"  # Unicode minus sign
NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space
UMLAUT = "\u0308"  # combining diaeresis: 'a' + UMLAUT is 'ä' written decomposed (a Mac)
ZWSP = "\u200b"  # zero-width space
BOM = "\ufeff"

GL_HEADER = (
    "entry_id,document_id,posting_date,period,account,cost_center,amount_eur,counterparty_sector,counterparty_id,"
    "description"
)
VISIT_HEADER = (
    "visit_id,hetu,home_municipality_code,unit_id,visit_at,contact_type,professional_group,specialty,"
    "diagnosis_icd10,diagnosis_icpc2,urgent,production_mode"
)

#: entry_id -> (posting_date text, amount text) in a canonical (',') ledger file
GL_CANONICAL = {
    "E101": ("15.3.24", "1.00"),  # two-digit year
    "E102": ("24-03-15", "1.00"),  # two-digit year, ISO order
    "E103": ("1899-12-31", "1.00"),  # before 1900
    "E104": ("1900-01-01", "1.00"),  # the earliest accepted day
    "E105": ("15.3.0024", "1.00"),  # a four-digit year 24: read, and before 1900
    "E106": ("2024-03-15", f"{MINUS}5.00"),  # Unicode minus
    "E107": ("2024-03-15", '"1,234.50"'),  # quoted: no grouping in the canonical dialect
    "E108": ("2024-03-15", "1_000"),  # DuckDB's cast would read 1000
    "E109": ("2024-03-15", "0x10"),  # and this 16
    "E110": ("2024-03-15", "-1.5e3"),  # an exponent (pandas writes them)
}

#: entry_id -> (posting_date text, amount text) in a Finnish (';') ledger file
GL_FINNISH = {
    "E201": ("15.3.24", "1,00"),  # two-digit year
    "E202": ("15.3.2024", f"{MINUS}5,00"),  # Unicode minus
    "E203": ("15.3.2024", "1 234,50"),  # space between thousands
    "E204": ("15.3.2024", f"1{NBSP}234,50"),  # no-break space
    "E205": ("15.3.2024", f"1{NNBSP}234,50"),  # narrow no-break space
    "E206": ("15.3.2024", "1.234"),  # thousands or decimal? ambiguous
    "E207": ("15.3.2024", "1.234,50"),  # a '.' in a Finnish number
    "E208": ("15.3.2024", "12 34,5"),  # not groups of three
    "E209": ("15.3.2024", f"{NBSP}1 234 567,5{NBSP}"),  # blanks around it too
    "E210": ("2024-03-15", "-3"),  # ISO dates are allowed in a Finnish file
}

#: entry_id -> (status, reason code, posting date, amount)
GL_EXPECTED = {
    "E101": ("quarantined", "invalid_date", None, Decimal("1.00")),
    "E102": ("quarantined", "invalid_date", None, Decimal("1.00")),
    "E103": ("quarantined", "out_of_range", date(1899, 12, 31), Decimal("1.00")),
    "E104": ("staged", None, date(1900, 1, 1), Decimal("1.00")),
    "E105": ("quarantined", "out_of_range", date(24, 3, 15), Decimal("1.00")),
    "E106": ("staged", None, date(2024, 3, 15), Decimal("-5.00")),
    "E107": ("quarantined", "invalid_number", date(2024, 3, 15), None),
    "E108": ("quarantined", "invalid_number", date(2024, 3, 15), None),
    "E109": ("quarantined", "invalid_number", date(2024, 3, 15), None),
    "E110": ("staged", None, date(2024, 3, 15), Decimal("-1500")),
    "E201": ("quarantined", "invalid_date", None, Decimal("1.00")),
    "E202": ("staged", None, date(2024, 3, 15), Decimal("-5.00")),
    "E203": ("staged", None, date(2024, 3, 15), Decimal("1234.50")),
    "E204": ("staged", None, date(2024, 3, 15), Decimal("1234.50")),
    "E205": ("staged", None, date(2024, 3, 15), Decimal("1234.50")),
    "E206": ("quarantined", "invalid_number", date(2024, 3, 15), None),
    "E207": ("quarantined", "invalid_number", date(2024, 3, 15), None),
    "E208": ("quarantined", "invalid_number", date(2024, 3, 15), None),
    "E209": ("staged", None, date(2024, 3, 15), Decimal("1234567.5")),
    "E210": ("staged", None, date(2024, 3, 15), Decimal("-3")),
}

#: visit_id -> (hetu, visit_at, urgent) in a canonical visits file
VISITS_CANONICAL = {
    "V101": ("010150-123A", "2024-03-15T10:00:00.123456789Z", "false"),
    "V102": ("010150-123A", "2024-03-15T10:00:00+02:00", "false"),
    "V103": ("010150-123A", "2024-03-15 10:00+0200", "false"),
    "V104": ("010150-123A", "2024-03-15T10:00:00+02", "false"),
    "V105": ("010150-123A", "2024-07-15T10:00:00Z", "false"),  # summer time: UTC+3
    "V106": ("010150-123A", "2024-03-15T10:00:00.5-05:30", "false"),
    "V107": ("010150-123A", "2024-03-15T10:00", "false"),  # no zone: local time as it is
    "V108": ("010150-123A", "2024-03-15 10:00:00.1234567", "false"),
    "V109": ("010150-123A", "15.3.24 8:05", "false"),  # two-digit year
    "V110": ("010150-123A", "24-03-15 08:05", "false"),
    "V111": ("010150-123A", "1899-12-31 23:59", "false"),  # before 1900
    "V112": ("010150-123A\t", "2024-03-15 10:00", "false"),  # a tab after the hetu
    "V113": (f"{BOM}010150-123A{ZWSP}", "2024-03-15 10:00", "false"),  # BOM and zero-width space
    "V114": ("010150-123A", "2024-03-15 10:00", f"kylla{UMLAUT}"),  # decomposed 'kyllä'
    "V115": ("010150-123A", "2024-03-15 10:00", f"\tKYLLA{UMLAUT}\u2007"),  # upper case, tab, figure space
    "V116": ("010150-123A", "2024-03-15 10:00+2", "false"),  # a one-digit offset
    "V117": (" \t010150-123A ", "2024-03-15 10:00", " false"),  # a space before a tab, spaces around
}

#: visit_id -> (visit_at, urgent) in a Finnish visits file
VISITS_FINNISH = {
    "V201": ("15.3.2024 8.05", "ei"),  # a dot between hours and minutes
    "V202": ("15.3.2024 8:05", "ei"),
    "V203": ("15.3.2024 8.05.30", "ei"),
    "V204": ("15.3.2024 8:05:30", "ei"),
    "V205": ("15.3.2024", "ei"),
    "V206": ("15.3.24 8.05", "ei"),  # two-digit year
    "V207": ("15.3.2024 8.5", "ei"),  # one-digit minutes
    "V208": ("2024-03-15T08:05:00Z", f"KYLLA{UMLAUT}"),  # ISO with a zone in a Finnish file
}

#: visit_id -> (status, reason code, visit_at, urgent)
VISITS_EXPECTED = {
    "V101": ("staged", None, datetime(2024, 3, 15, 12, 0, 0, 123456), False),
    "V102": ("staged", None, datetime(2024, 3, 15, 10, 0), False),
    "V103": ("staged", None, datetime(2024, 3, 15, 10, 0), False),
    "V104": ("staged", None, datetime(2024, 3, 15, 10, 0), False),
    "V105": ("staged", None, datetime(2024, 7, 15, 13, 0), False),
    "V106": ("staged", None, datetime(2024, 3, 15, 17, 30, 0, 500000), False),
    "V107": ("staged", None, datetime(2024, 3, 15, 10, 0), False),
    "V108": ("staged", None, datetime(2024, 3, 15, 10, 0, 0, 123456), False),
    "V109": ("quarantined", "invalid_timestamp", None, False),
    "V110": ("quarantined", "invalid_timestamp", None, False),
    "V111": ("quarantined", "out_of_range", datetime(1899, 12, 31, 23, 59), False),
    "V112": ("staged", None, datetime(2024, 3, 15, 10, 0), False),
    "V113": ("staged", None, datetime(2024, 3, 15, 10, 0), False),
    "V114": ("staged", None, datetime(2024, 3, 15, 10, 0), True),
    "V115": ("staged", None, datetime(2024, 3, 15, 10, 0), True),
    "V116": ("quarantined", "invalid_timestamp", None, False),
    "V117": ("staged", None, datetime(2024, 3, 15, 10, 0), False),
    "V201": ("staged", None, datetime(2024, 3, 15, 8, 5), False),
    "V202": ("staged", None, datetime(2024, 3, 15, 8, 5), False),
    "V203": ("staged", None, datetime(2024, 3, 15, 8, 5, 30), False),
    "V204": ("staged", None, datetime(2024, 3, 15, 8, 5, 30), False),
    "V205": ("staged", None, datetime(2024, 3, 15, 0, 0), False),
    "V206": ("quarantined", "invalid_timestamp", None, False),
    "V207": ("quarantined", "invalid_timestamp", None, False),
    "V208": ("staged", None, datetime(2024, 3, 15, 10, 5), True),
}

#: feedback_id -> score text, canonical and Finnish files
FEEDBACK_CANONICAL = {"F1": "7.5", "F2": "3.0", "F3": "3", "F4": "7.", "F5": f"{MINUS}0", "F6": "1e1"}
FEEDBACK_FINNISH = {"F11": "7,5", "F12": "3,0", "F13": "3.0", "F14": "3", "F15": "1 0"}

#: feedback_id -> (status, reason code, score)
FEEDBACK_EXPECTED = {
    "F1": ("quarantined", "invalid_number", None),  # a fraction is never rounded (to 8)
    "F2": ("staged", None, 3),  # a zero fractional part is that integer
    "F3": ("staged", None, 3),
    "F4": ("staged", None, 7),
    "F5": ("staged", None, 0),
    "F6": ("quarantined", "invalid_number", None),  # an exponent is not an integer's form
    "F11": ("quarantined", "invalid_number", None),
    "F12": ("staged", None, 3),
    "F13": ("quarantined", "invalid_number", None),  # a '.' in a Finnish number
    "F14": ("staged", None, 3),
    "F15": ("quarantined", "invalid_number", None),  # '1 0' is not grouped by three
    # Parquet: native types cast to text
    "P1": ("staged", None, 3),  # DOUBLE 3.0
    "P2": ("quarantined", "invalid_number", None),  # DOUBLE 7.5
    "P3": ("staged", None, 4),  # BIGINT 4
    "P4": ("staged", None, 10),  # DECIMAL(5, 2) 10.00
}

MODELS = ["base_finance__gl_entries", "base_patient__visits", "stg_patient__visits", "base_patient__feedback"]


def _write(path, header: str, rows: list[str], delimiter: str = ",") -> None:
    if delimiter != ",":
        header = header.replace(",", delimiter)
    path.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def values(tmp_path_factory):
    work = tmp_path_factory.mktemp("values")
    landing = work / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    _write(
        landing / "finance" / "gl_entries_2024-03_canonical.csv",
        GL_HEADER,
        [f"{k},D{k},{d},2024-03,4000,CC_PTH,{a},,,Palkat" for k, (d, a) in GL_CANONICAL.items()],
    )
    _write(
        landing / "finance" / "gl_entries_2024-03_finnish.csv",
        GL_HEADER,
        [f"{k};D{k};{d};2024-03;4000;CC_PTH;{a};;;Palkat" for k, (d, a) in GL_FINNISH.items()],
        ";",
    )
    _write(
        landing / "patient" / "visits_2024-03_canonical.csv",
        VISIT_HEADER,
        [f"{k},{h},638,U_PTH,{t},R10,physician,,,,{u},own" for k, (h, t, u) in VISITS_CANONICAL.items()],
    )
    _write(
        landing / "patient" / "visits_2024-03_finnish.csv",
        VISIT_HEADER,
        [f"{k};010150-123A;638;U_PTH;{t};R10;physician;;;;{u};own" for k, (t, u) in VISITS_FINNISH.items()],
        ";",
    )
    _write(
        landing / "patient" / "feedback_1.csv",
        "feedback_id,unit_id,answered_at,score",
        [f"{k},U_PTH,2024-03-15,{s}" for k, s in FEEDBACK_CANONICAL.items()],
    )
    _write(
        landing / "patient" / "feedback_2.csv",
        "feedback_id,unit_id,answered_at,score",
        [f"{k};U_PTH;15.3.2024;{s}" for k, s in FEEDBACK_FINNISH.items()],
        ";",
    )
    con = duckdb.connect()
    for name, select in {
        "feedback_3.parquet": "select 'P1' as feedback_id, 'U_PTH' as unit_id, date '2024-03-15' as answered_at, "
        "cast(3.0 as double) as score union all select 'P2', 'U_PTH', date '2024-03-15', 7.5",
        "feedback_4.parquet": "select 'P3' as feedback_id, 'U_PTH' as unit_id, date '2024-03-15' as answered_at, "
        "cast(4 as bigint) as score",
        "feedback_5.parquet": "select 'P4' as feedback_id, 'U_PTH' as unit_id, date '2024-03-15' as answered_at, "
        "cast(10 as decimal(5, 2)) as score",
    }.items():
        target = str(landing / "patient" / name).replace("'", "''")
        con.execute(f"copy ({select}) to '{target}' (format parquet)")
    con.close()
    db = work / DB_NAME
    result = run_dbt(
        ["build", "-s", *MODELS, "--resource-type", "model", "--resource-type", "seed"],
        db_path=db,
        landing_dir=landing,
        work_dir=work,
        env={"TIETOPOHJA_PSEUDONYM_KEY": "value-tests"},
    )
    assert result.returncode == 0, plain(result.output)[-3000:]
    return db


def _query(db, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _verdicts(db, model: str, id_column: str, columns: str, ids) -> dict[str, tuple]:
    rows = _query(db, f"select {id_column}, _status, _reason_code, {columns} from staging.{model}")
    got = {r[0]: r[1:] for r in rows}
    return {k: got.get(k) for k in ids}


def test_dates_and_numbers(values):
    assert _verdicts(values, "base_finance__gl_entries", "entry_id", "posting_date, amount_eur", GL_EXPECTED) == (
        GL_EXPECTED
    )


def test_timestamps_text_and_booleans(values):
    assert _verdicts(values, "base_patient__visits", "visit_id", "visit_at, urgent", VISITS_EXPECTED) == (
        VISITS_EXPECTED
    )


def test_integers(values):
    assert _verdicts(values, "base_patient__feedback", "feedback_id", "score", FEEDBACK_EXPECTED) == FEEDBACK_EXPECTED


def test_hetu_is_cleaned_before_it_is_validated(values):
    # the tabs, the spaces, the BOM and the zero-width space are gone before the check and the pseudonym
    rows = _query(
        values,
        "select count(distinct person_pseudonym), min(birth_date) from staging.stg_patient__visits "
        "where visit_id in ('V1', 'V112', 'V113', 'V117')",
    )
    assert rows == [(1, date(1950, 1, 1))]


def test_out_of_range_names_the_column(values):
    rows = dict(
        _query(
            values,
            "select entry_id, _reasons from staging.base_finance__gl_entries where entry_id in ('E103', 'E105')",
        )
    )
    assert rows == {"E103": "out_of_range(posting_date)", "E105": "out_of_range(posting_date)"}
    assert _query(values, "select _reasons from staging.base_patient__visits where visit_id = 'V111'") == [
        ("out_of_range(visit_at)",)
    ]
