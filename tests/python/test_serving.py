"""The serving file BI tools read (minimum-data spec, "Serving the warehouse to BI tools").

Every successful build of every mart publishes, beside the workshop database
(``<db>_marts.duckdb``, or ``TIETOPOHJA_SERVING_PATH``):

- schemas ``public`` (the publishable marts) and ``marts`` (the others):
  every mart of the workshop, row for row, the measure
  register ``key_figure_measures`` and the named dimensions ``services``,
  ``municipalities``, ``counties`` among them (models/marts/reference/);
  nothing else (no base, staging, intermediate relation, no seed; no hetu);
- every table and column with its description as a comment;
- in a storage version DuckDB 1.4 reads (read here by DuckDB 1.4 from its own
  venv, ``make duckdb14-install``);
- replaced by rename: a reader holding the previous file never blocks a
  build and keeps seeing the previous file until it reconnects; a failed or
  partial build leaves the file byte-identical.

The session builds (``sample_build``, ``small_build``) publish their serving
files; the replacement cases rebuild a copy of the small build.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import duckdb
import pytest

import tietopohja_serving  # src/tietopohja_serving.py (conftest puts src/ on the path)
from conftest import FIXTURES, PROJECT_DIR, Build, plain
from tietopohja.dbt_runner import run_dbt

#: the hetu pattern of test_privacy.py (DDMMYY, century sign, number, check character, delimited)
HETU = r"(^|[^0-9A-Za-z])(?i:\d{6}[-+A-FU-Y]\d{3}[0-9A-Y])($|[^0-9A-Za-z])"
DIMENSIONS = {"key_figure_measures", "services", "municipalities", "counties"}
#: each code column of the key figures, its dimension and the dimension's name columns
NAMED_CODES = [
    ("measure_code", "key_figure_measures", ["name_fi", "name_en"]),
    ("service_code", "services", ["name_fi", "name_en"]),
    ("municipality_code", "municipalities", ["municipality_name_fi"]),
    ("county_code", "counties", ["county_name_fi", "county_name_en"]),
]


def unnamed_codes(con, schema: str = "marts") -> dict[str, tuple[int, list]]:
    """Per code column of ``key_figures``: how many distinct codes it has, and those
    without a row of non-empty names in their dimension."""
    out = {}
    for code, dim, names in NAMED_CODES:
        named = " and ".join(f"coalesce(trim(d.{n}), '') <> ''" for n in names)
        out[code] = con.execute(
            f"select count(distinct k.{code}), "
            f"coalesce(list(distinct k.{code} order by k.{code}) filter (where not coalesce({named}, false)), []) "
            f"from {schema}.key_figures k left join {schema}.{dim} d using ({code}) where k.{code} is not null"
        ).fetchone()
    return out


def serving_path(b: Build) -> Path:
    """Where a build's serving file is by default: beside its DB, ``_marts`` added to the name."""
    return b.db_path.with_name(b.db_path.stem + "_marts.duckdb")


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- DuckDB 1.4, the engine of BI tools' connectors --------------------------------------------


def _duckdb14_version(python: Path) -> str | None:
    if not python.exists():
        return None
    done = subprocess.run(
        [str(python), "-c", "import duckdb; print(duckdb.__version__)"], capture_output=True, text=True
    )
    version = done.stdout.strip()
    return version if done.returncode == 0 and version.startswith("1.4.") else None


@pytest.fixture(scope="session")
def duckdb14_python() -> Path:
    """Python of a venv with DuckDB 1.4: ``.venv-duckdb14`` (``make duckdb14-install``, what CI
    runs), else one made here once under target/duckdb14-venv."""
    made_by_make = PROJECT_DIR / ".venv-duckdb14" / "bin" / "python"
    if _duckdb14_version(made_by_make):
        return made_by_make
    cache = PROJECT_DIR / "target" / "duckdb14-venv"
    python = cache / "bin" / "python"
    if not _duckdb14_version(python):
        venv.create(cache, with_pip=True, clear=True)
        pip = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "duckdb==1.4.*"], capture_output=True, text=True
        )
        if pip.returncode != 0:
            pytest.skip(f"cannot install duckdb==1.4.* into {cache}: {pip.stderr.strip()[-500:]}")
    assert _duckdb14_version(python), python
    return python


READ_WITH_DUCKDB14 = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(json.dumps({
    "version": duckdb.__version__,
    "key_figures_public": con.execute("select count(*) from public.key_figures_public").fetchone()[0],
    "tables": con.execute("select count(*) from duckdb_tables()").fetchone()[0],
    "comment": con.execute(
        "select comment from duckdb_tables() where schema_name = 'public' and table_name = 'key_figures_public'"
    ).fetchone()[0],
    "dimensions": {
        name: con.execute(f"select count(*) from marts.{name}").fetchone()[0]
        for name in ("key_figure_measures", "services", "municipalities", "counties")
    },
    "operating_cost_eur": con.execute(
        "select name_en from marts.key_figure_measures where measure_code = 'operating_cost_eur'"
    ).fetchone()[0],
}))
"""


def test_duckdb14_reads_the_serving_file(sample_build, duckdb14_python):
    serving = serving_path(sample_build)
    done = subprocess.run(
        [str(duckdb14_python), "-c", READ_WITH_DUCKDB14, str(serving)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)
    assert seen["version"].startswith("1.4.")
    workshop = sample_build.scalar("select count(*) from public.key_figures_public")
    assert workshop > 1000
    assert seen["key_figures_public"] == workshop
    assert seen["tables"] == len(query(serving, "select 1 from duckdb_tables()"))
    assert (
        seen["comment"]
        == query(
            serving,
            "select comment from duckdb_tables() where schema_name = 'public' and table_name = 'key_figures_public'",
        )[0][0]
    )
    assert seen["comment"].strip()
    assert seen["dimensions"] == {
        "key_figure_measures": sample_build.scalar("select count(*) from reference.key_figure_measure_register"),
        "services": sample_build.scalar("select count(*) from reference.service_catalogue"),
        "municipalities": sample_build.scalar(
            "select count(distinct municipality_code) from reference.ref_municipality_county"
        ),
        "counties": sample_build.scalar("select count(*) from reference.ref_counties"),
    }
    assert min(seen["dimensions"].values()) > 0
    assert seen["operating_cost_eur"] == "Operating costs"


# --- what the file holds --------------------------------------------------------------------------


def test_build_publishes_and_says_where(sample_build):
    serving = serving_path(sample_build)
    assert serving.exists()
    assert not serving.with_name(serving.name + ".tmp").exists()
    output = plain(sample_build.result.output)
    built = sample_build.built_db_path  # where dbt wrote it (db_path may be this worker's copy)
    assert f"tietopohja: serving file published: {built.with_name(built.stem + '_marts.duckdb').resolve()}" in output
    # written for DuckDB 1.4 (not in the build's own, newer format)
    (tags,) = query(serving, "select tags from duckdb_databases() where not internal")[0]
    assert tags["storage_version"].startswith("v1.4.0"), tags


def test_build_prints_quarantined_rows_per_entity(small_build):
    output = plain(small_build.result.output)
    rows = small_build.query("select entity, rows_quarantined from marts.landing_row_accounting")
    assert len(rows) >= 15 and sum(n for _, n in rows) > 0
    for entity, n in rows:
        assert re.search(rf"tietopohja:   {re.escape(entity)}: {n}$", output, re.M), (entity, n)
    total = sum(n for _, n in rows)
    assert f"rows quarantined per landing entity ({total} in all" in output


def _tables(path: Path, where: str = "true") -> set[tuple[str, str]]:
    return set(query(path, f"select schema_name, table_name from duckdb_tables() where {where}"))


def test_serving_file_holds_every_mart_and_the_dimensions_only(sample_build):
    serving = serving_path(sample_build)
    built = _tables(sample_build.db_path, "schema_name in ('marts', 'public')")
    marts = {t for s, t in built if s == "marts"}
    public = {t for s, t in built if s == "public"}
    assert {"key_figures", "landing_quarantine", "landing_row_accounting"} <= marts
    assert len(marts) >= 31
    assert marts >= DIMENSIONS  # the register and the named dimensions are marts of the build
    # the publishable marts: the 16 `_public` marts, key_figures_public and the county comparison
    assert public == {t for t in public if t.endswith("_public")} | {"key_figures_county_comparison"}
    assert len(public) == 18
    assert not any(t.endswith("_public") for t in marts)
    assert _tables(serving) == built
    assert query(serving, "select count(*) from duckdb_views() where not internal") == [(0,)]
    schemas = {s for (s,) in query(serving, "select schema_name from duckdb_schemas() where not internal")}
    assert schemas == {"marts", "public"}
    for _, table in _tables(serving):
        assert not re.match(r"(base|stg|int)_", table), table
    # row for row the workshop's marts
    con = duckdb.connect(str(serving), read_only=True)
    try:
        con.execute(f"attach '{sample_build.db_path}' as workshop (read_only)")
        for schema, table in sorted(built):
            here, there = f'{schema}."{table}"', f'workshop.{schema}."{table}"'
            both = f"select * from {here} except all select * from {there}"
            differ = con.execute(f"select count(*) from ({both})").fetchone()[0]
            counts = con.execute(f"select (select count(*) from {here}), (select count(*) from {there})").fetchone()
            assert differ == 0 and counts[0] == counts[1], table
        for name, seed in [
            ("key_figure_measures", "key_figure_measure_register"),
            ("services", "service_catalogue"),
            ("counties", "ref_counties"),
        ]:
            assert (
                con.execute(f"select count(*) from marts.{name}").fetchone()[0]
                == con.execute(f"select count(*) from workshop.reference.{seed}").fetchone()[0]
                > 0
            )
        # municipalities: one row per code, its latest classification year
        codes, rows, years = con.execute(
            "select count(distinct municipality_code), count(*), max(valid_year) from marts.municipalities"
        ).fetchone()
        assert codes == rows >= 300
        assert years == con.execute("select max(year) from workshop.reference.ref_municipality_county").fetchone()[0]
        # a municipality merged away (Pertunmaa, 588, last in 2024) keeps the names of its last year
        assert con.execute(
            "select municipality_name_fi, county_code, valid_year from marts.municipalities "
            "where municipality_code = '588'"
        ).fetchall() == [("Pertunmaa", "12", 2024)]
    finally:
        con.close()


@pytest.mark.parametrize("where", ["workshop", "serving file"])
def test_every_code_of_the_key_figures_has_a_name(sample_build, where):
    """The register and the named dimensions, in the build's database and in the serving file:
    every measure, service, municipality and county code of key_figures has its names."""
    path = sample_build.db_path if where == "workshop" else serving_path(sample_build)
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = unnamed_codes(con)
        # a register row as the seed has it (name_en and better_direction are v1.1)
        register = con.execute(
            "select measure_code, name_fi, name_en, unit, better_direction from marts.key_figure_measures "
            "where measure_code in ('operating_cost_eur', 'residents', 'feedback_nps', 'sc_open_over_6m') "
            "order by measure_code"
        ).fetchall()
        service = con.execute("select name_fi, name_en from marts.services where service_code = 'NEUVOLA'").fetchall()
        county = con.execute("select county_name_en from marts.counties where county_code = '90'").fetchall()
    finally:
        con.close()
    assert {code: unnamed for code, (_, unnamed) in found.items()} == {code: [] for code, _, _ in NAMED_CODES}
    # the sample has codes of every kind to name: every registered measure, services, municipalities, counties
    register_rows = (PROJECT_DIR / "seeds" / "rules" / "key_figure_measure_register.csv").read_text(encoding="utf-8")
    assert found["measure_code"][0] == len(register_rows.strip().splitlines()) - 1
    assert found["service_code"][0] >= 10 and found["municipality_code"][0] >= 10 and found["county_code"][0] >= 2
    assert register == [
        ("feedback_nps", "Asiakaspalautteen NPS", "Client feedback NPS", "ratio", "higher"),
        ("operating_cost_eur", "Toimintakulut", "Operating costs", "eur", None),
        ("residents", "Asukkaat", "Residents", "count", None),
        ("sc_open_over_6m", "Yli 6 kk odottaneet", "Waiting over 6 months", "count", "lower"),
    ]
    assert service == [("Äitiys- ja lastenneuvolapalvelut", "Maternity and child health clinics")]
    assert county == [("City of Helsinki",)]


def test_every_table_and_column_has_its_description(sample_build):
    serving = serving_path(sample_build)
    tables = query(serving, "select schema_name, table_name, comment from duckdb_tables()")
    assert len(tables) >= 49
    assert [t for t in tables if not (t[2] or "").strip()] == []
    columns = query(
        serving,
        "select schema_name, table_name, column_name, comment from duckdb_columns() "
        "where schema_name in ('marts', 'public')",
    )
    assert len(columns) > 500
    assert [c[:3] for c in columns if not (c[3] or "").strip()] == []
    # the descriptions of the YAML, e.g.
    (comment,) = query(
        serving,
        "select comment from duckdb_columns() where schema_name = 'marts' and table_name = 'key_figures' "
        "and column_name = 'measure_code'",
    )[0]
    assert " — " in comment


@pytest.mark.parametrize("build_name", ["sample_build", "small_build"])
def test_no_hetu_in_the_serving_file(request, build_name):
    serving = serving_path(request.getfixturevalue(build_name))
    columns = query(
        serving, "select schema_name, table_name, column_name from duckdb_columns() where data_type = 'VARCHAR'"
    )
    assert len(columns) > 50
    assert [c for c in columns if "hetu" in c[2].lower() or "henkilotunnus" in c[2].lower()] == []
    con = duckdb.connect(str(serving), read_only=True)
    try:
        found = [
            (schema, table, column)
            for schema, table, column in columns
            if con.execute(
                f'select count(*) from "{schema}"."{table}" where regexp_matches("{column}", ?)', [HETU]
            ).fetchone()[0]
        ]
    finally:
        con.close()
    assert found == []


# --- replacing it: a reader, a failed build, a partial build ---------------------------------------


def test_the_plugin_replaces_by_rename_and_never_the_workshop(tmp_path):
    """src/tietopohja_serving.py, the SQL functions the hook calls (no build)."""
    final = tmp_path / "out" / "x_marts.duckdb"
    tmp = Path(str(final) + ".tmp")
    con = duckdb.connect()
    tietopohja_serving.Plugin("tietopohja_serving", {}).configure_connection(con)
    # a stopped build's leftovers go; the folder is made
    tmp.parent.mkdir()
    tmp.write_text("half-written")
    Path(str(tmp) + ".wal").write_text("wal")
    assert con.execute("select tietopohja_serving_prepare(?)", [str(tmp)]).fetchone()[0] == str(tmp)
    assert list(tmp.parent.iterdir()) == []
    con.execute(f"attach '{tmp}' as s (storage_version 'v1.4.0'); create table s.t as select 42 as v; detach s")
    final.write_text("previous")
    Path(str(final) + ".wal").write_text("the previous file's WAL")
    assert con.execute("select tietopohja_serving_replace(?, ?)", [str(tmp), str(final)]).fetchone()[0] == str(final)
    assert sorted(p.name for p in final.parent.iterdir()) == [final.name]
    assert query(final, "select v from t") == [(42,)]
    # never over the build's own database
    with pytest.raises(RuntimeError, match="build's own database"):
        tietopohja_serving.replace(str(final), str(final), workshop=str(final))
    con.close()


#: a reader of the serving file (a BI tool): answers "count" with the quarantined
#: rows of org/units on its open connection, "reconnect" by opening the file again
READER = """
import sys, duckdb
path = sys.argv[1]
con = duckdb.connect(path, read_only=True)
sql = "select rows_quarantined from marts.landing_row_accounting where entity = 'org/units'"
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "reconnect":
        con.close()
        con = duckdb.connect(path, read_only=True)
    print(con.execute(sql).fetchone()[0], flush=True)
"""

BAD_UNIT = "U_BAD,Rikkinäinen yksikkö,CC_PTH,PTH_VASTAANOTTO,638,false,not-a-date,\n"


class Rebuilds:
    """The small build copied and rebuilt with a reader holding its serving file open."""


@pytest.fixture(scope="module")
def rebuilds(small_build, tmp_path_factory) -> Rebuilds:
    out = Rebuilds()
    work = tmp_path_factory.mktemp("serving_rebuilds")
    landing = work / "landing"
    shutil.copytree(FIXTURES / "landing_small", landing)
    db = work / "build.duckdb"
    shutil.copyfile(small_build.db_path, db)
    serving = work / "build_marts.duckdb"
    shutil.copyfile(serving_path(small_build), serving)
    out.serving = serving

    def dbt(args):
        return run_dbt(args, db_path=db, landing_dir=landing, work_dir=work)

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(serving)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "ready"

        def ask(command: str) -> int:
            reader.stdin.write(command + "\n")
            reader.stdin.flush()
            return int(reader.stdout.readline())

        out.before = ask("count")
        # a new delivery with one bad unit row, built while the reader holds the file
        with open(landing / "org" / "units.csv", "a", encoding="utf-8") as f:
            f.write(BAD_UNIT)
        out.second = dbt(["run"])
        out.old_connection_after = ask("count")
        out.after_reconnect = ask("reconnect")
    finally:
        reader.stdin.close()
        reader.wait(timeout=60)
    out.published = digest(serving)

    # a part of the project: nothing published
    out.partial = dbt(["run", "--select", "landing_row_accounting"])
    out.after_partial = digest(serving)

    # a failed build: a required landing file missing
    (landing / "org" / "units.csv").unlink()
    out.failed = dbt(["run"])
    out.after_failed = digest(serving)
    out.leftovers = sorted(p.name for p in work.iterdir() if p.name.startswith("build_marts.duckdb."))
    return out


def test_a_reader_never_blocks_a_build_and_sees_the_new_file_after_reconnecting(rebuilds):
    assert rebuilds.second.ok, rebuilds.second.output[-5000:]
    assert "tietopohja: serving file published:" in plain(rebuilds.second.output)
    assert "tietopohja:   org/units: 1" in plain(rebuilds.second.output)
    assert rebuilds.before == 0
    assert rebuilds.old_connection_after == 0  # the previous file, whole
    assert rebuilds.after_reconnect == 1


def test_a_partial_build_does_not_publish(rebuilds):
    assert rebuilds.partial.ok, rebuilds.partial.output[-5000:]
    output = plain(rebuilds.partial.output)
    assert "tietopohja: serving file NOT published:" in output and "were not built in this invocation" in output
    assert rebuilds.after_partial == rebuilds.published


def test_a_failed_build_leaves_the_serving_file_byte_identical(rebuilds):
    assert not rebuilds.failed.ok
    output = plain(rebuilds.failed.output)
    assert "tietopohja: serving file NOT published: the build failed" in output
    assert rebuilds.after_failed == rebuilds.published
    assert rebuilds.leftovers == []
    assert query(
        rebuilds.serving, "select rows_quarantined from marts.landing_row_accounting where entity = 'org/units'"
    ) == [(1,)]
