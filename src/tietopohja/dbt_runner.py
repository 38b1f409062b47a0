"""Run dbt as a subprocess, the way CI and the CLI helpers do.

dbt runs in its own process: an in-process dbtRunner keeps the DuckDB file
open, and a later read-only connection in the same process fails (toolchain
notes). Each call gets its own target and log folders so that several builds
(tests, benchmarks) never overwrite each other's artefacts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tietopohja.paths import PROJECT_DIR


@dataclass
class DbtResult:
    returncode: int
    output: str
    wall_seconds: float = 0.0
    #: peak resident memory of the dbt process (DuckDB runs inside it), KiB
    max_rss_kib: int = 0

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

    ``work_dir`` holds dbt's target and log folders (default: beside the DB).
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
        }
    )
    if landing_dir is not None:
        full_env["TIETOPOHJA_LANDING_DIR"] = str(landing_dir)
    full_env.update(env or {})
    return run_measured([dbt_executable(), *args], env=full_env, cwd=PROJECT_DIR, timeout=timeout)


def run_measured(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: int = 1800):
    """Run a command; return its exit code, output, wall time and peak RSS."""
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        return DbtResult(proc.returncode, log.read(), wall, int(usage.ru_maxrss))
