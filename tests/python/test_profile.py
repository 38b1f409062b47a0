"""The profile's DuckDB settings as a build sees them (``dbt show`` on the dev target).

``TIETOPOHJA_TEMP_DIR`` moves DuckDB's spill folder (a build larger than the
memory limit writes there: tens of GB for the whole country); unset, the folder
stays DuckDB's own default beside the database file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from conftest import DB_NAME, dbt_show
from tietopohja.dbt_runner import PARSE_CACHE_ENV, run_dbt
from tietopohja.paths import PROJECT_DIR

SETTINGS_SQL = (
    "select current_setting('temp_directory') as temp_directory, current_setting('memory_limit') as memory_limit"
)


def shown_settings(db_path: Path, env: dict[str, str]) -> dict:
    # no parse cache: it would point TIETOPOHJA_DB_PATH at a link to the database's folder
    return dbt_show(SETTINGS_SQL, db_path, env={PARSE_CACHE_ENV: "", **env})[0]


def test_spill_folder_defaults_to_beside_the_database(tmp_path):
    db_path = tmp_path / DB_NAME
    settings = shown_settings(db_path, {"TIETOPOHJA_MEMORY_LIMIT": "3GB"})
    assert settings["temp_directory"] == f"{db_path}.tmp"
    assert settings["memory_limit"].startswith("2.7 GiB")  # 3 GB as DuckDB prints it


def test_spill_folder_follows_tietopohja_temp_dir(tmp_path):
    spill = tmp_path / "large-disk" / "spill"
    settings = shown_settings(tmp_path / DB_NAME, {"TIETOPOHJA_TEMP_DIR": str(spill)})
    assert settings["temp_directory"] == str(spill)


#: a project of two models: the first spills (a sort of 3 million rows under a 32 MB limit,
#: kept as a temporary table while the model runs, so the model can count DuckDB's spill files),
#: the second runs after it on a connection of its own
SPILLING_PROJECT = {
    "dbt_project.yml": "name: spilling\nversion: '1.0'\nprofile: tietopohja\n",
    "models/spilled.sql": (
        "{{ config(materialized='table', pre_hook='create temp table sorted as"
        " select i, random() as r from range(3000000) t(i) order by r') }}\n"
        "select count(*) as spill_files from duckdb_temporary_files()\n"
    ),
    "models/after_the_spill.sql": "select spill_files from {{ ref('spilled') }}\n",
}


def test_a_build_goes_on_after_a_query_spills(tmp_path):
    # DuckDB refuses to move its spill folder once a query has spilled; the profile must set the
    # folder once, when the database opens, not again on every connection (a 550,000-resident
    # build failed at its first model after a spill)
    project = tmp_path / "spilling"
    for name, text in SPILLING_PROJECT.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    db_path = tmp_path / "spilling.duckdb"
    result = run_dbt(
        ["build", "--project-dir", str(project), "--profiles-dir", str(PROJECT_DIR)],
        db_path=db_path,
        env={"TIETOPOHJA_MEMORY_LIMIT": "32MB", "TIETOPOHJA_THREADS": "1", PARSE_CACHE_ENV: ""},
    )
    assert result.ok, result.output[-3000:]
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        (spill_files,) = con.execute("select spill_files from after_the_spill").fetchone()
    finally:
        con.close()
    assert spill_files > 0  # the first model did spill
