"""Exports for BI tools: round trips, the Finnish Excel dialect, the Data Package
that types the CSVs, and Parquet read by pandas, pyarrow and polars."""

from __future__ import annotations

import json

import duckdb
import pytest

from conftest import PROJECT_DIR, rel
from tietopohja.cli import main
from tietopohja.dimensions import DIMENSIONS
from tietopohja.export import export

#: code columns that must stay text ('01', '091') whatever reads the files
CODE_COLUMNS = ("county_code", "municipality_code", "service_code")


def _rows(con, sql):
    return sorted(con.execute(sql).fetchall(), key=repr)


def test_parquet_round_trip_equals_the_marts(sample_build, tmp_path):
    files = export(sample_build.db_path, tmp_path, "parquet", progress=lambda _: None)
    names = {f.stem for f in files}
    assert "key_figures_public" in names
    assert "key_figures" not in names, "internal marts with exact small counts must not be exported"
    assert set(DIMENSIONS) <= names, "the measure register and the named dimensions are exported"
    con = duckdb.connect(str(sample_build.db_path), read_only=True)
    try:
        for f in files:  # the register and the named dimensions are marts of the build too
            assert _rows(con, f"select * from read_parquet('{f}')") == _rows(con, f"select * from {rel(f.stem)}")
            exported_types = con.execute(f"describe select * from read_parquet('{f}')").fetchall()
            mart_types = con.execute(f"describe select * from {rel(f.stem)}").fetchall()
            assert [t[:2] for t in exported_types] == [t[:2] for t in mart_types]
    finally:
        con.close()


def test_finnish_csv_is_what_excel_opens(sample_build, tmp_path):
    files = export(sample_build.db_path, tmp_path, "csv", locale="fi", progress=lambda _: None)
    text = (tmp_path / "key_figures_public.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads ä and ö"
    header, *lines = text[3:].decode("utf-8").splitlines()
    assert header.split(";")[:4] == ["county_code", "measure_code", "period_grain", "period_start"]
    assert len(lines) == sample_build.scalar("select count(*) from public.key_figures_public")
    if lines:
        first = lines[0].split(";")
        day, month, year = first[3].split(".")
        assert len(year) == 4 and 1 <= int(month) <= 12 and 1 <= int(day) <= 31
        assert all("." not in v for v in (ln.split(";")[8] for ln in lines)), "decimal comma, never a point"
    assert len(files) >= 2


def test_duckdb_file_for_bi_tools(sample_build, tmp_path):
    (target,) = export(sample_build.db_path, tmp_path, "duckdb", progress=lambda _: None)
    con = duckdb.connect(str(target), read_only=True)
    try:
        n = con.execute("select count(*) from public.key_figures_public").fetchone()[0]
        named = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
    finally:
        con.close()
    assert n == sample_build.scalar("select count(*) from public.key_figures_public")
    assert set(DIMENSIONS) <= named


#: each dimension's key column
DIMENSION_KEYS = {
    "key_figure_measures": "measure_code",
    "services": "service_code",
    "municipalities": "municipality_code",
    "counties": "county_code",
}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "duckdb"])
def test_every_format_holds_the_register_and_the_named_dimensions(sample_build, tmp_path, fmt):
    files = export(sample_build.db_path, tmp_path, fmt, progress=lambda _: None)
    con = duckdb.connect()
    if fmt == "duckdb":
        con.execute(f"attach '{files[0]}' as exported (read_only)")
        table = {name: f"exported.{rel(name)}" for name in DIMENSIONS}
    elif fmt == "parquet":
        table = {name: f"read_parquet('{tmp_path / (name + '.parquet')}')" for name in DIMENSIONS}
    else:
        table = {name: f"read_csv('{tmp_path / (name + '.csv')}', all_varchar = true)" for name in DIMENSIONS}
        package = json.loads(files[-1].read_text(encoding="utf-8"))
        assert set(DIMENSIONS) <= {r["name"] for r in package["resources"]}
    for name, key in DIMENSION_KEYS.items():
        exported = {k for (k,) in con.execute(f"select {key} from {table[name]}").fetchall()}
        built = {k for (k,) in sample_build.query(f"select {key} from {rel(name)}")}
        assert exported == built and len(built) >= 20, name
    register = con.execute(
        f"select measure_code, name_fi, name_en, better_direction from {table['key_figure_measures']}"
    ).fetchall()
    register_rows = (PROJECT_DIR / "seeds" / "rules" / "key_figure_measure_register.csv").read_text(encoding="utf-8")
    assert len(register) == len(register_rows.strip().splitlines()) - 1  # every registered measure
    assert [r for r in register if not (r[1] or "").strip() or not (r[2] or "").strip()] == []
    assert ("htv_paid", "Palkalliset henkilötyövuodet", "Paid person-years", None) in {
        (c, fi, en, d or None) for c, fi, en, d in register
    }
    con.close()


def test_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "database not found" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_cli_prints_progress(sample_build, tmp_path, capsys, fmt):
    assert main(["export", "--db", str(sample_build.db_path), "--format", fmt, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[1/" in out and "exported" in out


def test_dimensions_name_every_code_of_the_key_figures(sample_build, tmp_path):
    export(sample_build.db_path, tmp_path, "parquet", progress=lambda _: None)
    con = duckdb.connect()

    def codes(sql):
        return {c for (c,) in con.execute(sql).fetchall() if c is not None}

    figures = f"read_parquet('{tmp_path / 'key_figures_public.parquet'}')"
    dim = {name: f"read_parquet('{tmp_path / (name + '.parquet')}')" for name in DIMENSIONS}
    assert codes(f"select measure_code from {figures}") <= codes(
        f"select measure_code from {dim['key_figure_measures']}"
    )
    assert codes(f"select service_code from {figures}") <= codes(f"select service_code from {dim['services']}")
    assert codes(f"select municipality_code from {figures}") <= codes(
        f"select municipality_code from {dim['municipalities']}"
    )
    assert codes(f"select county_code from {figures}") <= codes(f"select county_code from {dim['counties']}")
    names = con.execute(f"select name_fi from {dim['key_figure_measures']} where measure_code = 'clients'").fetchall()
    assert names == [("Asiakkaat",)]
    (helsinki,) = con.execute(
        f"select municipality_code, municipality_name_fi from {dim['municipalities']} where municipality_code = '091'"
    ).fetchall()
    assert helsinki == ("091", "Helsinki")


@pytest.mark.parametrize("locale", ["canonical", "fi"])
def test_datapackage_types_the_csvs_so_codes_keep_their_zeros(sample_build, tmp_path, locale):
    frictionless = pytest.importorskip("frictionless")
    files = export(sample_build.db_path, tmp_path, "csv", locale=locale, progress=lambda _: None)
    assert files[-1].name == "datapackage.json"
    package = json.loads(files[-1].read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {f.name for f in files[:-1]}
    figures = resources["key_figures_public.csv"]
    types = {f["name"]: f["type"] for f in figures["schema"]["fields"]}
    assert types["county_code"] == types["municipality_code"] == types["service_code"] == "string"
    assert types["value"] == "number" and types["period_start"] == "date" and types["is_suppressed"] == "boolean"

    # every resource reads back through the package with its declared types, without errors
    report = frictionless.validate(files[-1])
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    pkg = frictionless.Package(files[-1])
    rows = pkg.get_resource(figures["name"]).read_rows()
    assert len(rows) == sample_build.scalar("select count(*) from public.key_figures_public")
    counties = {r["county_code"] for r in rows}
    assert counties == {c for (c,) in sample_build.query("select distinct county_code from public.key_figures_public")}
    assert "01" in counties, "county 01 keeps its leading zero"
    municipalities = pkg.get_resource("municipalities").read_rows()
    assert any(r["municipality_code"] == "091" for r in municipalities)
    first = rows[0]
    assert first["period_start"].year >= 2000 and isinstance(first["is_suppressed"], bool)


def test_pandas_reads_the_csvs_with_the_datapackage_types(sample_build, tmp_path):
    pd = pytest.importorskip("pandas")
    export(sample_build.db_path, tmp_path, "csv", progress=lambda _: None)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        dtypes = {f["name"]: "string" for f in fields if f["type"] == "string"}
        df = pd.read_csv(tmp_path / resource["path"], dtype=dtypes, keep_default_na=False, na_values=[""])
        for column in CODE_COLUMNS:
            if column in df:
                values = df[column].dropna()
                assert all(isinstance(v, str) for v in values), (resource["path"], column)
                if column == "county_code" and len(values):
                    assert values.str.len().eq(2).all(), (resource["path"], sorted(set(values))[:5])
    counties = pd.read_csv(tmp_path / "counties.csv", dtype={"county_code": "string"})
    assert "01" in set(counties["county_code"])


def test_parquet_reads_in_pandas_pyarrow_and_polars(sample_build, tmp_path):
    pd = pytest.importorskip("pandas")
    pq = pytest.importorskip("pyarrow.parquet")
    pl = pytest.importorskip("polars")
    export(sample_build.db_path, tmp_path, "parquet", progress=lambda _: None)
    target = tmp_path / "key_figures_public.parquet"
    n = sample_build.scalar("select count(*) from public.key_figures_public")
    expected_counties = {c for (c,) in sample_build.query("select distinct county_code from public.key_figures_public")}

    df = pd.read_parquet(target)
    assert len(df) == n and set(df["county_code"]) == expected_counties
    table = pq.read_table(target)
    assert table.num_rows == n and str(table.schema.field("county_code").type) in ("string", "large_string")
    assert str(table.schema.field("period_start").type) == "date32[day]"
    frame = pl.read_parquet(target)
    assert frame.height == n and frame.schema["county_code"] == pl.String
    assert set(frame["county_code"].unique().to_list()) == expected_counties
    municipalities = pd.read_parquet(tmp_path / "municipalities.parquet")
    assert "091" in set(municipalities["municipality_code"])
