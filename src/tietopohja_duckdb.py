"""The project's dbt-duckdb plugin (profiles.yml: ``plugins``, ``module_paths: [src]``).

Three things a plain ``dbt build`` cannot do from SQL alone:

- **A clear message when the DuckDB file is in use.** DuckDB lets one
  process write a database file, and a process that has it open (even
  read-only: a BI tool, a notebook, another build) blocks every other
  writer. dbt-duckdb would end in a long traceback; the plugin tries the
  file first and stops the build with one paragraph naming the file.
- **Listing the landing folder.** DuckDB's ``glob()`` lists regular files
  only: it does not show folders, symbolic links (``**`` skips them) or
  broken links, which the landing-files report must name. The plugin
  registers the SQL function ``tietopohja_landing_tree(root)``: a JSON list
  of ``[path relative to root, kind, bytes]`` for everything under the root,
  kind being ``file``, ``dir`` (a folder with nothing in it), ``dataset`` (a
  folder ending in ``.parquet``: a Spark or pandas dataset, listed with its
  contents), ``broken_link`` or ``unreadable`` (no permission, or a link back to a
  folder above it).
- **Finding other counties' published key figures.** The county comparison
  (``key_figures_county_comparison``) also reads the ``key_figures_public``
  exports under ``TIETOPOHJA_COMPARISON_DIR``. The plugin registers
  ``tietopohja_comparison_exports(root)``: a JSON description of every
  ``key_figures_public*.parquet`` file below the root (found like the landing
  folder, links followed) with its columns and counties, or why it cannot
  be read, so that the model can stop with one clear message instead of a
  reader's error.
"""

from __future__ import annotations

import atexit
import json
import os

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

LOCK_MESSAGE = (
    "tietopohja: the database file {path} is in use by another process, so this build "
    "cannot write it. DuckDB lets only one process have the file open while it is written. "
    "Close the program that has it open (a BI tool such as Power BI or DBeaver, a notebook, "
    "a Python or DuckDB session) or wait for the other dbt build to finish, then run the build "
    "again. (DuckDB said: {detail})"
)


def landing_tree(root: str) -> str:
    """Everything under ``root`` as JSON ``[[relative path, kind, bytes], ...]``, sorted."""
    entries: list[list] = []
    root = root.rstrip("/\\") or root
    if not os.path.isdir(root):
        return "[]"

    def walk(folder: str, rel: str, above: frozenset[str] = frozenset()) -> None:
        real = os.path.realpath(folder)
        if real in above:  # a link back to a folder above it: not followed round again
            entries.append([rel, "unreadable", None])
            return
        above = above | {real}
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            entries.append([rel, "unreadable", None])
            return
        if not names and rel:
            entries.append([rel, "dir", None])
        for name in names:
            path = os.path.join(folder, name)
            rel_path = f"{rel}/{name}" if rel else name
            if os.path.islink(path) and not os.path.exists(path):
                entries.append([rel_path, "broken_link", None])
            elif os.path.isdir(path):
                if name.lower().endswith(".parquet"):
                    entries.append([rel_path, "dataset", None])
                walk(path, rel_path, above)
            else:
                try:
                    size = os.path.getsize(path)
                except OSError:
                    entries.append([rel_path, "unreadable", None])
                    continue
                entries.append([rel_path, "file", size])

    walk(root, "")
    return json.dumps(entries, ensure_ascii=False)


#: the file names the county comparison reads below TIETOPOHJA_COMPARISON_DIR (``tietopohja export
#: --format parquet`` writes ``key_figures_public.parquet``; a collected copy may carry a suffix)
COMPARISON_EXPORT_PREFIX = "key_figures_public"


def comparison_exports(root: str) -> str:
    """The ``key_figures_public*.parquet`` files below ``root`` as JSON: ``{"error": text}`` when
    ``root`` is not a folder, else ``{"files": [{"rel", "path", "columns", "counties", "error"}]}``
    sorted by path (``error``: why the file is not a Parquet file; then no columns or counties)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    root = root.rstrip("/\\") or root
    if not os.path.isdir(root):
        return json.dumps({"error": f"{root} is not a folder"}, ensure_ascii=False)
    files = []
    for rel, kind, _ in json.loads(landing_tree(root)):
        name = rel.rsplit("/", 1)[-1]
        if kind != "file" or not name.startswith(COMPARISON_EXPORT_PREFIX) or not name.lower().endswith(".parquet"):
            continue
        path = f"{root}/{rel}"
        entry = {"rel": rel, "path": path, "columns": [], "counties": [], "error": None}
        try:
            parquet = pq.ParquetFile(path)
            entry["columns"] = list(parquet.schema_arrow.names)
            if "county_code" in entry["columns"]:
                codes = pc.unique(parquet.read(columns=["county_code"]).column(0)).to_pylist()
                entry["counties"] = sorted(str(c) for c in codes if c is not None)
        except Exception as err:  # noqa: BLE001 - any reader error: the file is not a readable Parquet file
            entry["error"] = str(err).splitlines()[0] if str(err) else type(err).__name__
        files.append(entry)
    return json.dumps({"files": files}, ensure_ascii=False)


#: the SQL functions the plugin registers on every connection (one text in, one text out)
SQL_FUNCTIONS = {
    "tietopohja_landing_tree": landing_tree,
    "tietopohja_comparison_exports": comparison_exports,
}


def _forget_function(conn) -> None:
    try:
        for name in SQL_FUNCTIONS:
            conn.remove_function(name)
        conn.close()
    except Exception:  # already closed: nothing to forget
        pass


class Plugin(BasePlugin):
    def update_connection_config(self, creds, config) -> None:
        """Try the database file before dbt-duckdb opens it: a lock becomes one clear paragraph."""
        path = creds.path
        if not path or path == ":memory:" or path.startswith("md:"):
            return
        try:
            duckdb.connect(path, read_only=False, config=dict(config)).close()
        except duckdb.Error as e:
            detail = str(e)
            if "lock" in detail.lower():
                # dbt-duckdb turns a RuntimeError into a short "could not connect" error
                raise RuntimeError(
                    LOCK_MESSAGE.format(path=path, detail=detail.splitlines()[0].split(" However,")[0])
                ) from None
            raise

    def configure_connection(self, conn) -> None:
        # a connection still holding a Python function when the interpreter
        # exits makes DuckDB's bindings print pages of "leaked" warnings
        # (sqlfluff's dbt templater never closes its connection)
        atexit.register(_forget_function, conn)
        for name, function in SQL_FUNCTIONS.items():
            conn.create_function(name, function, [duckdb.sqltypes.VARCHAR], duckdb.sqltypes.VARCHAR, side_effects=True)
