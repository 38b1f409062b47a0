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
from dataclasses import dataclass
from pathlib import Path

from tietopohja.paths import PROJECT_DIR


@dataclass
class DbtResult:
    returncode: int
    output: str

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
    proc = subprocess.run(
        [dbt_executable(), *args],
        cwd=PROJECT_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return DbtResult(proc.returncode, proc.stdout + proc.stderr)
