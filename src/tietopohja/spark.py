"""``tietopohja spark-build``: the same dbt project on Spark (issue 8).

Runs dbt with the ``spark`` target of ``profiles.yml`` (dbt-spark,
``method: session``: a local pyspark inside the dbt process, no cluster) and
sets up what that needs (toolchain notes):

- dbt-spark and pyspark live in their own venv (``requirements-spark.txt``;
  pyspark beside Great Expectations breaks ``import great_expectations``), by
  default ``.venv-spark/`` in the project (``--dbt`` or
  ``TIETOPOHJA_SPARK_DBT`` to use another);
- Java 17 (``JAVA_HOME`` if it is a 17, else one under ``/usr/lib/jvm``),
  ``SPARK_LOCAL_IP=127.0.0.1``;
- the warehouse, the Derby metastore and dbt's artefacts go to
  ``TIETOPOHJA_SPARK_DIR`` (default ``<tmp>/tietopohja-spark``), outside the
  project; one Spark dbt process at a time (a lock file there);
- the Finnish calendar: dbt-spark cannot run the Python model
  ``int_calendar_days_generated`` in a session, so this command runs that
  same Python code (the ``holidays`` package) and writes its rows to
  ``<spark dir>/calendar_days.parquet``, which the Spark variant of the model
  (``models/intermediate/calendar_spark/``) reads.

Usage: ``tietopohja spark-build`` (= ``dbt build --target spark
--exclude-resource-type unit_test``), or
``tietopohja spark-build -- compile``, ``... -- build -s staging``.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import os
import subprocess
import tempfile
import time
from pathlib import Path

from tietopohja.dbt_runner import DbtResult, run_measured
from tietopohja.errors import UserError
from tietopohja.paths import PROJECT_DIR

CALENDAR_MODEL = PROJECT_DIR / "models" / "intermediate" / "calendar" / "int_calendar_days_generated.py"
CALENDAR_FILE = "calendar_days.parquet"

#: Spark's log: errors only (it warns on every statement of a session)
LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
"""


#: the default dbt command: everything but the unit tests, several of whose
#: `format: sql` fixtures are DuckDB SQL (generate_series, isodow, ...); the
#: unit tests test the models' logic and run on DuckDB
DEFAULT_ARGS = ("build", "--exclude-resource-type", "unit_test")


def default_spark_dir() -> Path:
    return Path(os.environ.get("TIETOPOHJA_SPARK_DIR") or Path(tempfile.gettempdir()) / "tietopohja-spark")


def find_spark_dbt(explicit: str | None = None) -> Path | None:
    """The dbt of the Spark venv, or None when it is not installed."""
    for candidate in (explicit, os.environ.get("TIETOPOHJA_SPARK_DBT"), PROJECT_DIR / ".venv-spark" / "bin" / "dbt"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def _java_major(java_home: Path) -> int | None:
    release = java_home / "release"
    if not release.is_file():
        return None
    for line in release.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("JAVA_VERSION="):
            version = line.split("=", 1)[1].strip().strip('"')
            head = version.split(".")[0]
            return int(head) if head.isdigit() else None
    return None


def find_java17() -> Path | None:
    """A Java 17 home: JAVA_HOME when it is one, else one under /usr/lib/jvm."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        candidates.extend(sorted(p for p in jvm.iterdir() if "17" in p.name))
    for home in candidates:
        if (home / "bin" / "java").is_file() and _java_major(home) == 17:
            return home.resolve()
    return None


class _ModelConfig(dict):
    """Stands in for ``dbt.config`` in a Python model: callable and ``get``."""

    def __call__(self, **kwargs):
        self.update(kwargs)


class _NoCoverage:
    """``dbt.ref('int_source_coverage')`` outside dbt: the data's coverage is
    not known before dbt runs, so the vars alone set the calendar's years."""

    def df(self):
        import pandas as pd

        return pd.DataFrame({"county_code": [], "first_month": [], "last_month": []})


class _Dbt:
    def __init__(self, config: dict):
        self.config = _ModelConfig(config)

    def ref(self, name: str) -> _NoCoverage:
        return _NoCoverage()


def project_vars(dbt_args: list[str] | None = None) -> dict:
    """dbt_project.yml's vars, overridden by a ``--vars`` among ``dbt_args``."""
    import yaml

    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    variables = dict(project.get("vars") or {})
    args = list(dbt_args or [])
    for i, arg in enumerate(args):
        given = args[i + 1] if arg == "--vars" and i + 1 < len(args) else None
        if arg.startswith("--vars="):
            given = arg.split("=", 1)[1]
        if given:
            try:
                overrides = yaml.safe_load(given)
            except yaml.YAMLError as exc:
                raise UserError(f"--vars is not YAML: {given!r} ({exc})") from None
            if isinstance(overrides, dict):
                variables.update(overrides)
    return variables


def calendar_frame(first_year: int, last_year: int):
    """The rows of int_calendar_days_generated, from the Python model's own code."""
    spec = importlib.util.spec_from_file_location("tietopohja_calendar_model", CALENDAR_MODEL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.model(_Dbt({"first_year": first_year, "last_year": last_year}), None)


def write_calendar(spark_dir: Path, dbt_args: list[str] | None = None) -> Path:
    """Write the calendar's rows as Parquet where the Spark model reads them
    (the years of the vars calendar_first_year … calendar_last_year)."""
    import duckdb

    variables = project_vars(dbt_args)
    frame = calendar_frame(int(variables["calendar_first_year"]), int(variables["calendar_last_year"]))
    target = spark_dir / CALENDAR_FILE
    con = duckdb.connect()
    try:
        con.register("calendar_frame", frame)
        quoted = str(target).replace("'", "''")
        con.execute(f"copy (select * from calendar_frame) to '{quoted}' (format parquet)")
    finally:
        con.close()
    return target


def spark_env(spark_dir: Path, java_home: Path) -> dict[str, str]:
    conf_dir = spark_dir / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    (conf_dir / "log4j2.properties").write_text(LOG4J2, encoding="utf-8")
    env = dict(os.environ)
    env.update(
        {
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "TIETOPOHJA_TARGET": "spark",
            "TIETOPOHJA_SPARK_DIR": str(spark_dir),
            "SPARK_LOCAL_IP": "127.0.0.1",
            "TIETOPOHJA_SPARK_JAVA_OPTIONS": f"-Dlog4j2.configurationFile=file:{conf_dir / 'log4j2.properties'}",
            "JAVA_HOME": str(java_home),
            "PATH": f"{java_home / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            "DBT_TARGET_PATH": str(spark_dir / "dbt_target"),
            "DBT_LOG_PATH": str(spark_dir / "dbt_logs"),
        }
    )
    # the venv's pyspark must not be shadowed by another Spark installation
    env.pop("SPARK_HOME", None)
    env.pop("PYTHONPATH", None)
    return env


def run_spark_dbt(
    dbt_args: list[str],
    *,
    spark_dir: Path | None = None,
    dbt: str | None = None,
    landing_dir: Path | None = None,
    progress=print,
    timeout: int = 3600,
    capture: bool = True,
):
    """Run ``dbt <dbt_args> --target spark``; return the DbtResult (output
    captured, or streamed to the terminal when ``capture`` is false)."""
    dbt_path = find_spark_dbt(dbt)
    if dbt_path is None:
        raise UserError(
            "the Spark venv is not installed: python3 -m venv .venv-spark && "
            ".venv-spark/bin/pip install -r requirements-spark.txt (or set TIETOPOHJA_SPARK_DBT)"
        )
    java_home = find_java17()
    if java_home is None:
        raise UserError("Spark needs Java 17: install openjdk-17-jre-headless (Debian) or set JAVA_HOME to a Java 17")
    spark_dir = Path(spark_dir or default_spark_dir()).resolve()
    spark_dir.mkdir(parents=True, exist_ok=True)
    env = spark_env(spark_dir, java_home)
    if landing_dir is not None:
        env["TIETOPOHJA_LANDING_DIR"] = str(Path(landing_dir).resolve())
    with open(spark_dir / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(f"another Spark dbt process is using {spark_dir}: one at a time") from None
        started = time.perf_counter()
        write_calendar(spark_dir, dbt_args)
        progress(f"calendar written to {spark_dir / CALENDAR_FILE} in {time.perf_counter() - started:.1f} s")
        args = list(dbt_args) or list(DEFAULT_ARGS)
        if "--target" not in args and "-t" not in args:
            args += ["--target", "spark"]
        if capture:
            return run_measured([str(dbt_path), *args], env=env, cwd=PROJECT_DIR, timeout=timeout)
        started = time.perf_counter()
        proc = subprocess.run([str(dbt_path), *args], env=env, cwd=PROJECT_DIR, timeout=timeout, check=False)
        return DbtResult(proc.returncode, "", time.perf_counter() - started)


def cmd_spark_build(args: argparse.Namespace) -> int:
    dbt_args = [a for a in args.dbt_args if a != "--"] if args.dbt_args else []
    result = run_spark_dbt(dbt_args, spark_dir=args.spark_dir, dbt=args.dbt, landing_dir=args.landing, capture=False)
    print(
        f"tietopohja spark-build: dbt {' '.join(dbt_args or DEFAULT_ARGS)} on Spark "
        f"{'succeeded' if result.ok else 'FAILED'} in {result.wall_seconds:.0f} s"
    )
    return result.returncode


def register(sub) -> None:
    p = sub.add_parser(
        "spark-build",
        help="run dbt on local Spark (the `spark` target; default: build)",
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument(
        "--spark-dir",
        type=Path,
        default=None,
        help="warehouse, metastore and dbt artefacts (default: $TIETOPOHJA_SPARK_DIR or <tmp>/tietopohja-spark)",
    )
    p.add_argument(
        "--dbt", default=None, help="the Spark venv's dbt (default: $TIETOPOHJA_SPARK_DBT or .venv-spark/bin/dbt)"
    )
    p.add_argument(
        "--landing", type=Path, default=None, help="landing folder (default: $TIETOPOHJA_LANDING_DIR or the sample)"
    )
    p.add_argument(
        "dbt_args",
        nargs=argparse.REMAINDER,
        help="dbt command and options after -- (default: build --exclude-resource-type unit_test)",
    )
    p.set_defaults(func=cmd_spark_build)
