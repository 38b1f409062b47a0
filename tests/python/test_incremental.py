"""Monthly deliveries: a build on top of an earlier one equals a full build, table by table.

Adding a month: ``landing_small`` without its February files
(``finance/gl_entries_2024-02.csv``, ``patient/visits_2024-02.csv``) is built
in full; the files are added and the same ``dbt build`` runs on that
database (incremental: the base tables read the new files only, the
intermediate models incremental by month rebuild February and the periods
holding it). It must give exactly the tables of the session's full build of
``landing_small``.

Re-delivering an earlier month, on top of that build, four ways at once:

- ``finance/gl_entries_2024-01.csv`` replaced in place with other values
  (E1 10000.00 -> 12000.00), a file whose key E2 a later file supersedes;
- ``finance/gl_entries_2024-02_redelivery.csv`` added (E7, E8 of February
  with other amounts: the unchanged February file's rows become superseded);
- ``patient/visits_2024-01.csv`` replaced in place: V1 moves from January
  to February (two months and their quarter and year are touched);
- ``patient/inpatient_episodes.csv`` replaced in place: the open ward
  episode EP2 is admitted on 25 January instead of 10 February (its care
  days are rebuilt from January on).
- ``patient/visits_2024-01_late.csv`` added: a visit of January delivered
  late in a file of its own, which sorts between the January and February
  files (the unchanged February file keeps its rows, renumbered in the order
  of the files).

The incremental build must give exactly the tables of a full build of the
same folder in a new database: every ``staging``, ``intermediate`` and
``marts`` table, compared with ``EXCEPT ALL`` both ways. A build that kept a
stale row, or skipped a period the re-delivery touches, differs. That the
models rebuilt only the changed months is shown on a marked copy of the
earlier build: rows of an unchanged month, altered by hand, survive the
incremental run; rows of a changed month are replaced.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

import duckdb
import pytest

from conftest import FIXTURES
from tietopohja.bench import compare_databases
from tietopohja.dbt_runner import run_dbt

REDELIVERY = FIXTURES / "trust_redelivery" / "finance" / "gl_entries_2024-02_redelivery.csv"
#: models and seeds only: the tests read the same tables either way
BUILD = ["build", "--exclude-resource-type", "test", "unit_test"]


def _query(db, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


#: the February files of landing_small: the month added
FEBRUARY = ["finance/gl_entries_2024-02.csv", "patient/visits_2024-02.csv"]


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A full build of landing_small without its February files."""
    root = tmp_path_factory.mktemp("previous")
    landing = root / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    for rel in FEBRUARY:
        (landing / rel).unlink()
    db = root / "build" / "build.duckdb"
    db.parent.mkdir()
    result = run_dbt(BUILD, db_path=db, landing_dir=landing, work_dir=db.parent)
    assert result.ok, result.output[-3000:]
    return db


@pytest.fixture(scope="module")
def month_added(tmp_path_factory, previous):
    """The February files added to the earlier build: an incremental build of landing_small."""
    db = tmp_path_factory.mktemp("month_added") / "build.duckdb"
    shutil.copy(previous, db)
    result = run_dbt(BUILD, db_path=db, landing_dir=FIXTURES / "landing_small", work_dir=db.parent)
    assert result.ok, result.output[-3000:]
    return db


@pytest.fixture(scope="module")
def builds(tmp_path_factory, month_added):
    root = tmp_path_factory.mktemp("incremental")
    landing = root / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    ledger = landing / "finance" / "gl_entries_2024-01.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace(",CC_PTH,10000.00,", ",CC_PTH,12000.00,"), "utf-8")
    visits = landing / "patient" / "visits_2024-01.csv"
    visits.write_text(visits.read_text(encoding="utf-8").replace("2024-01-10 10:00", "2024-02-05 10:00"), "utf-8")
    episodes = landing / "patient" / "inpatient_episodes.csv"
    text = episodes.read_text(encoding="utf-8")
    assert "EP2,290244-1118,638,U_OSA,2024-02-10 08:00,," in text
    episodes.write_text(text.replace("U_OSA,2024-02-10 08:00,,", "U_OSA,2024-01-25 08:00,,"), "utf-8")
    shutil.copy(REDELIVERY, landing / "finance" / REDELIVERY.name)
    late = visits.read_text(encoding="utf-8").splitlines()[0] + "\n"
    late += "V9,290244-1118,638,U_PTH,2024-01-20 08:00,R10,nurse,,,,false,own\n"
    (landing / "patient" / "visits_2024-01_late.csv").write_text(late, "utf-8")

    incremental = root / "incremental" / "build.duckdb"
    incremental.parent.mkdir()
    shutil.copy(month_added, incremental)
    result = run_dbt(BUILD, db_path=incremental, landing_dir=landing, work_dir=incremental.parent)
    assert result.ok, result.output[-3000:]
    full = root / "full" / "build.duckdb"
    full.parent.mkdir()
    result = run_dbt(BUILD, db_path=full, landing_dir=landing, work_dir=full.parent)
    assert result.ok, result.output[-3000:]
    return month_added, incremental, full


def _changed(db) -> set[tuple[str, str]]:
    """The months the state models marked changed (event entities' months, counties' data ends)."""
    changed = set()
    for model in ("int_event_months_changed", "int_event_data_end_changed"):
        sql = f"select part, month_start from build_state.{model} where is_changed"
        changed |= {(part, str(month)) for part, month in _query(db, sql)}
    return changed


def test_adding_a_month_equals_a_full_build_table_by_table(previous, month_added, small_build):
    # not vacuous: February's visits and ledger reach the marts
    assert set(compare_databases(previous, small_build.db_path)) >= {"marts.key_figures", "marts.cost_ledger"}
    assert compare_databases(month_added, small_build.db_path) == {}
    # the one changed month of an event entity: February's visits appeared
    assert _changed(month_added) == {("stg_patient__visits", "2024-02-01")}


def test_a_redelivered_month_changes_the_months_it_touches(builds):
    _, incremental, _ = builds
    assert _changed(incremental) == {
        ("stg_patient__visits", "2024-01-01"),  # V1 left January
        ("stg_patient__visits", "2024-02-01"),  # and arrived in February
        ("stg_patient__inpatient_episodes", "2024-01-01"),  # EP2 admitted in January
        ("stg_patient__inpatient_episodes", "2024-02-01"),  # and no longer in February
    }


def test_only_the_changed_months_are_rebuilt(tmp_path, previous, small_build):
    """A copy of the earlier build marked by hand: January (unchanged when February is added)
    altered (its outputs, and its clients' counts in int_clients_counted and
    int_availability_clients_counted), a stale row in January
    and one in February. After the incremental run, January keeps its marks (not rebuilt),
    February and the quarter and year holding it equal a full build (rebuilt, the stale February
    row gone)."""
    db = tmp_path / "build.duckdb"
    shutil.copy(previous, db)
    con = duckdb.connect(str(db))
    try:
        # an output of county 99 (no reporting periods: the coverage comes from the events) reaches
        # no period's clients
        for table, column, county in (
            ("int_client_events_mapped", "event_date", "county_code"),
            ("int_outputs_expanded", "output_date", "'99'"),
        ):
            for marker, day in (("STALE_JAN", "2024-01-20"), ("STALE_FEB", "2024-02-20")):
                con.execute(
                    f"insert into intermediate.{table} by name select * replace ('{marker}' as event_id, "
                    f"date '{day}' as {column}, {county} as county_code) from intermediate.{table} "
                    "where event_type = 'visit' limit 1"
                )
        con.execute(
            "update intermediate.int_outputs_monthly_aggregated set outputs = outputs + 1000 "
            "where month_start = date '2024-01-01'"
        )
        for table, column in (
            ("int_clients_periodized", "outputs"),
            ("int_clients_counted", "outputs"),
            ("int_availability_clients_counted", "service_clients"),
        ):
            con.execute(
                f"update intermediate.{table} set {column} = {column} + 1000 where period_start = date '2024-01-01'"
            )
    finally:
        con.close()
    selected = [
        "run",
        "--select",
        "+int_clients_counted",
        "+int_availability_clients_counted",
        "+int_outputs_monthly_aggregated",
    ]
    result = run_dbt(selected, db_path=db, landing_dir=FIXTURES / "landing_small", work_dir=tmp_path)
    assert result.ok, result.output[-3000:]

    for table in ("int_client_events_mapped", "int_outputs_expanded"):
        markers = f"select event_id from intermediate.{table} where event_id like 'STALE_%'"
        assert _query(db, markers) == [("STALE_JAN",)], table
    monthly = (
        "select month_start, output_type, service_code, segment, cost_center, production_mode, "
        "home_municipality_code, outputs from intermediate.int_outputs_monthly_aggregated"
    )
    full, built = set(_query(small_build.db_path, monthly)), set(_query(db, monthly))
    months = {row[0] for row in full}
    assert {str(m) for m in months} == {"2024-01-01", "2024-02-01", "2024-03-01"}
    for month in months:
        marked = 1000 if month == date(2024, 1, 1) else 0
        expected = {row[:-1] + (row[-1] + marked,) for row in full if row[0] == month}
        assert {row for row in built if row[0] == month} == expected, month
    for periods in (
        "select period_grain, period_start, person_pseudonym, service_code, segment, outputs "
        "from intermediate.int_clients_periodized",
        "select period_grain, period_start, service_code, segment, age_group, municipality_code, clients, outputs "
        "from intermediate.int_clients_counted",
        "select period_grain, period_start, service_code, breakdown, breakdown_value, service_clients "
        "from intermediate.int_availability_clients_counted",
    ):
        full, built = set(_query(small_build.db_path, periods)), set(_query(db, periods))
        january = {row for row in full if row[:2] == ("month", date(2024, 1, 1))}
        assert january and {row for row in built if row[:2] == ("month", date(2024, 1, 1))} == {
            row[:-1] + (row[-1] + 1000,) for row in january
        }, periods
        # February, the first quarter and the year hold February: recomputed as in a full build
        assert {row for row in built if row[:2] != ("month", date(2024, 1, 1))} == full - january, periods


def test_the_redelivery_reached_staging_and_the_marts(builds):
    before, incremental, _ = builds
    amounts = "select entry_id, amount_eur from staging.stg_finance__gl_entries where entry_id in ('E1', 'E7', 'E8')"
    assert dict(_query(before, amounts)) == {
        "E1": Decimal("10000.00"),
        "E7": Decimal("10500.25"),
        "E8": Decimal("2000.00"),
    }
    assert dict(_query(incremental, amounts)) == {
        "E1": Decimal("12000.00"),
        "E7": Decimal("11000.00"),
        "E8": Decimal("2500.00"),
    }
    # CC_PTH: E1 10000 -> 12000, E3 -800, E7 10500.25 -> 11000
    centre = "select ledger_amount_eur from marts.reconciliation_cost_centers where cost_center = 'CC_PTH'"
    assert _query(before, centre) == [(Decimal("19700.25"),)]
    assert _query(incremental, centre) == [(Decimal("22200.00"),)]
    visit = "select cast(visit_at as date) from staging.stg_patient__visits where visit_id = 'V1'"
    assert str(_query(incremental, visit)[0][0]) == "2024-02-05"
    # the superseded rows of the unchanged February file are accounted, as in a full build
    superseded = (
        "select count(*) from staging.base_finance__gl_entries "
        "where _source_file = 'finance/gl_entries_2024-02.csv' and _status = 'superseded'"
    )
    assert _query(incremental, superseded) == [(2,)]


def test_a_redelivered_month_equals_a_full_build_table_by_table(builds):
    before, incremental, full = builds
    # not vacuous: the re-delivery changed the ledger and the key figures
    assert set(compare_databases(before, full)) >= {"marts.key_figures", "marts.cost_ledger"}
    assert compare_databases(incremental, full) == {}


def _compiled(db, model: str, folder: str = "compiled") -> str:
    """The query of a base model as the build compiled it (``folder="run"``: the statement it ran)."""
    system = model.split("_")[1]
    path = db.parent / "dbt_target" / folder / "tietopohja" / "models" / "staging" / system / "base" / f"{model}.sql"
    return path.read_text(encoding="utf-8")


def test_only_the_touched_files_were_read(builds):
    before, incremental, full = builds
    landing = full.parent.parent / "landing"
    visits = _compiled(incremental, "base_patient__visits")
    # the changed January file is read; February's (no key in common) keeps its stored rows
    assert str(landing / "patient" / "visits_2024-01.csv") in visits
    assert str(landing / "patient" / "visits_2024-02.csv") not in visits
    assert str(landing / "patient" / "visits_2024-02.csv") in _compiled(full, "base_patient__visits")
    # the rows read are appended to the stored ones (the pre-hook deleted the January file's), not
    # the whole table written again; the full build creates it
    assert _compiled(incremental, "base_patient__visits", "run").lstrip().startswith("insert into")
    assert "create table" in " ".join(_compiled(full, "base_patient__visits", "run").split())
    # the late January file sorts before February's, whose stored rows are renumbered, not read again
    order = "select distinct _source_file, _file_order from staging.base_patient__visits"
    assert dict(_query(before, order)) == {"patient/visits_2024-01.csv": 1, "patient/visits_2024-02.csv": 2}
    assert dict(_query(incremental, order)) == {
        "patient/visits_2024-01.csv": 1,
        "patient/visits_2024-01_late.csv": 2,
        "patient/visits_2024-02.csv": 3,
    }
    # the unchanged February ledger is read again: the re-delivery supersedes two of its rows
    ledger = _compiled(incremental, "base_finance__gl_entries")
    assert str(landing / "finance" / "gl_entries_2024-02.csv") in ledger
    # an entity nothing was delivered for reads no file
    assert "read_csv(" not in _compiled(incremental, "base_patient__contacts")
    fingerprints = dict(
        _query(
            incremental,
            "select _source_file, max(_file_fingerprint) from staging.base_finance__gl_entries group by 1",
        )
    )
    assert len(fingerprints) == 4 and all(fingerprints.values())


def test_a_new_pseudonym_key_reads_every_file_again(tmp_path, small_build):
    # the same folder, another key: no stored row may keep a pseudonym made with the old key
    db = tmp_path / "build.duckdb"
    shutil.copy(small_build.db_path, db)
    # the visits' base table alone: the key is in every file's fingerprint, which the base table compares
    result = run_dbt(
        ["run", "--select", "base_patient__visits"],
        db_path=db,
        landing_dir=FIXTURES / "landing_small",
        work_dir=tmp_path,
        env={"TIETOPOHJA_PSEUDONYM_KEY": "another-key-for-the-incremental-test"},
    )
    assert result.ok, result.output[-3000:]
    pseudonyms = "select distinct person_pseudonym from staging.base_patient__visits where person_pseudonym is not null"
    old, new = set(_query(small_build.db_path, pseudonyms)), set(_query(db, pseudonyms))
    assert old and new and not (old & new)
    assert "read_csv(" in _compiled(db, "base_patient__visits")
