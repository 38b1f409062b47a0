"""dbt-duckdb plugin of the serving file (profiles.yml: ``plugins``, ``module_paths: [src]``).

The serving file (``TIETOPOHJA_SERVING_PATH``) is written by the on-run-end
hook ``tietopohja.publish_serving_file`` (macros/serving/serving_file.sql) in
SQL: ATTACH a temporary file beside it in storage version v1.4.0, copy the
marts and the named dimensions into it, COMMENT ON every table and column,
DETACH. SQL cannot rename a file, so this plugin registers two SQL functions
the hook calls around that:

- ``tietopohja_serving_prepare(tmp)``: create the serving file's folder and
  remove a temporary file (and its WAL) left behind by a build that stopped
  half-way; returns ``tmp``.
- ``tietopohja_serving_replace(tmp, final)``: flush the finished temporary
  file to disk and rename it over ``final`` in one step (``os.replace``, atomic
  on the same file system); returns the absolute path of ``final``.

For the revision history of the key figures (macros/serving/history.sql) it
registers three more:

- ``tietopohja_history_prepare(path)``: create the history file's folder;
  returns the file's absolute path.
- ``tietopohja_landing_chain(landing_dir)``: the landing folder's absolute,
  resolved path (symbolic links followed): the history's chain.
- ``tietopohja_project_version()``: the project's version (pyproject.toml).

A reader holding the previous serving file keeps reading that file until it
reconnects (on Linux and macOS the rename does not touch an open file; on
Windows a file held open cannot be replaced and the hook fails, leaving the
previous file as it was).
"""

from __future__ import annotations

import os
import tomllib

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin


def _fsync(path: str, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def prepare(tmp: str) -> str:
    """Make the folder of ``tmp``; remove ``tmp`` and its WAL if a stopped build left them."""
    folder = os.path.dirname(os.path.abspath(tmp))
    os.makedirs(folder, exist_ok=True)
    for leftover in (tmp, tmp + ".wal"):
        if os.path.lexists(leftover):
            os.remove(leftover)
    return tmp


def replace(tmp: str, final: str, workshop: str | None = None) -> str:
    """Rename the finished ``tmp`` over ``final`` atomically; return ``final``'s absolute path.
    ``workshop`` (the build's own database) is never replaced."""
    if workshop and os.path.abspath(final) == os.path.abspath(workshop):
        raise RuntimeError(
            f"tietopohja: TIETOPOHJA_SERVING_PATH is the build's own database {workshop}: "
            "point it at another file (by default it is beside, with _marts added to the name)"
        )
    if not os.path.isfile(tmp):
        raise RuntimeError(f"tietopohja: the new serving file {tmp} was not written")
    if os.path.exists(tmp + ".wal"):
        raise RuntimeError(f"tietopohja: the new serving file {tmp} was not closed (it still has a WAL)")
    _fsync(tmp)
    # A WAL beside the previous file belongs to that file only; DuckDB would
    # try to replay it onto the new one.
    if os.path.exists(final + ".wal"):
        os.remove(final + ".wal")
    os.replace(tmp, final)
    _fsync(os.path.dirname(os.path.abspath(final)), directory=True)
    return os.path.abspath(final)


def history_prepare(path: str) -> str:
    """Make the folder of the history file ``path``; return its absolute path."""
    path = os.path.abspath(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def landing_chain(landing_dir: str) -> str:
    """The history chain of a landing folder: its absolute path, links resolved."""
    return os.path.realpath(landing_dir)


def project_version() -> str:
    """The version in the project's pyproject.toml (beside src/)."""
    pyproject = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pyproject.toml")
    with open(pyproject, "rb") as f:
        return tomllib.load(f)["project"]["version"]


class Plugin(BasePlugin):
    def configure_connection(self, conn) -> None:
        varchar = duckdb.sqltypes.VARCHAR
        conn.create_function("tietopohja_history_prepare", history_prepare, [varchar], varchar, side_effects=True)
        conn.create_function("tietopohja_landing_chain", landing_chain, [varchar], varchar, side_effects=True)
        conn.create_function("tietopohja_project_version", project_version, [], varchar, side_effects=True)
        conn.create_function("tietopohja_serving_prepare", prepare, [varchar], varchar, side_effects=True)
        workshop = self.creds.path if self.creds else None

        def replace_not_workshop(tmp: str, final: str) -> str:
            return replace(tmp, final, workshop)

        conn.create_function(
            "tietopohja_serving_replace", replace_not_workshop, [varchar, varchar], varchar, side_effects=True
        )
