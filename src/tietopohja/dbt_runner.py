"""Run dbt as a subprocess, the way CI and the CLI helpers do.

dbt runs in its own process: an in-process dbtRunner keeps the DuckDB file
open, and a later read-only connection in the same process fails (toolchain
notes). Each call gets its own target and log folders so that several builds
(tests, benchmarks) never overwrite each other's artefacts.

Parsing the project takes dbt 10-20 s, a large part of a small build. With
``TIETOPOHJA_DBT_PARSE_CACHE`` set to a folder (the tests do), ``run_dbt``
lets the calls share dbt's partial-parse file: the file is copied into each
call's target folder and the newest one kept in the cache folder. dbt
reparses whatever changed (project files, variables, the environment
variables a file reads, the profile). The profile includes the DuckDB path,
so the path dbt sees goes through a per-process link to the database's
folder: the same string for every database of the same file name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tietopohja.paths import PROJECT_DIR

#: a folder that dbt's partial-parse file is shared through (see the module docstring)
PARSE_CACHE_ENV = "TIETOPOHJA_DBT_PARSE_CACHE"

#: the revision history file of the key figures (macros/serving/history.sql)
HISTORY_ENV = "TIETOPOHJA_HISTORY_PATH"

#: the marts of the revision history: they describe the builds themselves (ids, times), so two
#: builds of the same files differ in them and comparisons of two databases leave them out
HISTORY_MARTS = ("key_figure_builds", "key_figure_build_files", "key_figure_revisions", "key_figure_revision_files")


@dataclass
class DbtResult:
    returncode: int
    output: str
    wall_seconds: float = 0.0
    #: peak resident memory of the dbt process (DuckDB runs inside it), KiB
    max_rss_kib: int = 0
    #: CPU time of the dbt process, user + system, seconds
    cpu_seconds: float = 0.0
    #: CPU time the machine's hypervisor gave to other guests while the command ran (steal time, all
    #: cores, seconds; 0 on a machine of its own, None where the system does not report it)
    steal_seconds: float | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def dbt_executable() -> str:
    """The dbt beside the running Python (the project's venv), else dbt on PATH."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def run_dbt(
    args: list[str],
    *,
    db_path: Path,
    landing_dir: Path | None = None,
    work_dir: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: int = 1800,
) -> DbtResult:
    """Run ``dbt <args>`` in the project directory against ``db_path``.

    ``work_dir`` holds dbt's target and log folders (default: beside the DB)
    and the call's revision history file ``history.duckdb``, unless ``env``
    passes ``TIETOPOHJA_HISTORY_PATH``: a DuckDB file is written by one process
    at a time, so parallel calls (pytest-xdist, benchmarks) must not share the
    project's default history (history/tietopohja_history.duckdb). Calls with
    the same work dir share their history, as builds of one project do.
    Extra ``env`` entries override the environment (e.g. the pseudonym key).
    """
    work_dir = Path(work_dir or Path(db_path).parent)
    full_env = dict(os.environ)
    full_env.update(
        {
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "TIETOPOHJA_DB_PATH": str(db_path),
            "DBT_TARGET_PATH": str(work_dir / "dbt_target"),
            "DBT_LOG_PATH": str(work_dir / "dbt_logs"),
            HISTORY_ENV: str(work_dir / "history.duckdb"),
        }
    )
    if landing_dir is not None:
        full_env["TIETOPOHJA_LANDING_DIR"] = str(landing_dir)
    full_env.update(env or {})
    cache = full_env.get(PARSE_CACHE_ENV)
    if not cache:
        return run_measured([dbt_executable(), *args], env=full_env, cwd=PROJECT_DIR, timeout=timeout)
    target = Path(full_env["DBT_TARGET_PATH"])
    saved = _use_parse_cache(Path(cache), Path(db_path), target, full_env)
    result = run_measured([dbt_executable(), *args], env=full_env, cwd=PROJECT_DIR, timeout=timeout)
    _keep_parse_file(target, saved)
    return result


def _use_parse_cache(cache: Path, db_path: Path, target: Path, env: dict[str, str]) -> Path:
    """Point ``env``'s DuckDB path at a link to the database's folder, and give ``target`` the
    cached partial-parse file of that profile (unless it has one). Returns the cached file."""
    cache.mkdir(parents=True, exist_ok=True)
    link = cache / f"db-{os.getpid()}"
    tmp_link = cache / f"db-{os.getpid()}.new"
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(Path(db_path).absolute().parent, target_is_directory=True)
    tmp_link.replace(link)
    env["TIETOPOHJA_DB_PATH"] = str(link / db_path.name)
    saved = cache / f"{db_path.name}.partial_parse.msgpack"
    own = target / "partial_parse.msgpack"
    if saved.exists() and not own.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved, own)
    return saved


def _keep_parse_file(target: Path, saved: Path) -> None:
    """Keep the call's partial-parse file as the cached one (replaced whole, never half-written)."""
    own = target / "partial_parse.msgpack"
    if own.exists():
        tmp = saved.with_name(f"{saved.name}.{os.getpid()}")
        shutil.copyfile(own, tmp)
        tmp.replace(saved)


def run_measured(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: int = 1800):
    """Run a command; return its exit code, output, wall time, peak RSS, CPU time and the machine's
    steal time meanwhile."""
    with tempfile.TemporaryFile(mode="w+") as log:
        steal = _steal_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        after = _steal_seconds()
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        return DbtResult(
            proc.returncode,
            log.read(),
            wall,
            int(usage.ru_maxrss),
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            steal_seconds=None if steal is None or after is None else after - steal,
        )


def _steal_seconds() -> float | None:
    """The machine's steal time so far (Linux /proc/stat, all cores, seconds), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK") if fields[0] == "cpu" and len(fields) > 8 else None
    except (OSError, ValueError):
        return None
