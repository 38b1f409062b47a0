"""`tietopohja explain` and the mart key_figure_components on tests/landing/key_figures_handmade.

The hand-made folder (see test_key_figures_handmade.py for how every number of
it was worked out) gives a value from data for all 42 measures of the register.
For every measure code the components recombine to the value, in the relation
and in the command's output; a few are checked against numbers computed by
hand from the files:

- allocated cost of PTH_VASTAANOTTO, November 2024: direct 20 000 (G1);
  support: TILA 2 000 by drivers 300:100 m² -> 1 500, plus ICT 3 000 by paid
  HTV 40/124; administration: HALL 1 000 by paid HTV 40/124.
- sc_treatment_over_limit, February 2025: R3 (5.8. -> 6.2., over 6 months) and
  R4 (12.8. -> 12.2., exactly 6 months) completed, R6 cancelled 15.2. -> 1 over
  the limit of 2 counted, 1 excluded as cancelled.
- clients_per_1000, January 2025: 6 clients ÷ 549 residents (31.12.2024) × 1000.
- clients, November 2024: P1, P3, P4, P7 = 4 (suppressed in key_figures_public).
"""

from __future__ import annotations

import csv
import json
import math
import re

import pytest

from tietopohja.cli import main
from tietopohja.explain import formula_scale
from tietopohja.paths import SEEDS_DIR

REGISTER = list(csv.DictReader((SEEDS_DIR / "rules" / "key_figure_measure_register.csv").open(encoding="utf-8")))
MEASURES = [r["measure_code"] for r in REGISTER]
KEYS = ("service_code", "segment", "production_mode", "municipality_code")
OPTIONS = {
    "service_code": "--service",
    "segment": "--segment",
    "production_mode": "--production-mode",
    "municipality_code": "--municipality",
}


@pytest.fixture(scope="module")
def handmade(handmade_build):
    return handmade_build  # conftest: one build of the folder per run, shared with test_key_figures_handmade


def _period(grain: str, start) -> str:
    if grain == "year":
        return f"{start.year}"
    if grain == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def _recombine(formula: str, components: list[tuple[str, float]]) -> float:
    """value = Σ addends, or numerator / denominator × scale (the register's formula)."""
    if formula == "sum of addends":
        return sum(v for role, v in components if role == "addend")
    (num,) = [v for role, v in components if role == "numerator"]
    (den,) = [v for role, v in components if role == "denominator"]
    return num / den * formula_scale(formula)


def _figure(handmade, measure: str):
    """A figure of the measure with components and a non-zero value where there is one (the largest
    breakdown first, so that breakdown rows are exercised too), else any with components."""
    rows = handmade.query(
        "select * from (select county_code, period_grain, period_start, service_code, segment, production_mode, "
        "municipality_code, any_value(value) as value, any_value(formula) as formula "
        "from marts.key_figure_components where measure_code = ? group by all) "
        "order by value <> 0 desc, (service_code is not null)::int + (segment is not null)::int "
        "+ (municipality_code is not null)::int desc, period_grain, period_start limit 1",
        [measure],
    )
    assert rows, f"{measure}: no figure with components in the hand-made folder"
    return rows[0]


def _cli(capsys, args: list[str]) -> tuple[int, str, str]:
    code = main(["explain", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _args(db, measure, county, grain, start, breakdown: dict) -> list[str]:
    args = [measure, "--db", str(db), "--county", county, "--period", _period(grain, start)]
    for key, val in breakdown.items():
        if val is not None:
            args += [OPTIONS[key], val]
    return args


def test_register_declares_formula_and_spec_section_of_every_measure():
    assert len(MEASURES) == 42
    for r in REGISTER:
        assert r["formula"] in {
            "sum of addends",
            "numerator / denominator",
            "numerator / denominator * 100",
            "numerator / denominator * 1000",
        }, r["measure_code"]
        assert r["spec_section"] in {"Published key figures", "Measures and breakdowns added in v1.1"}
        spec = (SEEDS_DIR.parent / "docs" / "minimum-data.md").read_text(encoding="utf-8")
        assert r["spec_section"] in spec and f"`{r['measure_code']}`" in spec


@pytest.mark.parametrize("measure", MEASURES)
def test_components_recombine_to_the_value_for_every_measure(handmade, measure, capsys):
    county, grain, start, *breakdown, value, formula = _figure(handmade, measure)
    comps = handmade.query(
        "select role, component_value from marts.key_figure_components where county_code = ? and measure_code = ? "
        "and period_grain = ? and period_start = ? and " + " and ".join(f"{k} is not distinct from ?" for k in KEYS),
        [county, measure, grain, start, *breakdown],
    )
    assert math.isclose(_recombine(formula, comps), value, rel_tol=1e-9, abs_tol=1e-9), (measure, comps, value)
    # the value is the one key_figures publishes
    (kf_value,) = handmade.query(
        "select value from marts.key_figures where county_code = ? and measure_code = ? and period_grain = ? "
        "and period_start = ? and " + " and ".join(f"{k} is not distinct from ?" for k in KEYS),
        [county, measure, grain, start, *breakdown],
    )[0]
    assert kf_value == value
    # through the command: its JSON carries the same components, and they make its value
    code, out, _ = _cli(
        capsys,
        _args(handmade.db_path, measure, county, grain, start, dict(zip(KEYS, breakdown, strict=True))) + ["--json"],
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["value"] == value and doc["formula"] == formula
    printed = [(c["role"], c["component_value"]) for c in doc["components"]]
    assert sorted(printed) == sorted(comps)
    assert math.isclose(_recombine(formula, printed), doc["value"], rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(doc["recombined"], doc["value"], rel_tol=1e-9, abs_tol=1e-9)


def test_every_published_value_without_components_is_an_empty_sum(handmade):
    """A non-NULL key figure without component rows is a 0 filled in for a period with nothing to count."""
    rows = handmade.query(
        "select k.measure_code, k.value, r.formula from marts.key_figures as k "
        "inner join reference.key_figure_measure_register as r on k.measure_code = r.measure_code "
        "where k.value is not null and not exists (select 1 from marts.key_figure_components as c "
        "where c.county_code = k.county_code and c.measure_code = k.measure_code and c.period_grain = k.period_grain "
        "and c.period_start = k.period_start and "
        + " and ".join(f"c.{k} is not distinct from k.{k}" for k in KEYS)
        + ")"
    )
    assert rows, "the folder has periods with nothing to count"
    assert {(formula, value) for _, value, formula in rows} == {("sum of addends", 0.0)}


def _allocated_pth_november(handmade) -> list[str]:
    """The allocated cost of PTH_VASTAANOTTO in November 2024 (its support and administration shares by hand)."""
    db = str(handmade.db_path)
    return ["allocated_cost_eur", "--db", db, "--county", "08", "--period", "2024-11", "--service", "PTH_VASTAANOTTO"]


def test_allocated_cost_is_direct_plus_support_plus_administration(handmade, capsys):
    code, out, _ = _cli(
        capsys,
        [*_allocated_pth_november(handmade), "--json"],
    )
    assert code == 0
    doc = json.loads(out)
    comps = {c["component"]: c["component_value"] for c in doc["components"]}
    expected = {
        "direct_cost_eur": 20000.0,
        "support_share_eur": 1500 + 3000 * 40 / 124,
        "administration_share_eur": 1000 * 40 / 124,
    }
    assert comps.keys() == expected.keys()
    for name, v in expected.items():
        assert math.isclose(comps[name], v, rel_tol=1e-9), name
    assert math.isclose(doc["value"], sum(expected.values()), rel_tol=1e-9)
    assert doc["is_suppressed"] is False and doc["spec_section"] == "Published key figures"


def test_printed_explanation_adds_up(handmade, capsys):
    """The human-readable output: the addends printed add up to the value printed."""
    code, out, _ = _cli(
        capsys,
        _allocated_pth_november(handmade),
    )
    assert code == 0
    number = r"(-?[\d,]+(?:\.\d+)?)"
    value = float(re.search(rf"^value: {number} eur", out, re.M)[1].replace(",", ""))
    addends = [float(m.replace(",", "")) for m in re.findall(rf"^  addend +\S+ +{number}  ", out, re.M)]
    assert len(addends) == 3
    assert math.isclose(sum(addends), value, abs_tol=0.001)
    assert math.isclose(value, 20000 + 1500 + 4000 * 40 / 124, abs_tol=0.0001)
    assert 'docs/minimum-data.md, section "Published key figures"' in out
    assert "formula: sum of addends" in out


def test_wait_measure_counts_over_limit_counted_and_cancelled(handmade, capsys):
    args = ["sc_treatment_over_limit", "--db", str(handmade.db_path), "--county", "08", "--period", "2025-02"]
    code, out, _ = _cli(capsys, [*args, "--rows", "--json"])
    assert code == 0
    doc = json.loads(out)
    comps = {c["component"]: (c["role"], c["component_value"]) for c in doc["components"]}
    assert comps == {
        "waits_over_limit": ("addend", 1.0),
        "waits_counted": ("context", 2.0),
        "waits_cancelled_excluded": ("context", 1.0),
    }
    assert doc["value"] == 1.0 and doc["is_suppressed"] is True and doc["person_count"] == 1.0
    assert [lim["limit"] for lim in doc["limits_in_force"]] == ["6 months"]
    rows = doc["rows"]
    assert (rows["counted"], rows["total"]) == (1, 3)
    assert sorted(r["wait_status"] for r in rows["rows"]) == ["completed", "completed", "left_queue"]
    assert [r["closed_date"] for r in rows["rows"] if r["counted"]] == ["2025-02-06"]
    code, out, _ = _cli(capsys, args)
    assert "limit in force: sc_treatment (specialised_care" in out and "6 months" in out
    assert "SUPPRESSED — built on 1 person" in out


def test_rate_per_1000(handmade, capsys):
    code, out, _ = _cli(
        capsys, ["clients_per_1000", "--db", str(handmade.db_path), "--county", "08", "--period", "2025-01", "--json"]
    )
    doc = json.loads(out)
    comps = {c["component"]: c["component_value"] for c in doc["components"]}
    assert comps == {"numerator": 6.0, "denominator": 549.0, "person_count": 6.0}
    assert doc["formula"] == "numerator / denominator * 1000"
    assert math.isclose(doc["value"], 6 / 549 * 1000, rel_tol=1e-9)


def test_rows_of_a_count_measure_are_exactly_the_count(handmade, capsys):
    db = str(handmade.db_path)
    code, out, _ = _cli(
        capsys, ["clients", "--db", db, "--county", "08", "--period", "2024-11", "--rows", "--limit", "0", "--json"]
    )
    doc = json.loads(out)
    assert doc["value"] == 4.0 and doc["is_suppressed"] is True and doc["person_count"] == 4.0
    pseudonyms = [r["person_pseudonym"] for r in doc["rows"]["rows"]]
    assert len(pseudonyms) == len(set(pseudonyms)) == doc["rows"]["counted"] == 4
    # pseudonyms only: 32 hex digits, and no column that could hold an identity code
    assert all(re.fullmatch(r"[0-9a-f]{32}", p) for p in pseudonyms)
    assert not [k for r in doc["rows"]["rows"] for k in r if "hetu" in k or "birth" in k]
    # the same persons are the denominator of the cost per client
    code, out, _ = _cli(
        capsys,
        [
            "cost_per_client_eur",
            "--db",
            db,
            "--county",
            "08",
            "--period",
            "2024-11",
            "--rows",
            "--limit",
            "0",
            "--json",
        ],
    )
    doc = json.loads(out)
    assert sorted(r["person_pseudonym"] for r in doc["rows"]["rows"]) == sorted(pseudonyms)
    assert doc["rows"]["counts_into"] == "denominator"
    # a limited listing says how many it left out
    code, out, _ = _cli(
        capsys, ["clients", "--db", db, "--county", "08", "--period", "2024-11", "--rows", "--limit", "1"]
    )
    assert "rows (" in out and ": 4 counted of 4" in out and "… 3 more" in out


def test_a_measure_without_row_source_says_so(handmade, capsys):
    code, out, _ = _cli(
        capsys, ["htv_paid", "--db", str(handmade.db_path), "--county", "08", "--period", "2024", "--rows"]
    )
    assert code == 0
    assert "rows: htv_paid has no row-level listing" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no_such_measure", "--county", "08", "--period", "2024"], "unknown measure 'no_such_measure'"),
        (["clients", "--county", "08", "--period", "2031"], "no key figure clients for county 08, year 2031"),
        (["clients", "--county", "08", "--period", "2024-11", "--service", "NOPE"], "--service NOPE"),
        (["clients", "--county", "08", "--period", "2024-13"], "is not a year (2024), a quarter"),
    ],
)
def test_errors_exit_2_with_a_message(handmade, capsys, args, message):
    code, out, err = _cli(capsys, [*args, "--db", str(handmade.db_path)])
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_missing_database_exits_2(tmp_path, capsys):
    code, _, err = _cli(
        capsys, ["clients", "--db", str(tmp_path / "none.duckdb"), "--county", "08", "--period", "2024"]
    )
    assert code == 2 and "database not found" in err and "dbt build" in err
