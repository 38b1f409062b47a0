"""The generator realises the documented rates (``generator/rates.py``), and ``--national``.

A county of 6,000 residents, one year, generates in seconds; its realised
rates per resident-year are compared with the documented figures within the
tolerance stated next to each check (sampling noise of a small county, the
visits of a year that move past its last day, the Poisson draws of home care).
The organisation is checked at a real county's size (550,000 residents)
without generating its events.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from tietopohja.bench import landing_for
from tietopohja.cli import main
from tietopohja.generator import generate, org, rates
from tietopohja.generator.common import Ctx
from tietopohja.generator.core import load_counties
from tietopohja.generator.writer import Manifest
from tietopohja.paths import REFERENCE_SEEDS_DIR, SEEDS_DIR

RESIDENTS = 6000


def _rows(out: Path, rel: str) -> list[dict[str, str]]:
    text = (out / rel).read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return list(csv.DictReader(text.splitlines(), delimiter=delimiter))


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("rates")
    return out, generate(RESIDENTS, 1, ["06"], 5, out, 2024)


def _entity_rows(out: Path, manifest: dict, entity: str) -> list[dict[str, str]]:
    return [r for rel in manifest["entities"][entity]["files"] for r in _rows(out, rel)]


def test_visit_rates_per_resident(county):
    out, manifest = county
    service = {u["unit_id"]: u["service_code"] for u in _rows(out, "org/units_06.csv")}
    visits = Counter(service.get(r["unit_id"]) for r in _entity_rows(out, manifest, "patient/visits"))
    per_resident = {s: n / RESIDENTS for s, n in visits.items()}
    specialised = sum(
        per_resident.get(s, 0) for s in ("ESH_SOMAATTINEN_AVO", "PAIVYSTYS", "ESH_PSYK_AIKUISET", "ESH_PSYK_NUORET")
    )
    # drawn to the target; a few visits of late December move past the year's end: within 5 %
    assert per_resident["PTH_VASTAANOTTO"] == pytest.approx(rates.PRIMARY_CARE_VISITS, rel=0.05)
    assert per_resident["SUUN_TH"] == pytest.approx(rates.ORAL_CARE_VISITS, rel=0.05)
    assert per_resident["MTP_AVO"] == pytest.approx(rates.MENTAL_HEALTH_VISITS, rel=0.05)
    assert specialised == pytest.approx(rates.SPECIALISED_OUTPATIENT_VISITS, rel=0.05)
    # home care: Poisson draws per client over the home-care periods: within 10 %
    assert per_resident["IAK_KOTIHOITO"] == pytest.approx(rates.HOME_CARE_VISITS, rel=0.10)
    home = [r for r in _rows(out, "patient/visits_06_2024_kotihoito.csv")]
    assert {r["contact_type"] for r in home} == {"R20"}
    assert {r["professional_group"] for r in home} <= {"practical_nurse", "nurse", "physiotherapist"}
    # every home-care visit is to a client with a home-care period at that unit
    periods = {(r["hetu"], r["unit_id"]) for r in _rows(out, "social/service_periods_06.csv")}
    assert {(r["hetu"], r["unit_id"]) for r in home} <= periods


def test_other_event_rates_per_resident(county):
    out, manifest = county

    def rate(entity: str) -> float:
        return manifest["entities"][entity]["rows_written"] / RESIDENTS

    # one draw per event, minus those falling after the last day: within 5 %
    assert rate("patient/contacts") == pytest.approx(rates.CONTACT_RATE, rel=0.05)
    assert rate("patient/referrals") == pytest.approx(rates.REFERRAL_RATE, rel=0.05)
    assert rate("patient/feedback") == pytest.approx(rates.FEEDBACK_RATE, rel=0.05)
    # readmissions add, overlapping stays are dropped: within 20 %
    assert rate("patient/inpatient_episodes") == pytest.approx(rates.EPISODE_RATE, rel=0.20)


def test_ledger_postings_per_employment_month_and_invoice_line(county):
    out, manifest = county
    ledger = [
        r
        for rel in manifest["entities"]["finance/gl_entries"]["files"]
        if "redelivery" not in rel
        for r in _rows(out, rel)
    ]
    payroll = [r for r in ledger if "-PAL" in r["document_id"]]
    salaries = [r for r in payroll if r["account"] == "4000"]
    # a salary posting per employment and month, and its side costs: five accounts
    assert len(payroll) == rates.PAYROLL_ACCOUNTS_PER_EMPLOYMENT_MONTH * len(salaries)
    months = Counter((r["period"], r["description"].split()[-1]) for r in salaries)
    assert max(months.values()) == 1  # never two salary postings of one employment in a month
    employments = {r["employment_id"] for r in _rows(out, "hr/employments_06.csv")}
    employments |= {r["palvelussuhde_id"] for r in _rows(out, "hr/palvelussuhteet_06.csv")}
    assert {e for _, e in months} <= employments
    # cost lines of purchase invoices (the income lines are one each): within 15 %
    invoice_lines = [r for r in ledger if "-OL" in r["document_id"] and r["account"] >= "4000"]
    assert len(invoice_lines) / RESIDENTS == pytest.approx(rates.INVOICE_LINES_PER_RESIDENT, rel=0.15)


def test_invoice_lines_are_not_suspected_duplicates(county):
    """An invoice has one supplier and lines of different amounts that sum to its cost:
    equal lines on one document are what ``suspected_duplicate_postings`` reports."""
    out, manifest = county
    lines = [
        r
        for rel in manifest["entities"]["finance/gl_entries"]["files"]
        if "redelivery" not in rel
        for r in _rows(out, rel)
        if "-OL" in r["document_id"]
    ]
    invoices: dict[str, list[dict[str, str]]] = {}
    for r in lines:
        invoices.setdefault(r["document_id"], []).append(r)
    assert sum(len(rows) > 1 for rows in invoices.values()) > len(invoices) / 3  # many have several lines
    assert all(len({r["counterparty_id"] for r in rows}) == 1 for rows in invoices.values())
    same = Counter(
        (r["document_id"], r["posting_date"], r["account"], r["cost_center"], r["amount_eur"]) for r in lines
    )
    assert sum(n for n in same.values() if n > 1) < len(lines) / 1000


def test_staff_per_1000_residents(county):
    out, _ = county
    active = [r for r in _rows(out, "hr/employments_06.csv") if r["start_date"] <= "2024-01-01"]
    expected = sum(rates.STAFF_PER_1000.values())  # plus the 24-hour units' staff, per client
    assert expected <= len(active) / RESIDENTS * 1000 <= expected + 15


def test_organisation_of_a_real_county_size(tmp_path):
    """At 550,000 residents: hundreds of units and cost centres, as in real counties."""
    with (SEEDS_DIR / "rules" / "service_catalogue.csv").open(encoding="utf-8") as fh:
        catalogue = {r["service_code"]: r for r in csv.DictReader(fh)}
    ctx = Ctx(
        random.Random(1), load_counties(["08"], 2024)[0], 0, 550_000, 2024, 1, tmp_path, Manifest(), catalogue, set()
    )
    built = org.build_org(ctx)
    scaled = sum(round(r * 550) for r in rates.UNITS_PER_1000.values())
    assert scaled <= len(built.units) <= scaled + 60
    assert len(built.cost_centers) >= 0.8 * scaled
    for service, per_1000 in rates.UNITS_PER_1000.items():
        units = built.own_units(service)
        expected = round(per_1000 * 550) * (2 if service.startswith("ESH_") else 1)  # two templates each
        assert len({u["unit_id"] for u in units}) == pytest.approx(expected, rel=0.15, abs=3), service
    assert len({u["unit_id"] for u in built.units}) == len(built.units) - 1  # one reorganised unit


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("national")
    argv = ["generate", "--national", "--scale", "0.00002", "--years", "1", "--seed", "3", "--out", str(out)]
    assert main(argv) == 0
    return out, argv


def test_national_writes_every_county_with_its_population(national):
    out, _ = national
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    with (REFERENCE_SEEDS_DIR / "ref_counties.csv").open(encoding="utf-8") as fh:
        reference = {r["county_code"]: int(r["population_2022"]) for r in csv.DictReader(fh)}
    expected = sorted(c for c in reference if c != "91")  # Åland is no wellbeing services county
    assert sorted(manifest["counties"]) == expected
    assert len(expected) == 22
    for code in expected:
        wanted = max(100, round(reference[code] * 0.00002))
        assert manifest["generator_args"]["residents"][code] == wanted
        # residents at the start plus the year's births
        assert wanted <= manifest["counties"][code]["residents_generated"] <= wanted * 1.02 + 2
        assert (out / "org" / f"units_{code}.csv").exists()
        assert (out / "patient" / f"visits_{code}_2024_avo.csv").exists()


def test_national_and_residents_do_not_mix(tmp_path, capsys):
    rc = main(["generate", "--national", "--residents", "100", "--years", "1", "--seed", "1", "--out", str(tmp_path)])
    assert rc == 2 and "leave out --residents" in capsys.readouterr().err
    rc = main(["generate", "--years", "1", "--seed", "1", "--out", str(tmp_path)])
    assert rc == 2 and "--national" in capsys.readouterr().err


def test_bench_national_reuses_the_national_folder(national):
    out, _ = national
    args = argparse.Namespace(national=True, scale=0.00002, residents=None, county="06", years=1, seed=3, data_dir=out)
    lines: list[str] = []
    landing, manifest = landing_for(args, progress=lines.append)
    assert lines == [f"reusing {out}"] and landing == out
    assert len(manifest["counties"]) == 22
