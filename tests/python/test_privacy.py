"""No hetu stored anywhere; keyed, stable pseudonyms; the development-key warning.

The leak scan reads a whole build: every text column of every table and view
(base and staging included), every file dbt wrote under its target and log
folders, and the exports, looking for every hetu of the fixture folders as a
substring (upper-cased, dash look-alikes read as '-').
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, PSEUDONYM_KEY, WITH_LOG_FILE, build, build_folder, plain
from tietopohja.export import export
from tietopohja.paths import PROJECT_DIR

OTHER_KEY = "another-key-only-for-the-privacy-tests"
DEV_WARNING = "development pseudonymisation key"

#: dash look-alikes a word processor or a spreadsheet writes for '-'
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_CANON = str.maketrans(DASHES, "-" * len(DASHES))


def canon(text: str) -> str:
    """Upper case, every dash look-alike a '-': a hetu is found however it was written."""
    return text.upper().translate(_CANON)


# ----------------------------------------------------------- the privacy build

#: rows added to a copy of landing_small: (file, header or None for an existing file, lines)
ADDED = {
    # a hetu in a unit id: quarantined; a hetu (U+2212 minus) in a unit name: '[hetu]'
    "org/units.csv": [
        "U_121212-121D,Hetun yksikkö,CC_PTH,PTH_VASTAANOTTO,638,false,2020-01-01,",
        "U_KOTI,Kotihoito 311299\u2212880L,CC_PTH,PTH_VASTAANOTTO,638,false,2020-01-01,",
    ],
    "finance/gl_entries_2024-03.csv": [
        "entry_id,document_id,posting_date,period,account,cost_center,amount_eur,counterparty_sector,"
        "counterparty_id,description",
        # glued to a word in a free text, and with an en dash
        "E10,D10,2024-03-05,2024-03,4000,CC_PTH,10.00,,,Korjaus asiakas_150360-222R laskulle",
        "E11,D11,2024-03-06,2024-03,4000,CC_PTH,11.00,,,Palautus 240575\u2013931W",
        # an em-dash hetu in a code column: quarantined
        "E12,D_240575\u2014931W,2024-03-07,2024-03,4000,CC_PTH,12.00,,,Hetu tositenumerossa",
        # a ledger id is no hetu
        "E13,06-GL202403-00002,2024-03-08,2024-03,4000,CC_PTH,13.00,,,Jaksotus",
    ],
    "patient/visits_2024-03.csv": [
        "visit_id,hetu,home_municipality_code,unit_id,visit_at,contact_type,professional_group,specialty,"
        "diagnosis_icd10,diagnosis_icpc2,urgent,production_mode",
        # the unit id with a hetu: quarantined, never mapped
        "V7,010180-3457,638,U_121212-121D,2024-03-01 10:00,R10,nurse,,,,false,own",
        # too many fields, the extra one with the hetu again
        "V8,010180-3457,638,U_PTH,2024-03-02 10:00,R10,nurse,,,,false,own,lisätieto 010180-3457",
    ],
    # an unterminated quote swallows the next lines, glued and en-dash hetus in them
    "patient/contacts_2024-03.csv": [
        "contact_id,hetu,home_municipality_code,unit_id,service_code,contacted_at,channel,assessed_at,urgency,"
        "treatment_needed,treatment_at",
        'C97,121212-121D,638,U_PTH,PTH_VASTAANOTTO,2024-03-05 08:00,"phone,,,,',
        "C98,asiakas_311299\u2013880L,638,U_PTH,PTH_VASTAANOTTO,2024-03-06 08:00,phone,,,,",
        "C99,150360-222R,434,U_PTH,PTH_VASTAANOTTO,2024-03-07 08:00,phone,,,,",
    ],
}

#: the hetus the added rows carry (canonical form)
ADDED_HETUS = {"121212-121D", "311299-880L", "150360-222R", "240575-931W", "010180-3457"}


def fixture_hetus() -> set[str]:
    """Every value of a hetu column of every fixture folder (CSV and Parquet), canonical."""
    out: set[str] = set()
    for path in sorted(FIXTURES.glob("*/*/*")):
        suffix = path.suffix.lower()
        if suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig", errors="replace")
            header = text.split("\n", 1)[0]
            rows = csv.DictReader(text.splitlines(), delimiter=";" if ";" in header else ",")
            out |= {canon(r["hetu"].strip()) for r in rows if (r.get("hetu") or "").strip()}
        elif suffix == ".parquet":
            con = duckdb.connect()
            try:
                cols = [r[0] for r in con.execute(f"describe select * from read_parquet('{path}')").fetchall()]
                if "hetu" in cols:
                    rows = con.execute(f"select cast(hetu as varchar) from read_parquet('{path}')").fetchall()
                    out |= {canon(r[0].strip()) for r in rows if r[0] and r[0].strip()}
            finally:
                con.close()
    return out


HETUS = frozenset(fixture_hetus() | ADDED_HETUS)
_HETU_SEARCH = re.compile("|".join(re.escape(h) for h in sorted(HETUS)))


def hetus_in(text: str) -> set[str]:
    return set(_HETU_SEARCH.findall(canon(text)))


def _write_privacy_landing(landing: Path) -> None:
    shutil.copytree(FIXTURES / "landing_small", landing)
    for name, lines in ADDED.items():
        path = landing / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            path.write_text(text + ("" if text.endswith("\n") else "\n") + "\n".join(lines) + "\n", encoding="utf-8")
        else:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def privacy_build(tmp_path_factory):
    landing = tmp_path_factory.mktemp("privacy_landing") / "landing"
    _write_privacy_landing(landing)
    return build_folder(tmp_path_factory, landing, "privacy", env=WITH_LOG_FILE)  # its log is scanned too


@pytest.fixture(scope="module")
def privacy_exports(privacy_build, tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("privacy_exports")
    files: list[Path] = []
    for fmt, locale in [("csv", "canonical"), ("csv", "fi"), ("parquet", "canonical"), ("duckdb", "canonical")]:
        folder = out / f"{fmt}_{locale}"
        files += export(privacy_build.db_path, folder, fmt, locale=locale, progress=lambda _: None)
    return files


# ------------------------------------------------------------------ the scans


def scan_relations(db_path: Path) -> tuple[list[tuple[str, str, str, set[str]]], int]:
    """(schema, relation, column, hetus found) for every text column of every table and view."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        cols = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR' order by 1, 2, 3"
        ).fetchall()
        found = []
        for schema, table, column in cols:
            values = con.execute(
                f'select distinct "{column}" from "{schema}"."{table}" where "{column}" is not null'
            ).fetchall()
            hits = set().union(*(hetus_in(v) for (v,) in values)) if values else set()
            if hits:
                found.append((schema, table, column, hits))
    finally:
        con.close()
    return found, len(cols)


def scan_files(folder: Path) -> dict[str, set[str]]:
    """Relative path -> hetus found, for every file under `folder` (read as UTF-8 text)."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        hits = hetus_in(path.read_bytes().decode("utf-8", errors="replace"))
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


def test_fixture_hetus_are_collected():
    """The scans look for the codes of every fixture folder and for the ones added here."""
    assert len(HETUS) > 20
    assert {"010150-123A", "030310A331L", "010150-123B", "300224A1234", "100485-902X"} <= HETUS
    assert ADDED_HETUS <= HETUS
    assert hetus_in("asiakas_150360\u2013222r|x") == {"150360-222R"}  # glued, en dash, lower case


def test_the_scans_would_find_a_hetu(tmp_path):
    """Control: a hetu glued, with a look-alike dash, in a table, a view or a file is found."""
    db = tmp_path / "control.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema staging")
    con.execute("create table staging.base_x (a varchar, b integer)")
    con.execute("insert into staging.base_x values ('ok', 1), ('asiakas_240575\u2014931w', 2)")
    con.execute("create view main.v as select 'x' || '010150-123A' as c")
    con.close()
    found, n = scan_relations(db)
    assert n == 2
    assert [(s, t, c) for s, t, c, _ in found] == [("main", "v", "c"), ("staging", "base_x", "a")]
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "dbt.log").write_text("... value 150360\u2212222R ...", encoding="utf-8")
    assert scan_files(tmp_path / "logs") == {"dbt.log": {"150360-222R"}}


def test_no_hetu_in_any_relation(privacy_build):
    found, n = scan_relations(privacy_build.db_path)
    assert n > 500  # base, staging, intermediate, marts, seeds: every text column
    assert found == []


@pytest.mark.parametrize("build_name", ["small_build", "sample_build"])
def test_no_hetu_in_the_session_builds(request, build_name):
    found, _ = scan_relations(request.getfixturevalue(build_name).db_path)
    assert found == []


def test_no_hetu_in_dbt_target_or_logs(privacy_build):
    work = privacy_build.db_path.parent
    for folder in ("dbt_target", "dbt_logs"):
        assert any((work / folder).rglob("*")), folder
        assert scan_files(work / folder) == {}, folder


def test_no_hetu_in_the_exports(privacy_exports, tmp_path):
    assert len(privacy_exports) > 4
    found = {}
    for path in privacy_exports:
        if path.suffix in (".csv", ".json"):  # the CSVs and their datapackage.json
            hits = hetus_in(path.read_text(encoding="utf-8-sig"))
        elif path.suffix == ".parquet":
            con = duckdb.connect()
            rows = con.execute(f"select * from read_parquet('{path}')").fetchall()
            con.close()
            hits = set().union(set(), *(hetus_in(str(v)) for r in rows for v in r))
        else:
            copy = tmp_path / path.name
            shutil.copy(path, copy)
            hits = set().union(set(), *(h for *_, h in scan_relations(copy)[0]))
        if hits:
            found[path.name] = hits
    assert found == {}


def test_no_hetu_column_anywhere(privacy_build):
    cols = privacy_build.query("select table_schema, table_name, column_name from information_schema.columns")
    named = [c for c in cols if "hetu" in c[2].lower() or "henkilotunnus" in c[2].lower() or c[2].endswith("__raw")]
    assert named == []


# ------------------------------------------------- what the added rows became


def _base(b, model: str, columns: str, where: str) -> list[tuple]:
    return b.query(f"select {columns} from staging.{model} where {where} order by _source_line")


def test_hetu_in_a_unit_id_quarantines_the_unit_and_its_events(privacy_build):
    b = privacy_build
    assert _base(b, "base_org__units", "_status, _reasons", "unit_name = 'Hetun yksikkö'") == [
        ("quarantined", "invalid_format(unit_id)")
    ]
    assert _base(b, "base_patient__visits", "visit_id, _status, _reason_code", "visit_id = 'V7'") == [
        ("V7", "quarantined", "invalid_format")
    ]
    # nothing about the unit reaches the mapping or the data-quality marts
    assert b.query("select count(*) from staging.stg_org__units where unit_id like 'U\\_1%' escape '\\'") == [(0,)]
    for mart in ("mapping_completeness", "reconciliation_units"):
        cols = [r[0] for r in b.query(f"describe marts.{mart}") if r[1] == "VARCHAR"]
        hits = b.query(
            f"select count(*) from marts.{mart} where " + " or ".join(f"contains(\"{c}\", '1212') " for c in cols)
        )
        assert hits == [(0,)], mart


def test_hetu_in_a_free_text_is_replaced(privacy_build):
    got = dict(privacy_build.query("select entry_id, description from staging.stg_finance__gl_entries"))
    assert got["E10"] == "Korjaus asiakas_[hetu] laskulle"  # glued to a word
    assert got["E11"] == "Palautus [hetu]"  # en dash
    units = dict(privacy_build.query("select unit_id, unit_name from staging.stg_org__units"))
    assert units["U_KOTI"] == "Kotihoito [hetu]"  # U+2212 minus


def test_hetu_in_a_code_column_quarantines_the_row(privacy_build):
    rows = _base(privacy_build, "base_finance__gl_entries", "entry_id, _status, _reasons", "entry_id in ('E12', 'E13')")
    assert rows == [("E12", "quarantined", "invalid_format(document_id)"), ("E13", "staged", None)]
    (raw,) = privacy_build.query(
        "select raw_values from marts.landing_quarantine where raw_values like 'entry_id=E12 %'"
    )[0]
    assert "document_id=D_<redacted> |" in raw


def test_shifted_and_swallowed_rows_are_redacted(privacy_build):
    b = privacy_build
    ((status, reason, extra, raw),) = _base(
        b, "base_patient__visits", "_status, _reason_code, _extra_fields, _raw_values", "visit_id = 'V8'"
    )
    assert (status, reason) == ("quarantined", "too_many_fields")
    assert "lisätieto <redacted>" in extra
    assert "hetu=<redacted>" in raw
    ((status, reason, raw),) = _base(
        b,
        "base_patient__contacts",
        "_status, _reason_code, _raw_values",
        "_source_file = 'patient/contacts_2024-03.csv'",
    )
    assert (status, reason) == ("quarantined", "unterminated_quote")
    assert "hetu=<redacted>" in raw
    assert "\nC98,asiakas_<redacted>,638," in raw and "\nC99,<redacted>,434," in raw
    quarantined = b.query(
        "select raw_values from marts.landing_quarantine where source_file = 'patient/contacts_2024-03.csv'"
    )
    assert quarantined == [(raw,)]


def test_person_columns_come_from_the_base_model(privacy_build):
    """The staging views select what the base model computed: the same pseudonyms as before."""
    rows = privacy_build.query(
        "select visit_id, person_pseudonym, birth_date, sex, _status from staging.base_patient__visits "
        "where visit_id in ('V1', 'V6')"
    )
    expected = hashlib.sha256(f"{PSEUDONYM_KEY}|person|010150-123A".encode()).hexdigest()[:32]
    got = {r[0]: r[1:] for r in rows}
    assert got["V1"][0] == expected and got["V1"][3] == "staged"
    assert got["V6"] == (None, None, None, "quarantined")  # invalid code: nothing derived from it


# -------------------------------------------------------- the SQL token pattern


def _pattern() -> str:
    text = (PROJECT_DIR / "macros" / "privacy" / "hetu_shape.sql").read_text(encoding="utf-8")
    date = re.search(r"set date = '([^']*)'", text).group(1)
    tail = re.search(r"set tail = '([^']*)'", text).group(1)
    signs = re.search(r"date ~ '(\[[^']*\])' ~ tail", text).group(1).replace("\\\\", "\\")
    return f"(^|[^0-9])({date}{signs}{tail})([^0-9]|$)|(^|[^0-9a-f])({date}[a-f]{tail})([^0-9a-f]|$)"


def _redact(con, text: str) -> str:
    pattern = _pattern()
    return con.execute(
        "select regexp_replace(regexp_replace(?, ?, '\\1\\4[hetu]\\3\\6', 'g'), ?, '\\1\\4[hetu]\\3\\6', 'g')",
        [text, pattern, pattern],
    ).fetchone()[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150360-222R", "[hetu]"),
        ("asiakas_150360-222R", "asiakas_[hetu]"),
        ("x150360\u2013222Ry", "x[hetu]y"),
        ("(150360\u2014222r)", "([hetu])"),
        ("150360\u2212222R 150360\u2010222R 150360\u2011222R", "[hetu] [hetu] [hetu]"),
        ("010100+003A", "[hetu]"),
        ("030310a331l", "[hetu]"),
        ("a 150360-222R,150360-222R,150360-222R b", "a [hetu],[hetu],[hetu] b"),
        # not hetus: ledger ids, digit-embedded, impossible dates, business ids, hex
        ("06-GL202403-00002", "06-GL202403-00002"),
        ("1150360-222R", "1150360-222R"),
        ("150360-222R0", "150360-222R0"),
        ("320160-222R 151360-222R", "320160-222R 151360-222R"),
        ("1234567-8", "1234567-8"),
        ("e241219b9025f", "e241219b9025f"),
    ],
)
def test_hetu_shape(text, expected):
    con = duckdb.connect()
    try:
        assert _redact(con, text) == expected
    finally:
        con.close()


def test_hex_pseudonyms_are_not_hetu_shaped():
    con = duckdb.connect()
    try:
        n = con.execute(
            "select count(*) from (select substr(sha256(cast(i as varchar)), 1, 32) as h from range(200000) as t(i)) "
            "where regexp_matches(h, ?)",
            [_pattern()],
        ).fetchone()[0]
    finally:
        con.close()
    assert n == 0


# ------------------------------------------------------- quarantine redaction


@pytest.mark.parametrize("build_name", ["sample_build", "small_build"])
def test_quarantine_redacts_hetus(request, build_name):
    b = request.getfixturevalue(build_name)
    rows = b.query(
        "select entity, raw_values, reasons from marts.landing_quarantine "
        "where entity in ('patient/contacts', 'patient/visits', 'patient/referrals', "
        "'patient/inpatient_episodes', 'social/cases', 'social/service_periods')"
    )
    assert rows, "no quarantined rows of entities with a hetu"
    for entity, raw_values, reasons in rows:
        assert "hetu=<redacted>" in raw_values, (entity, raw_values)
        assert not hetus_in(raw_values), entity
        assert not hetus_in(reasons or ""), entity


def test_small_quarantine_redacts_invalid_hetus(small_build):
    """The invalid codes (010150-123B, 300224A1234) may still be real persons' codes."""
    raw = " ".join(r[0] for r in small_build.query("select raw_values from marts.landing_quarantine"))
    assert "010150-123B" not in raw
    assert "300224A1234" not in raw
    assert raw.count("hetu=<redacted>") == 6  # C3, V3, V6, R2, S2, SP3


@pytest.fixture(scope="module")
def other_key_build(tmp_path_factory):
    b = build(
        tmp_path_factory.mktemp("other_key"),
        FIXTURES / "landing_small",
        "other_key",
        args=["run", "-s", "path:models/staging"],
        env={"TIETOPOHJA_PSEUDONYM_KEY": OTHER_KEY},
    )
    assert b.result.ok, b.result.output[-3000:]
    return b


PERSON_MODELS = [
    "stg_patient__contacts",
    "stg_patient__visits",
    "stg_patient__referrals",
    "stg_patient__inpatient_episodes",
    "stg_social__cases",
    "stg_social__service_periods",
]


def _pseudonyms(b, column: str = "person_pseudonym", models=None) -> set[str]:
    out: set[str] = set()
    for model in models or PERSON_MODELS:
        out |= {r[0] for r in b.query(f"select {column} from staging.{model}")}
    return out


def test_another_key_gives_unrelated_pseudonyms(small_build, other_key_build):
    dev = _pseudonyms(small_build)
    other = _pseudonyms(other_key_build)
    assert len(dev) == len(other) == 6  # the six valid persons of the fixture
    assert dev.isdisjoint(other)
    dev_emp = _pseudonyms(small_build, "employee_pseudonym", ["stg_hr__employments"])
    other_emp = _pseudonyms(other_key_build, "employee_pseudonym", ["stg_hr__employments"])
    assert len(dev_emp) == len(other_emp) == 3
    assert dev_emp.isdisjoint(other_emp)


def test_pseudonyms_are_stable_for_a_key(small_build, other_key_build):
    """Each build's pseudonyms are SHA-256(key|person|hetu): a function of key and code only."""
    hetus = ["010150-123A", "150685Y246C", "030310A331L", "241219B9025", "290244-1118", "050530X2225"]
    for b, key in [
        (small_build, PSEUDONYM_KEY),
        (other_key_build, OTHER_KEY),
    ]:
        expected = {hashlib.sha256(f"{key}|person|{h}".encode()).hexdigest()[:32] for h in hetus}
        assert _pseudonyms(b) == expected


def test_no_warning_with_a_key(other_key_build):
    out = plain(other_key_build.result.output)
    assert DEV_WARNING not in out
    assert "TIETOPOHJA_PSEUDONYM_KEY is not set" not in out


@pytest.mark.parametrize(
    ("build_name", "expected"),
    [
        ("sample_build", "WARNING: using the development pseudonymisation key (fine for the bundled sample only)"),
        ("small_build", "WARNING: TIETOPOHJA_PSEUDONYM_KEY is not set: the PUBLIC development key is pseudonymising"),
    ],
)
def test_warning_without_a_key(request, build_name, expected):
    """The session builds run without a key (unless the environment sets one): the log says so."""
    if "TIETOPOHJA_PSEUDONYM_KEY" in os.environ:
        pytest.skip("TIETOPOHJA_PSEUDONYM_KEY is set in the environment")
    out = plain(request.getfixturevalue(build_name).result.output)
    assert expected in out
