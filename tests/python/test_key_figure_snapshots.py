"""Every key figure stays what it was unless a change means it to: golden fingerprints.

``key_figures`` is reduced to one line per measure, period grain and
``value_status`` (key_figure_fingerprints.py) and compared with
``tests/snapshots/<folder>.csv``, committed with the code: here for the
session's builds of the bundled sample, ``landing_small`` and
``key_figures_handmade``; in conftest.build_folder for every other hand-made
folder of tests/landing that a module builds unchanged (its tests then check
its figures by hand as well).

A refactoring must leave them equal. A change that means to change figures
regenerates them and commits the new files beside the change, where a reviewer
sees which measures moved::

    TIETOPOHJA_UPDATE_SNAPSHOTS=1 make test
"""

from __future__ import annotations

import pytest

from key_figure_fingerprints import FINGERPRINT, assert_equals_snapshot, fingerprint_differences

#: the session's builds and the name of their snapshot
FOLDERS = {"sample_build": "sample", "small_build": "landing_small", "handmade_build": "key_figures_handmade"}


@pytest.mark.parametrize("fixture", FOLDERS)
def test_key_figures_equal_their_snapshot(fixture, request):
    assert_equals_snapshot(request.getfixturevalue(fixture), FOLDERS[fixture])


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
    assert fingerprint_differences(before, after) and not fingerprint_differences(before, before)
