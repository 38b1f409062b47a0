"""Every key figure stays what it was unless a change means it to: golden fingerprints.

For the session's builds of the bundled sample, ``landing_small`` and
``key_figures_handmade``, ``key_figures`` is reduced to one line per measure,
period grain and ``value_status``: the rows, the rows with a value, the sum of
the values and a weighted sum (each value times a weight from the MD5 of its
row's key: a value that moves to another county, period or breakdown changes
it even when the plain sum does not). The lines are compared with
``tests/snapshots/<folder>.csv``, committed with the code.

A refactoring must leave them equal. A change that means to change figures
regenerates them and commits the new files beside the change, where a reviewer
sees which measures moved::

    TIETOPOHJA_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/python/test_key_figure_snapshots.py
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots"
UPDATE_ENV = "TIETOPOHJA_UPDATE_SNAPSHOTS"
COLUMNS = ("measure_code", "period_grain", "value_status", "rows", "rows_with_value", "value_sum", "weighted_sum")
#: sums of doubles may differ in their last bits with the order of a parallel sum
RELATIVE = 1e-9

FINGERPRINT = """
select
    measure_code,
    period_grain,
    coalesce(value_status, '') as value_status,
    count(*) as rows,
    count(value) as rows_with_value,
    coalesce(sum(value), 0) as value_sum,
    coalesce(sum(value * cast(('0x' || substr(md5(concat_ws('|',
        county_code, period_start, service_code, segment, production_mode, municipality_code
    )), 1, 4)) as integer)), 0) as weighted_sum
from marts.key_figures
group by all
order by all
"""


def _lines(build) -> list[tuple]:
    return [tuple(row) for row in build.query(FINGERPRINT)]


def _read(path: Path) -> list[tuple]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (r["measure_code"], r["period_grain"], r["value_status"], int(r["rows"]), int(r["rows_with_value"]),
             float(r["value_sum"]), float(r["weighted_sum"]))
            for r in csv.DictReader(f)
        ]  # fmt: skip


def _write(path: Path, lines: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([*line[:5], repr(float(line[5])), repr(float(line[6]))] for line in lines)


def _differences(expected: list[tuple], actual: list[tuple]) -> list[str]:
    want = {line[:3]: line[3:] for line in expected}
    got = {line[:3]: line[3:] for line in actual}
    out = []
    for key in sorted(set(want) | set(got)):
        a, b = want.get(key), got.get(key)
        if a is None or b is None:
            out.append(f"{key}: {'new' if a is None else 'gone'} {b or a}")
        elif a[:2] != b[:2] or not all(
            math.isclose(x, y, rel_tol=RELATIVE, abs_tol=1e-9) for x, y in zip(a[2:], b[2:], strict=True)
        ):
            out.append(f"{key}: snapshot {a}, now {b}")
    return out


#: the session's builds and the name of their snapshot
FOLDERS = {"sample_build": "sample", "small_build": "landing_small", "handmade_build": "key_figures_handmade"}


@pytest.mark.parametrize("fixture", FOLDERS)
def test_key_figures_equal_their_snapshot(fixture, request):
    build = request.getfixturevalue(fixture)
    lines = _lines(build)
    assert len({line[0] for line in lines}) >= 30, "the build has too few measures to compare"
    path = SNAPSHOTS / f"{FOLDERS[fixture]}.csv"
    if os.environ.get(UPDATE_ENV):
        _write(path, lines)
    assert path.exists(), f"no snapshot {path}: write it with {UPDATE_ENV}=1 (module docstring)"
    differences = _differences(_read(path), lines)
    assert not differences, (
        f"key figures differ from {path.name} (measure, grain, status: rows, with value, sum, weighted sum); "
        f"if the change is meant, regenerate with {UPDATE_ENV}=1 and commit:\n" + "\n".join(differences[:40])
    )


def test_a_moved_value_changes_the_fingerprint():
    """Not vacuous: the same values under another key give another weighted sum."""
    import duckdb

    con = duckdb.connect()
    con.execute(
        "create schema marts; create table marts.key_figures as select * from (values "
        "('01', 'm', 'month', date '2024-01-01', 'S1', null, null, null, 10.0, 'delivered'), "
        "('01', 'm', 'month', date '2024-02-01', 'S1', null, null, null, 20.0, 'delivered')) "
        "as t(county_code, measure_code, period_grain, period_start, service_code, segment, production_mode, "
        "municipality_code, value, value_status)"
    )
    before = con.execute(FINGERPRINT).fetchall()
    con.execute("update marts.key_figures set value = 30.0 - value")  # 10 and 20 swap periods
    after = con.execute(FINGERPRINT).fetchall()
    assert before[0][5] == after[0][5] == 30.0
    assert _differences(before, after) and not _differences(before, before)
