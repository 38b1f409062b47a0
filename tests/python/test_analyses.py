"""The analyses of analyses/ compile and answer right.

Each analysis is compiled by dbt against a finished build and its compiled
SQL run on that build's DuckDB file, as a county analyst would run it. The
AURA reconciliation is checked by hand on tests/landing/costs_small in
test_costs.py; here on the sample against an independent sum of the staged
ledger, and the cost-per-client movers against the mart they read.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import Build, close
from tietopohja.dbt_runner import run_dbt
from tietopohja.paths import PROJECT_DIR

ANALYSES = sorted(p.stem for p in (PROJECT_DIR / "analyses").glob("*.sql"))


def compile_analyses(b: Build, work: Path) -> dict[str, str]:
    """Every analysis compiled against build ``b``: name → SQL."""
    result = run_dbt(
        ["compile", "--select", "resource_type:analysis"],
        db_path=b.db_path,
        landing_dir=b.landing_dir,
        work_dir=work,
    )
    assert result.ok, result.output[-5000:]
    folder = work / "dbt_target" / "compiled" / "tietopohja" / "analyses"
    return {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.sql")}


def run_analysis(b: Build, sql: str) -> list[dict]:
    con = duckdb.connect(str(b.db_path), read_only=True)
    try:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_analyses(sample_build, tmp_path_factory) -> dict[str, list[dict]]:
    compiled = compile_analyses(sample_build, tmp_path_factory.mktemp("analyses"))
    assert sorted(compiled) == ANALYSES
    return {name: run_analysis(sample_build, sql) for name, sql in compiled.items()}


def test_there_are_analyses_and_each_is_documented():
    import yaml

    doc = yaml.safe_load((PROJECT_DIR / "analyses" / "_analyses.yml").read_text(encoding="utf-8"))
    assert len(ANALYSES) >= 2
    assert sorted(a["name"] for a in doc["analyses"]) == ANALYSES
    for analysis in doc["analyses"]:
        assert analysis["description"].strip() and all(c["description"].strip() for c in analysis["columns"])


def test_aura_statement_reconciles_with_the_ledger_on_the_sample(sample_build, sample_analyses):
    rows = sample_analyses["aura_income_statement_vs_ledger"]
    assert {(r["county_code"], r["year_start"].year) for r in rows} >= {("01", 2024), ("17", 2024)}
    assert all(r["cost_difference_eur"] == 0 and r["income_difference_eur"] == 0 for r in rows), rows
    # the ledger side, summed from the staged postings with the spec's account ranges typed here
    ledger_cost = sample_build.scalar(
        "select sum(gl.amount_eur) from staging.stg_finance__gl_entries as gl "
        "join staging.stg_finance__cost_centers as cc on gl.cost_center = cc.cost_center "
        "where cc.county_code = '01' and gl.period like '2024-%' "
        "and try_cast(gl.account as integer) between 4000 and 4995"
    )
    (row,) = [r for r in rows if r["county_code"] == "01" and r["year_start"].year == 2024]
    assert ledger_cost > 0 and close(row["ledger_cost_eur"], float(ledger_cost))


def test_cost_per_client_movers_are_the_largest_moves(sample_build, sample_analyses):
    rows = sample_analyses["service_cost_per_client_movers"]
    assert rows
    yearly = {
        (county, year.year, service): (cost, clients)
        for county, year, service, cost, clients in sample_build.query(
            "select county_code, period_start, service_code, allocated_cost_eur, clients "
            "from marts.service_unit_costs where period_grain = 'year' and segment is null and clients > 0"
        )
    }
    moves: dict[tuple[str, int], list[float]] = {}
    for (county, year, service), (cost, clients) in yearly.items():
        if (county, year - 1, service) in yearly:
            before_cost, before_clients = yearly[(county, year - 1, service)]
            moves.setdefault((county, year), []).append(cost / clients - before_cost / before_clients)
    top = [r for r in rows if r["move_rank"] == 1]
    assert {(r["county_code"], r["year_start"].year) for r in top} == set(moves)
    for r in top:
        change = r["cost_eur"] / r["clients"] - r["previous_cost_eur"] / r["previous_clients"]
        assert close(r["cost_per_client_change_eur"], change)
        assert close(abs(change), max(abs(m) for m in moves[(r["county_code"], r["year_start"].year)]))
    assert all(r["move_rank"] <= 10 for r in rows)
