"""No hetu beyond staging; keyed, stable pseudonyms; the development-key warning."""

from __future__ import annotations

import hashlib
import os
import re

import duckdb
import pytest

from conftest import FIXTURES, PSEUDONYM_KEY, build, plain

#: the hetu pattern (DDMMYY, century sign, individual number, check character)
HETU_CORE = r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]"
#: ... as a token of its own, in any case. Unbounded, the pattern also matches
#: inside ledger ids such as 'GL202403-00024' (202403-0002), and in lower case
#: inside hex pseudonyms; a hetu embedded in a text is still delimited.
HETU = r"(^|[^0-9A-Za-z])(?i:\d{6}[-+A-FU-Y]\d{3}[0-9A-Y])($|[^0-9A-Za-z])"
OTHER_KEY = "another-key-only-for-the-privacy-tests"
DEV_WARNING = "development pseudonymisation key"


def _text_columns(b, where: str) -> list[tuple[str, str, str]]:
    return b.query(
        "select c.table_schema, c.table_name, c.column_name from information_schema.columns as c "
        f"where c.data_type = 'VARCHAR' and ({where}) order by 1, 2, 3"
    )


DOWNSTREAM = "c.table_schema in ('intermediate', 'marts') or (c.table_schema = 'staging' and c.table_name like 'stg_%')"


def test_pattern_finds_hetus():
    """The scan below would see a hetu: the pattern matches every century sign, not pseudonyms."""
    for code in ["010150-123A", "150685Y246C", "241219B9025", "010100+003A", "290244-1118"]:
        assert re.search(HETU, f"x {code} y"), code
        assert re.search(HETU, f"a={code.lower()} | b"), code
        assert re.search(HETU, code), code
    assert re.search(HETU_CORE, "01-GL202403-00024")  # why the pattern needs delimiters
    assert not re.search(HETU, "01-GL202403-00024")
    assert not re.search(HETU, "x123456a789by")


@pytest.mark.parametrize("build_name", ["sample_build", "small_build"])
def test_no_hetu_column_downstream(request, build_name):
    b = request.getfixturevalue(build_name)
    cols = b.query(
        f"select c.table_schema, c.table_name, c.column_name from information_schema.columns as c where {DOWNSTREAM}"
    )
    assert len(cols) > 100  # the scan sees the models
    named = [c for c in cols if "hetu" in c[2].lower() or "henkilotunnus" in c[2].lower()]
    assert named == []


@pytest.mark.parametrize("build_name", ["sample_build", "small_build"])
def test_no_hetu_value_downstream(request, build_name):
    b = request.getfixturevalue(build_name)
    cols = _text_columns(b, DOWNSTREAM)
    schemas = {c[0] for c in cols}
    assert schemas == {"staging", "intermediate", "marts"}
    con = duckdb.connect(str(b.db_path), read_only=True)
    try:
        found = []
        for schema, table, column in cols:
            n = con.execute(
                f'select count(*) from "{schema}"."{table}" where regexp_matches("{column}", ?)', [HETU]
            ).fetchone()[0]
            if n:
                found.append((schema, table, column, n))
    finally:
        con.close()
    assert found == []


def test_the_scan_would_find_hetus_in_base_models(small_build):
    """Control: the base models do hold hetus (as delivered), so the scan works."""
    sql = "select count(*) from staging.base_patient__visits where regexp_matches(hetu__raw, ?)"
    assert small_build.scalar(sql, [HETU_CORE]) == 5  # all but V2's lower-case 030310a331l
    assert small_build.scalar(sql, [HETU]) == 6


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
        assert not re.search(HETU, raw_values), entity
        assert not re.search(HETU, reasons or ""), entity


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
