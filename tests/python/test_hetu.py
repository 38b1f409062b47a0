"""The hetu (henkilötunnus) macros, evaluated by DuckDB through dbt.

One ``dbt show --inline`` call evaluates ``tietopohja.hetu_invalid_reason``,
``hetu_birth_date``, ``hetu_sex`` and ``pseudonym`` over a list of codes.
The expected values are computed here from the rules of the code
(DDMMYYCZZZQ; century sign; check character = DDMMYYZZZ mod 31 indexed into
0123456789ABCDEFHJKLMNPRSTUVWXY), not copied from macro output.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from conftest import DB_NAME, dbt_show

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}
KEY = "hetu-test-key"


def check_char(ddmmyy: str, zzz: str) -> str:
    return CHECK_CHARS[int(ddmmyy + zzz) % 31]


def make(ddmmyy: str, sign: str, zzz: str) -> str:
    """A code with the right check character."""
    return f"{ddmmyy}{sign}{zzz}{check_char(ddmmyy, zzz)}"


def pseudonym(value: str, kind: str = "person") -> str:
    return hashlib.sha256(f"{KEY}|{kind}|{value}".encode()).hexdigest()[:32]


#: valid codes -> (birth date, sex); one for every century sign
VALID = {
    make("010100", "+", "003"): (date(1800, 1, 1), 1),
    make("150685", "-", "246"): (date(1985, 6, 15), 2),
    make("150685", "Y", "247"): (date(1985, 6, 15), 1),
    make("311299", "X", "010"): (date(1999, 12, 31), 2),
    make("010101", "W", "011"): (date(1901, 1, 1), 1),
    make("280270", "V", "100"): (date(1970, 2, 28), 2),
    make("300460", "U", "101"): (date(1960, 4, 30), 1),
    make("010100", "A", "002"): (date(2000, 1, 1), 2),
    make("241219", "B", "902"): (date(2019, 12, 24), 2),  # temporary number 900-999
    make("050505", "C", "999"): (date(2005, 5, 5), 1),  # temporary number, odd
    make("121212", "D", "900"): (date(2012, 12, 12), 2),
    make("310723", "E", "123"): (date(2023, 7, 31), 1),
    make("011124", "F", "444"): (date(2024, 11, 1), 2),
    make("290224", "A", "123"): (date(2024, 2, 29), 1),  # leap day in a leap year
    make("290200", "A", "224"): (date(2000, 2, 29), 2),  # 2000 is a leap year
    make("290244", "-", "111"): (date(1944, 2, 29), 1),
    "131052-308T": (date(1952, 10, 13), 2),  # the textbook example
}

_good = make("131052", "-", "308")  # 131052-308T
_wrong = CHECK_CHARS[(CHECK_CHARS.index(_good[-1]) + 1) % 31]

#: invalid codes -> reason
INVALID = {
    _good[:-1] + _wrong: "check_character",
    make("290223", "A", "123"): "date",  # 29.2.2023: 2023 is not a leap year
    make("290200", "-", "224"): "date",  # 29.2.1900: 1900 is not a leap year
    make("310424", "A", "123"): "date",  # 31 April
    make("011324", "A", "123"): "date",  # month 13
    make("001024", "A", "123"): "date",  # day 0
    make("300224", "A", "123"): "date",  # 30 February
    "131052G308T": "format",  # G is not a century sign
    "131052-308": "format",  # too short
    "131052-308TT": "format",  # too long
    "131052-308G": "format",  # G is never a check character
    "131052-308Z": "format",
    "1310522308T": "format",  # digit in place of the century sign
    "13105X-308T": "format",
    "": "format",
    # lower case: the macro wants upper-cased input (the base models upper-case first)
    "030310a331l": "format",
}

LOWER_CASE = "030310a331l"


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory) -> dict[str, dict]:
    codes = list(VALID) + list(INVALID)
    values = ", ".join(f"('{c}')" for c in codes)
    sql = (
        "select code, "
        "{{ tietopohja.hetu_invalid_reason('code') }} as invalid_reason, "
        "{{ tietopohja.hetu_invalid_reason('upper(code)') }} as invalid_reason_upper, "
        "{{ tietopohja.hetu_birth_date('code') }} as birth_date, "
        "{{ tietopohja.hetu_sex('code') }} as sex, "
        "{{ tietopohja.pseudonym('code') }} as person_pseudonym, "
        "{{ tietopohja.pseudonym('upper(code)') }} as person_pseudonym_upper, "
        "{{ tietopohja.pseudonym('code', 'employee') }} as employee_pseudonym "
        f"from (values {values}) as codes(code)"
    )
    work = tmp_path_factory.mktemp("hetu")
    shown = dbt_show(sql, work / DB_NAME, env={"TIETOPOHJA_PSEUDONYM_KEY": KEY}, limit=len(codes) + 10)
    rows = {r["code"]: r for r in shown}
    assert len(rows) == len(codes)
    return rows


def test_expected_values_are_self_consistent():
    assert check_char("131052", "308") == "T"
    assert len(VALID) == 17 and len(INVALID) == 16
    assert not set(VALID) & set(INVALID)
    signs = {code[6] for code in VALID}
    assert signs == set("+-YXWVUABCDEF")


@pytest.mark.parametrize("code", list(VALID))
def test_valid_codes(evaluated, code):
    birth_date, sex = VALID[code]
    row = evaluated[code]
    assert row["invalid_reason"] is None
    assert row["birth_date"] == birth_date.isoformat()
    assert row["sex"] == sex


@pytest.mark.parametrize("code", list(INVALID))
def test_invalid_codes(evaluated, code):
    assert evaluated[code]["invalid_reason"] == INVALID[code]


@pytest.mark.parametrize("code", [c for c, r in INVALID.items() if r == "date"])
def test_impossible_dates_have_no_birth_date(evaluated, code):
    assert evaluated[code]["birth_date"] is None


def test_lower_case_is_valid_once_upper_cased(evaluated):
    row = evaluated[LOWER_CASE]
    assert row["invalid_reason"] == "format"
    assert row["invalid_reason_upper"] is None
    assert check_char("030310", "331") == "L"


def test_pseudonym_is_keyed_sha256(evaluated):
    for code, row in evaluated.items():
        assert row["person_pseudonym"] == pseudonym(code)
        assert row["employee_pseudonym"] == pseudonym(code, "employee")
        assert row["employee_pseudonym"] != row["person_pseudonym"]


def test_pseudonym_of_upper_cased_code_is_the_upper_case_ones(evaluated):
    row = evaluated[LOWER_CASE]
    assert row["person_pseudonym_upper"] == pseudonym(LOWER_CASE.upper())
    assert row["person_pseudonym_upper"] != row["person_pseudonym"]


def test_pseudonyms_are_distinct(evaluated):
    pseudonyms = [row["person_pseudonym"] for row in evaluated.values()]
    assert len(set(pseudonyms)) == len(pseudonyms)
    assert all(len(p) == 32 and set(p) <= set("0123456789abcdef") for p in pseudonyms)
