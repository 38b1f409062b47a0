"""The profile's DuckDB settings as a build sees them, read through dbt with the real profile on a
small project of its own (``profiles.yml`` of this repository, ``--project-dir`` a temporary folder):
dbt and DuckDB are the real ones, without parsing the whole project for each case.

``TIETOPOHJA_TEMP_DIR`` moves DuckDB's spill folder (a build larger than the memory limit writes
there: tens of GB for the whole country); unset, the folder stays DuckDB's own default beside the
database file. A build goes on after a query has spilled.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from conftest import DB_NAME, shown_rows
from tietopohja.dbt_runner import PARSE_CACHE_ENV, run_dbt
from tietopohja.paths import PROJECT_DIR

SETTINGS_SQL = (
    "select current_setting('temp_directory') as temp_directory, current_setting('memory_limit') as memory_limit"
)

#: a project's settings file: the profile is this repository's
PROJECT_YML = "name: spilling\nversion: '1.0'\nprofile: tietopohja\n"

#: a project of two models: the first spills (a sort of 3 million rows under a 32 MB limit,
#: kept as a temporary table while the model runs, so the model can count DuckDB's spill files),
#: the second runs after it on a connection of its own
SPILLING_PROJECT = {
    "dbt_project.yml": PROJECT_YML,
    "models/spilled.sql": (
        "{{ config(materialized='table', pre_hook='create temp table sorted as"
        " select i, random() as r from range(3000000) t(i) order by r') }}\n"
        "select count(*) as spill_files from duckdb_temporary_files()\n"
    ),
    "models/after_the_spill.sql": "select spill_files from {{ ref('spilled') }}\n",
}


def small_project(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_with_profile(args: list[str], project: Path, db_path: Path, env: dict[str, str]):
    """``dbt <args>`` on ``project`` with this repository's profile (the dev target)."""
    return run_dbt(
        [*args, "--project-dir", str(project), "--profiles-dir", str(PROJECT_DIR)],
        db_path=db_path,
        env={PARSE_CACHE_ENV: "", **env},
    )


def shown_settings(tmp_path: Path, db_path: Path, env: dict[str, str]) -> dict:
    project = small_project(tmp_path / "settings", {"dbt_project.yml": PROJECT_YML})
    result = run_with_profile(["show", "--inline", SETTINGS_SQL, "--output", "json"], project, db_path, env)
    return shown_rows(result)[0]


def test_spill_folder_defaults_to_beside_the_database(tmp_path):
    db_path = tmp_path / DB_NAME
    settings = shown_settings(tmp_path, db_path, {"TIETOPOHJA_MEMORY_LIMIT": "3GB"})
    assert settings["temp_directory"] == f"{db_path}.tmp"
    assert settings["memory_limit"].startswith("2.7 GiB")  # 3 GB as DuckDB prints it


def test_spill_folder_follows_tietopohja_temp_dir(tmp_path):
    spill = tmp_path / "large-disk" / "spill"
    settings = shown_settings(tmp_path, tmp_path / DB_NAME, {"TIETOPOHJA_TEMP_DIR": str(spill)})
    assert settings["temp_directory"] == str(spill)


def test_a_build_goes_on_after_a_query_spills(tmp_path):
    # DuckDB refuses to move its spill folder once a query has spilled; the profile must set the
    # folder once, when the database opens, not again on every connection (a 550,000-resident
    # build failed at its first model after a spill)
    project = small_project(tmp_path / "spilling", SPILLING_PROJECT)
    db_path = tmp_path / "spilling.duckdb"
    result = run_with_profile(
        ["build"], project, db_path, {"TIETOPOHJA_MEMORY_LIMIT": "32MB", "TIETOPOHJA_THREADS": "1"}
    )
    assert result.ok, result.output[-3000:]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        (spill_files,) = con.execute("select spill_files from after_the_spill").fetchone()
    finally:
        con.close()
    assert spill_files > 0  # the first model did spill
