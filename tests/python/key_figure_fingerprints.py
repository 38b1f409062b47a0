"""Key-figure fingerprints and their committed snapshots (tests/snapshots/<folder>.csv).

``key_figures`` of a build is reduced to one line per measure, period grain and
``value_status``: the rows, the rows with a value, the sum of the values and a
weighted sum (each value times a weight from the MD5 of its row's key: a value
that moves to another county, period or breakdown changes it even when the
plain sum does not). test_key_figure_snapshots compares the session's builds
with their snapshots, and conftest.build_folder every hand-made landing folder
it builds unchanged. ``TIETOPOHJA_UPDATE_SNAPSHOTS=1`` writes them instead.
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

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


def fingerprint_lines(build) -> list[tuple]:
    return [tuple(row) for row in build.query(FINGERPRINT)]


def read_snapshot(path: Path) -> list[tuple]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (r["measure_code"], r["period_grain"], r["value_status"], int(r["rows"]), int(r["rows_with_value"]),
             float(r["value_sum"]), float(r["weighted_sum"]))
            for r in csv.DictReader(f)
        ]  # fmt: skip


def write_snapshot(path: Path, lines: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([*line[:5], repr(float(line[5])), repr(float(line[6]))] for line in lines)


def fingerprint_differences(expected: list[tuple], actual: list[tuple]) -> list[str]:
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


def assert_equals_snapshot(build, name: str) -> None:
    """The build's key figures equal tests/snapshots/<name>.csv (written first with UPDATE_ENV=1)."""
    lines = fingerprint_lines(build)
    assert len({line[0] for line in lines}) >= 30, "the build has too few measures to compare"
    path = SNAPSHOTS / f"{name}.csv"
    if os.environ.get(UPDATE_ENV):
        write_snapshot(path, lines)
    assert path.exists(), f"no snapshot {path}: write it with {UPDATE_ENV}=1 (test_key_figure_snapshots.py)"
    differences = fingerprint_differences(read_snapshot(path), lines)
    assert not differences, (
        f"key figures differ from {path.name} (measure, grain, status: rows, with value, sum, weighted sum); "
        f"if the change is meant, regenerate with {UPDATE_ENV}=1 and commit:\n" + "\n".join(differences[:40])
    )
