"""Exports for BI tools: round trips and the Finnish Excel dialect."""

from __future__ import annotations

import duckdb
import pytest

from tietopohja.cli import main
from tietopohja.export import export


def _rows(con, sql):
    return sorted(con.execute(sql).fetchall(), key=repr)


def test_parquet_round_trip_equals_the_marts(sample_build, tmp_path):
    files = export(sample_build.db_path, tmp_path, "parquet", progress=lambda _: None)
    names = {f.stem for f in files}
    assert "key_figures_public" in names
    assert "key_figures" not in names, "internal marts with exact small counts must not be exported"
    con = duckdb.connect(str(sample_build.db_path), read_only=True)
    try:
        for f in files:
            assert _rows(con, f"select * from read_parquet('{f}')") == _rows(con, f"select * from marts.{f.stem}")
            exported_types = con.execute(f"describe select * from read_parquet('{f}')").fetchall()
            mart_types = con.execute(f"describe select * from marts.{f.stem}").fetchall()
            assert [t[:2] for t in exported_types] == [t[:2] for t in mart_types]
    finally:
        con.close()


def test_finnish_csv_is_what_excel_opens(sample_build, tmp_path):
    files = export(sample_build.db_path, tmp_path, "csv", locale="fi", progress=lambda _: None)
    text = (tmp_path / "key_figures_public.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads ä and ö"
    header, *lines = text[3:].decode("utf-8").splitlines()
    assert header.split(";")[:4] == ["county_code", "measure_code", "period_grain", "period_start"]
    assert len(lines) == sample_build.scalar("select count(*) from marts.key_figures_public")
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
        n = con.execute("select count(*) from marts.key_figures_public").fetchone()[0]
    finally:
        con.close()
    assert n == sample_build.scalar("select count(*) from marts.key_figures_public")


def test_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "database not found" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_cli_prints_progress(sample_build, tmp_path, capsys, fmt):
    assert main(["export", "--db", str(sample_build.db_path), "--format", fmt, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[1/" in out and "exported" in out
