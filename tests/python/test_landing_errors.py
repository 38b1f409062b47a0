"""Broken and unusual landing deliveries: what the build says.

Two copies of tests/landing/landing_small are bent, and only the base models
concerned are run (one dbt run per copy, to keep the suite fast; each case is
in its own entity, so each model's result in run_results.json is that case's):

- ``broken``: every entity carries one defect that must stop its model with a
  message naming the file (and the column), never a Python traceback;
- ``unusual``: deliveries the contract allows, which must build.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES, WITH_LOG_FILE, PartialRun, plain, run_partial
from tietopohja.dbt_runner import run_dbt

TRACEBACK = "Traceback (most recent call last)"
KEY = {"TIETOPOHJA_PSEUDONYM_KEY": "landing-error-tests"}


def run_models(work: Path, landing: Path, models: list[str], env: dict[str, str] | None = None) -> PartialRun:
    # build, not run: a selector with `+` takes the reference seeds upstream too (no tests run)
    args = ["build", "-s", *models, "--resource-type", "model", "--resource-type", "seed"]
    return run_partial(work, landing, args, {**KEY, **(env or {})})


def _copy(tmp_path_factory, name: str) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp(name)
    landing = work / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    return work, landing


def _drop_column(path: Path, index: int, delimiter: str = ",") -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [delimiter.join(p for i, p in enumerate(line.split(delimiter)) if i != index) for line in lines]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# broken deliveries
# --------------------------------------------------------------------------

BROKEN_MODELS = [
    "base_patient__visits",  # required entity missing
    "base_patient__contacts",  # a required column missing
    "base_hr__poissaolot",  # wrong delimiter (tabs)
    "base_social__cases",  # an empty (0-byte) file beside a good one
    "base_patient__inpatient_episodes",  # Latin-1 encoded
    "base_patient__referrals",  # no header row: its first line is data, with a hetu
    "base_social__service_periods",  # a column named twice in the header
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> PartialRun:
    work, landing = _copy(tmp_path_factory, "broken")
    for f in (landing / "patient").glob("visits*"):
        f.unlink()
    _drop_column(landing / "patient" / "contacts.csv", 3)  # unit_id
    poissaolot = landing / "hr" / "poissaolot.csv"
    poissaolot.write_text(poissaolot.read_text(encoding="utf-8").replace(";", "\t"), encoding="utf-8")
    (landing / "social" / "cases_2.csv").write_bytes(b"")
    episodes = landing / "patient" / "inpatient_episodes.csv"
    episodes.write_bytes(episodes.read_text(encoding="utf-8").replace(",own", ",oma hoitojärjestely").encode("latin-1"))
    referrals = landing / "patient" / "referrals.csv"
    referrals.write_text("".join(referrals.read_text(encoding="utf-8").splitlines(keepends=True)[1:]), encoding="utf-8")
    periods = landing / "social" / "service_periods.csv"
    lines = periods.read_text(encoding="utf-8").splitlines()
    periods.write_text(
        "\n".join([lines[0] + ",UNIT_ID"] + [line + ",U_X" for line in lines[1:]]) + "\n", encoding="utf-8"
    )
    # with dbt's log file: test_missing_header_row_names_no_data reads it
    return run_models(work, landing, BROKEN_MODELS, env=WITH_LOG_FILE)


def test_broken_run_fails_without_traceback(broken):
    assert broken.returncode != 0
    assert TRACEBACK not in broken.output
    assert {m: s for m, (s, _) in broken.results.items()} == dict.fromkeys(BROKEN_MODELS, "error")


def test_required_entity_missing(broken):
    _, message = broken.results["base_patient__visits"]
    assert "required landing entity patient/visits is missing" in message
    assert f"{broken.landing.as_posix()}/patient/visits*.csv" in message


def test_file_missing_a_required_column(broken):
    _, message = broken.results["base_patient__contacts"]
    path = (broken.landing / "patient" / "contacts.csv").as_posix()
    assert f"landing file {path} lacks required column(s) unit_id (its first line has " in message
    assert "contract columns among them: contact_id, hetu," in message


def test_missing_header_row_names_no_data(broken):
    """The first line of a file without a header is data: the message must not quote it (a hetu)."""
    _, message = broken.results["base_patient__referrals"]
    path = (broken.landing / "patient" / "referrals.csv").as_posix()
    assert f"landing file {path} lacks required column(s) referral_id, hetu" in message
    assert "contract columns among them: none: is the header row missing?" in message
    first_line = (broken.landing / "patient" / "referrals.csv").read_text(encoding="utf-8").splitlines()[0]
    hetu = first_line.split(",")[1]
    assert len(hetu) == 11
    assert hetu not in broken.output and hetu not in message
    assert hetu not in (broken.work / "dbt_logs" / "dbt.log").read_text(encoding="utf-8")


def test_wrong_delimiter(broken):
    """Tabs instead of ';': no required column is found, and the message says why that may be."""
    _, message = broken.results["base_hr__poissaolot"]
    path = (broken.landing / "hr" / "poissaolot.csv").as_posix()
    assert f"landing file {path} lacks required column(s) poissaolo_id, palvelussuhde_id" in message
    assert "If the delimiter is wrong" in message


def test_empty_file(broken):
    _, message = broken.results["base_social__cases"]
    path = (broken.landing / "social" / "cases_2.csv").as_posix()
    assert f"landing file {path} is empty" in message


def test_latin1_file(broken):
    _, message = broken.results["base_patient__inpatient_episodes"]
    assert (broken.landing / "patient" / "inpatient_episodes.csv").as_posix() in message
    assert "is not UTF-8" in message


def test_column_named_twice(broken):
    _, message = broken.results["base_social__service_periods"]
    path = (broken.landing / "social" / "service_periods.csv").as_posix()
    assert f"landing file {path} names the column 'UNIT_ID' twice in its header row" in message


def test_latin1_error_does_not_print_a_hetu(broken):
    assert "050530X2225" not in broken.output
    assert "050530X2225" not in broken.results["base_patient__inpatient_episodes"][1]


# --------------------------------------------------------------------------
# unusual deliveries the contract allows
# --------------------------------------------------------------------------

UNUSUAL_MODELS = [
    "base_patient__referrals",  # header only
    "stg_patient__referrals",
    "base_patient__visits",  # extra column, an optional column missing, upper-case .CSV
    "base_patient__feedback",  # optional entities not delivered
    "base_population__area_indicators",
    "base_finance__allocation_drivers",
    "base_finance__gl_entries",  # a very long text field; a posting dated in the future
    "landing_quarantine",  # raw values of the rows above (its base models are built by QUARANTINE_SELECTORS)
]
#: landing_quarantine reads every base model
QUARANTINE_SELECTORS = ["+landing_quarantine"]
#: a contact from 2009, before the calendar's default first year (2015): it
#: stretches neither the calendar nor the reporting periods (coverage); run
#: with everything upstream of them
OLD_DATA_SELECTORS = ["+int_reporting_periods", "+int_availability_waits_measured"]

LONG_TEXT = "Pitkä selite " * 20_000  # 260 000 characters in one field


@pytest.fixture(scope="module")
def unusual(tmp_path_factory) -> PartialRun:
    work, landing = _copy(tmp_path_factory, "unusual")
    referrals = landing / "patient" / "referrals.csv"
    referrals.write_text(referrals.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    visits = landing / "patient" / "visits_2024-01.csv"
    _drop_column(visits, 7)  # specialty (optional)
    lines = visits.read_text(encoding="utf-8").splitlines()
    visits.write_text(
        "\n".join(("extra" if i == 0 else f"x{i}") + "," + line for i, line in enumerate(lines)) + "\n",
        encoding="utf-8",
    )
    (landing / "patient" / "visits_2024-02.csv").rename(landing / "patient" / "visits_2024-02.CSV")
    ledger = landing / "finance" / "gl_entries_2024-01_redelivery.csv"
    ledger.write_text(
        ledger.read_text(encoding="utf-8")
        + f'E90,D90,2024-01-25,2024-01,4000,CC_PTH,1.00,,,"{LONG_TEXT}"\n'
        + "E91,D91,2099-01-25,2099-01,4000,CC_PTH,1.00,,,Tulevaisuudesta\n"
        # an unquoted comma in the text: 11 fields under a 10-field header
        + "E92,D92,2024-01-26,2024-01,4000,CC_PTH,2.00,,,Laitteet, näytöt\n"
        # a quoted description over two lines (a line break typed in a spreadsheet cell)
        + 'E93,D93,2024-01-27,2024-01,4000,CC_PTH,3.00,,,"Laitteet\nja näytöt"\n'
        # a key first on an invalid row, then on a valid one (the row corrected further down)
        + "E94,D94,2024-01-28,2024-01,4000,CC_PTH,4.0x,,,Korjattava\n"
        + "E94,D94,2024-01-28,2024-01,4000,CC_PTH,4.00,,,Korjattu\n",
        encoding="utf-8",
    )
    # an unterminated quote: the reader runs the channel on to the end of the file,
    # over two whole rows and their identity codes
    (landing / "patient" / "contacts_glued.csv").write_text(
        (landing / "patient" / "contacts.csv").read_text(encoding="utf-8").splitlines()[0]
        + "\n"
        + 'C94,010150-123A,638,U_PTH,PTH_VASTAANOTTO,2024-01-12 08:15,"phone,2024-01-12 09:00,non_urgent,false,\n'
        + "C95,150685Y246C,434,U_SUU,SUUN_TH,2024-02-06 12:00,digital,2024-02-09 12:00,non_urgent,true,\n"
        + "C96,010150-123B,638,U_PTH,PTH_VASTAANOTTO,2024-01-15 08:00,phone,,,,\n",
        encoding="utf-8",
    )
    contacts = landing / "patient" / "contacts.csv"
    contacts.write_text(
        contacts.read_text(encoding="utf-8")
        # a Windows line end on one line of a Unix file (appended in another editor)
        + "C90,010150-123A,638,U_PTH,PTH_VASTAANOTTO,2009-12-30 08:15,phone,2010-01-07 09:00,non_urgent,false,\r\n",
        encoding="utf-8",
        newline="",
    )
    # a spreadsheet export with a trailing delimiter on every line: an unnamed empty last column
    poissaolot = landing / "hr" / "poissaolot.csv"
    poissaolot.write_text(
        "".join(line + ";\n" for line in poissaolot.read_text(encoding="utf-8").splitlines()), encoding="utf-8"
    )
    periods = landing / "social" / "service_periods.csv"
    periods.write_text(
        periods.read_text(encoding="utf-8") + "SP90,050530X2225,434,U_TEH,IAK_TEHOSTETTU,2024-03-01,2099-06-30,own\n",
        encoding="utf-8",
    )
    return run_models(work, landing, UNUSUAL_MODELS + OLD_DATA_SELECTORS + QUARANTINE_SELECTORS)


def test_unusual_run_builds(unusual):
    assert unusual.returncode == 0, unusual.output[-3000:]
    assert set(UNUSUAL_MODELS) <= set(unusual.results)
    assert {s for s, _ in unusual.results.values()} == {"success"}
    assert TRACEBACK not in unusual.output


def test_a_single_old_date_does_not_stretch_the_periods(unusual):
    # landing_small (county 01) runs from January to March 2024; C90 was contacted on Wed 30.12.2009.
    # Coverage (minimum-data spec v1.1): a single ancient date stretches neither the reporting periods
    # nor the calendar (before: Dec 2009 .. Mar 2024 and a calendar from 2009). The derived coverage
    # is the stretch of months holding the most activity dates; C90 stands a year and more apart. The
    # periods run from the population's first year-end (31.12.2023) to its last (31.12.2024).
    assert unusual.query("select min(calendar_date) from intermediate.int_calendar_days_generated") == [
        (date(2015, 1, 1),)
    ]
    assert unusual.query(
        "select min(period_start), max(period_start), count(*) "
        "from intermediate.int_reporting_periods where period_grain = 'month'"
    ) == [(date(2023, 12, 1), date(2024, 12, 1), 13)]
    assert unusual.query(
        "select source_group, first_month from intermediate.int_source_coverage where source_group = 'patient'"
    ) == [("patient", date(2024, 1, 1))]
    # SP90's planned end (30.6.2099) is after today: the period is open and does not stretch the data
    assert unusual.query(
        "select _status, end_date from staging.base_social__service_periods where period_id = 'SP90'"
    ) == [("staged", date(2099, 6, 30))]


def test_header_only_file_builds_with_no_rows(unusual):
    assert unusual.query("select count(*) from staging.base_patient__referrals") == [(0,)]
    assert unusual.query("select count(*) from staging.stg_patient__referrals") == [(0,)]


def test_extra_columns_ignored_and_optional_columns_may_be_missing(unusual):
    rows = unusual.query(
        "select visit_id, unit_id, contact_type, professional_group, specialty, _status from "
        "staging.base_patient__visits where _source_file = 'patient/visits_2024-01.csv' order by _source_line"
    )
    assert rows == [
        ("V1", "U_PTH", "R10", "physician", None, "staged"),
        ("V2", "U_PTH", "R50", "nurse", None, "staged"),
        ("V3", "U_PTH", None, "nurse", None, "quarantined"),  # R99, as before
    ]
    cols = [r[0] for r in unusual.query("describe staging.base_patient__visits")]
    assert not [c for c in cols if c.startswith("extra")]


def test_upper_case_csv_extension(unusual):
    rows = unusual.query("select _source_file, count(*) from staging.base_patient__visits group by 1 order by 1")
    assert rows == [("patient/visits_2024-01.csv", 3), ("patient/visits_2024-02.CSV", 3)]


@pytest.mark.parametrize(
    "model", ["base_patient__feedback", "base_population__area_indicators", "base_finance__allocation_drivers"]
)
def test_optional_entity_absent(unusual, model):
    assert unusual.query(f"select count(*) from staging.{model}") == [(0,)]


def test_very_long_text_field_is_kept(unusual):
    rows = unusual.query(
        "select _status, length(description) from staging.base_finance__gl_entries where entry_id = 'E90'"
    )
    assert rows == [("staged", len(LONG_TEXT.strip()))]


def test_row_with_more_fields_than_the_header_is_quarantined(unusual):
    rows = unusual.query(
        "select _status, _reason_code, _source_line from staging.base_finance__gl_entries where entry_id = 'E92'"
    )
    # gl_entries_2024-01_redelivery.csv: line 1 header, 2 E2, 3 E90, 4 E91, 5 E92
    assert rows == [("quarantined", "too_many_fields", 5)]
    assert unusual.query(
        "select count(*) from staging.base_finance__gl_entries where _status = 'staged' and entry_id = 'E92'"
    ) == [(0,)]


def test_a_valid_row_after_an_invalid_row_of_its_key_is_not_a_repeat(unusual):
    # the first valid occurrence of a key in a file is kept (README, "The landing contract")
    rows = unusual.query(
        "select _status, _reason_code, amount_eur from staging.base_finance__gl_entries "
        "where entry_id = 'E94' order by _source_line"
    )
    assert [r[:2] for r in rows] == [("quarantined", "invalid_number"), ("staged", None)]
    assert rows[1][2] == Decimal("4.00")


def test_value_over_two_lines_is_kept(unusual):
    rows = unusual.query("select _status, description from staging.base_finance__gl_entries where entry_id = 'E93'")
    assert rows == [("staged", "Laitteet\nja näytöt")]


def test_unterminated_quote_is_quarantined_with_the_lines_it_swallowed(unusual):
    rows = unusual.query(
        "select contact_id, _status, _reason_code, _source_line, channel, _raw_values "
        "from staging.base_patient__contacts where _source_file = 'patient/contacts_glued.csv'"
    )
    # one row: C95 and C96 are inside C94's channel, not rows of their own (not staged, not lost)
    assert len(rows) == 1
    contact_id, status, reason, line, channel, raw_values = rows[0]
    assert (contact_id, status, reason, line) == ("C94", "quarantined", "unterminated_quote", 2)
    # the base model stores no raw text: the channel is no code, its raw text is
    # kept redacted for the quarantine
    assert channel is None
    assert "\nC95,<redacted>,434," in raw_values and "\nC96,<redacted>,638," in raw_values
    # the quarantine shows the swallowed lines with every identity code redacted
    quarantined = unusual.query(
        "select reason_code, raw_values from marts.landing_quarantine where source_file = 'patient/contacts_glued.csv'"
    )
    assert len(quarantined) == 1
    reason, raw_values = quarantined[0]
    assert reason == "unterminated_quote"
    assert "hetu=<redacted>" in raw_values and "\nC95,<redacted>,434," in raw_values
    assert "\nC96,<redacted>,638," in raw_values


def test_quarantine_tests_accept_the_new_reasons(unusual):
    # the quarantine's data tests (accepted reason codes, keys, not nulls) on these rows
    result = run_dbt(
        ["test", "-s", "landing_quarantine"],
        db_path=unusual.db_path,
        landing_dir=unusual.landing,
        work_dir=unusual.work,
        env=KEY,
    )
    assert result.returncode == 0, plain(result.output)[-3000:]
    assert unusual.query(
        "select reason_code, count(*) from marts.landing_quarantine "
        "where reason_code in ('too_many_fields', 'unterminated_quote') group by 1 order by 1"
    ) == [("too_many_fields", 1), ("unterminated_quote", 1)]


def test_quarantine_holds_no_identity_code(unusual):
    hetus = {"010150-123A", "150685Y246C", "010150-123B", "050530X2225"}
    raw = unusual.query("select string_agg(raw_values, ' ') from marts.landing_quarantine")[0][0]
    assert raw and not [h for h in hetus if h in raw]


def test_trailing_delimiter_is_an_unnamed_column(unusual):
    rows = unusual.query(
        "select absence_id, _status, _reason_code from staging.base_hr__poissaolot order by _source_line"
    )
    # A5 ends before it starts (as delivered); the empty last field is neither data nor an extra field
    assert rows == [("A3", "staged", None), ("A4", "staged", None), ("A5", "quarantined", "end_before_start")]


def test_mixed_line_ends_are_read(unusual):
    rows = unusual.query(
        "select _status, contact_id, treatment_needed from staging.base_patient__contacts "
        "where _source_file = 'patient/contacts.csv' order by _source_line"
    )
    assert rows[-1] == ("staged", "C90", False)
    assert len(rows) == 4  # C1, C2, C3 as delivered, and C90


def test_event_dated_in_the_future_is_quarantined(unusual):
    rows = unusual.query(
        "select _status, _reason_code, _reasons from staging.base_finance__gl_entries where entry_id = 'E91'"
    )
    assert rows == [("quarantined", "future_date", "future_date(posting_date)")]
