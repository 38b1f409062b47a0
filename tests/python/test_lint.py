"""The project's own style gates: sqlfluff (dbt templater) and ruff."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tietopohja.paths import PROJECT_DIR, SAMPLE_LANDING_DIR


def _tool(name: str) -> str:
    """The tool beside the running Python (the project's venv), else on PATH."""
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def _run(args: list[str], tmp_path: Path, timeout: int = 1800) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        {
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            # dbt's artefacts of the templater go to tmp, not into the project's target/
            "DBT_TARGET_PATH": str(tmp_path / "dbt_target"),
            "DBT_LOG_PATH": str(tmp_path / "dbt_logs"),
            "TIETOPOHJA_LANDING_DIR": str(SAMPLE_LANDING_DIR),
        }
    )
    return subprocess.run(args, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout)


def test_sqlfluff_lint_is_clean(tmp_path):
    """Uses .sqlfluff: the dbt templater with the `lint` target (an in-memory DuckDB); two
    processes. The longest test (minutes: dbt compiles every model for it); it starts first."""
    proc = _run([_tool("sqlfluff"), "lint", "models", "analyses", "tests/singular", "--processes", "2"], tmp_path)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    assert "All Finished" in proc.stdout


def test_ruff_check_is_clean(tmp_path):
    proc = _run([_tool("ruff"), "check", "src", "tests/python"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean(tmp_path):
    proc = _run([_tool("ruff"), "format", "--check", "src", "tests/python"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
