"""The profile's DuckDB settings as a build sees them (``dbt show`` on the dev target).

``TIETOPOHJA_TEMP_DIR`` moves DuckDB's spill folder (a build larger than the
memory limit writes there: tens of GB for the whole country); unset, the folder
stays DuckDB's own default beside the database file.
"""

from __future__ import annotations

from pathlib import Path

from conftest import DB_NAME, dbt_show
from tietopohja.dbt_runner import PARSE_CACHE_ENV

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
