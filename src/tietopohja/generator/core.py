"""Orchestration: read the reference seeds, generate each county, write the manifest."""

from __future__ import annotations

import csv
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tietopohja.errors import UserError
from tietopohja.generator import bulk, delivery, finance, hr, org, patient, people, social
from tietopohja.generator.common import County, Ctx
from tietopohja.generator.writer import Manifest
from tietopohja.paths import REFERENCE_SEEDS_DIR, SEEDS_DIR

#: the municipality mapping used when the first year has none
DEFAULT_MAPPING_YEAR = "2024"
#: the chart of accounts the ledger uses
ACCOUNTS_YEAR = "2023"
MIN_RESIDENTS, MAX_RESIDENTS = 100, 5_000_000
MAX_YEARS = 10
FIRST_YEAR_RANGE = (2020, 2035)
SYSTEM_FOLDERS = ("delivery", "finance", "hr", "org", "patient", "population", "social")


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise UserError(f"reference seed not found: {path} (run `tietopohja seeds`?)")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_counties(codes: list[str], first_year: int) -> list[County]:
    """The counties' municipalities (largest first by 2018 population)."""
    mapping = _read(REFERENCE_SEEDS_DIR / "ref_municipality_county.csv")
    years = {r["year"] for r in mapping}
    year = str(first_year) if str(first_year) in years else DEFAULT_MAPPING_YEAR
    rows = [r for r in mapping if r["year"] == year]
    known = sorted({r["county_code"] for r in rows})
    population: dict[str, int] = {}
    for r in _read(REFERENCE_SEEDS_DIR / "ref_population_age_bands_2018.csv"):
        population[r["municipality_code"]] = population.get(r["municipality_code"], 0) + int(r["residents"])
    counties = []
    for code in codes:
        munis = [r for r in rows if r["county_code"] == code]
        if not munis:
            raise UserError(f"unknown county code {code!r}; known codes: {', '.join(known)}")
        ranked = sorted(
            (
                (r["municipality_code"], r["municipality_name_fi"], population.get(r["municipality_code"], 0))
                for r in munis
            ),
            key=lambda m: (-m[2], m[0]),
        )
        if not any(m[2] for m in ranked):
            raise UserError(f"county {code} has no population in the 2018 age structure")
        counties.append(County(code, munis[0]["county_name_fi"], ranked))
    return counties


#: Åland (91) is in the reference list but is no wellbeing services county (its
#: health care is run by the Åland government): ``--national`` leaves it out
NOT_A_COUNTY = {"91"}


def national_counties(scale: float = 1.0) -> dict[str, int]:
    """Every wellbeing services county and Helsinki with its population (31.12.2022,
    ``ref_counties.csv``), times ``scale`` (at least ``MIN_RESIDENTS``)."""
    rows = _read(REFERENCE_SEEDS_DIR / "ref_counties.csv")
    return {
        r["county_code"]: max(MIN_RESIDENTS, round(int(r["population_2022"]) * scale))
        for r in sorted(rows, key=lambda r: r["county_code"])
        if r["county_code"] not in NOT_A_COUNTY
    }


def _age_bands(county: County) -> list[tuple[str, int, int, int]]:
    codes = {m for m, _, _ in county.municipalities}
    bands = [
        (r["municipality_code"], int(r["age_from"]), int(r["age_to"]), int(r["residents"]))
        for r in _read(REFERENCE_SEEDS_DIR / "ref_population_age_bands_2018.csv")
        if r["municipality_code"] in codes
    ]
    return sorted(b for b in bands if b[3] > 0)


def _prepare_out(out: Path) -> None:
    """Create ``out``; clear a previous generator run, refuse any other content."""
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file, not a folder")
    manifest = out / "_manifest.json"
    if out.exists() and any(out.iterdir()):
        if not manifest.exists():
            raise UserError(
                f"--out {out} is not empty and has no _manifest.json; refusing to write generated data into it"
            )
        try:
            old = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise UserError(f"cannot read the previous manifest {manifest}: {err}") from err
        for entity in old.get("entities", {}).values():
            for rel in entity.get("files", []):
                target = (out / rel).resolve()
                if target.parent.parent == out.resolve() and target.exists():
                    target.unlink()
        manifest.unlink()
    out.mkdir(parents=True, exist_ok=True)


def validate(residents: int, years: int, counties: list[str], first_year: int) -> None:
    """Argument checks that argparse cannot express."""
    if not MIN_RESIDENTS <= residents <= MAX_RESIDENTS:
        raise UserError(f"--residents must be between {MIN_RESIDENTS} and {MAX_RESIDENTS}")
    if not 1 <= years <= MAX_YEARS:
        raise UserError(f"--years must be between 1 and {MAX_YEARS}")
    if not FIRST_YEAR_RANGE[0] <= first_year <= FIRST_YEAR_RANGE[1]:
        raise UserError(f"--first-year must be between {FIRST_YEAR_RANGE[0]} and {FIRST_YEAR_RANGE[1]}")
    if not counties:
        raise UserError("give at least one --county")
    if len(set(counties)) != len(counties):
        raise UserError("the same --county was given twice")


class _Progress:
    """Progress lines while a county is generated: one per entity written.

    Called after each writing step; reports the entities whose rows grew
    since the previous call (rows and files of this county) and the seconds
    since the county started. Only output: the files do not depend on it.
    """

    def __init__(self, manifest: Manifest, county: County, emit: Callable[[str], None] | None) -> None:
        self.manifest, self.county, self.emit = manifest, county, emit
        self.started = time.perf_counter()
        self.seen = self._snapshot()

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        return {n: (e["rows_written"], len(e["files"])) for n, e in self.manifest.entities.items()}

    def __call__(self) -> None:
        now = self._snapshot()
        for name in sorted(now):
            rows0, files0 = self.seen.get(name, (0, 0))
            rows, files = now[name][0] - rows0, now[name][1] - files0
            if (rows, files) != (0, 0) and self.emit is not None:
                plural = "" if files == 1 else "s"
                self.emit(
                    f"  {self.county.code} {name}: {rows:,} rows in {files} file{plural}"
                    f" [{time.perf_counter() - self.started:.1f} s]"
                )
        self.seen = now


def generate(
    residents: int | dict[str, int],
    years: int,
    counties: list[str],
    seed: int,
    out: Path,
    first_year: int = 2024,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Write a synthetic landing folder; return the manifest.

    ``residents``: the same number for every county, or one per county code
    (``national_counties()``). ``progress`` (e.g. ``print``) gets a line per
    county and per entity written, as the files are written.
    """
    per_county = residents if isinstance(residents, dict) else dict.fromkeys(counties, residents)
    for n in set(per_county.values()):
        validate(n, years, counties, first_year)
    loaded = load_counties(counties, first_year)
    catalogue = {r["service_code"]: r for r in _read(SEEDS_DIR / "rules" / "service_catalogue.csv")}
    accounts = {
        r["account"] for r in _read(REFERENCE_SEEDS_DIR / "ref_chart_of_accounts.csv") if r["year"] == ACCOUNTS_YEAR
    }
    _prepare_out(out)
    manifest = Manifest()
    for index, county in enumerate(loaded):
        if progress is not None:
            progress(
                f"county {county.code} {county.name} ({index + 1}/{len(loaded)}): "
                f"{per_county[county.code]:,} residents, {first_year}–{first_year + years - 1}"
            )
        ctx = Ctx(
            random.Random(f"{seed}/{county.code}"),
            county,
            index,
            per_county[county.code],
            first_year,
            years,
            out,
            manifest,
            catalogue,
            accounts,
            seed=seed,
        )
        manifest.counties[county.code] = _generate_county(ctx, _Progress(manifest, county, progress))
    args = {"residents": residents, "years": years, "counties": counties, "seed": seed, "first_year": first_year}
    manifest.write(out, args)
    return manifest.as_dict(args)


def _generate_county(ctx: Ctx, step: Callable[[], None] = lambda: None) -> dict:
    """All entities of one county, in dependency order (``step()`` after each write reports progress)."""
    persons = people.make_persons(ctx, _age_bands(ctx.county))
    people.write_residents(ctx, persons)
    step()
    people.write_area_indicators(ctx)
    step()
    organisation = org.build_org(ctx)
    org.write_org(ctx, organisation)
    step()
    periods, cases = social.build_social(ctx, organisation, persons)
    social.write_social(ctx, periods, cases)
    step()
    emps = hr.build_hr(ctx, organisation, social.avg_clients_by_unit(ctx, periods))
    hr.write_hr(ctx, emps)
    step()
    hr.write_work_hours(ctx, organisation, emps)
    step()
    gl = finance.write_ledger(ctx, organisation, hr.staff_costs(ctx, emps))
    step()
    finance.write_budget(ctx, organisation, gl)
    step()
    finance.write_allocation_drivers(ctx, organisation)
    step()
    treatment_visits = patient.write_contacts(ctx, organisation, persons)
    step()
    rng = np.random.default_rng(ctx.rng.getrandbits(64))
    arrays = bulk.PersonArrays.of(persons, rng)
    patient.write_visits(ctx, organisation, persons, treatment_visits, periods, arrays, rng)
    step()
    patient.write_referrals(ctx, organisation, persons)
    step()
    patient.write_episodes(ctx, organisation, persons)
    step()
    patient.write_feedback(ctx, organisation)
    step()
    delivery.write_coverage(ctx)
    step()
    # last: its random draws leave every other entity as it was before projections existed
    people.write_projection(ctx, persons)
    step()
    switch = ctx.payroll_switch
    unit_id, old_cc, new_cc, when = organisation.reorg
    return {
        "county_name": ctx.county.name,
        "municipalities": sorted(m for m, _, _ in ctx.county.municipalities),
        "residents_generated": len(persons),
        "period": [ctx.start.isoformat(), ctx.end.isoformat()],
        "payroll_switch_date": switch.isoformat(),
        "employments_in_both_payroll_systems": sum(
            1 for e in emps if e.start < switch and (e.end is None or e.end >= switch)
        ),
        "absences_in_both_payroll_systems": sum(1 for e in emps for a in e.absences if a.start < switch <= a.end),
        "reorganised_unit": {
            "unit_id": unit_id,
            "old_cost_center": old_cc,
            "new_cost_center": new_cc,
            "valid_from": when.isoformat(),
        },
        "operating_cost_eur": round(gl.operating_cost_eur, 2),
    }


def add_projections(out: Path) -> dict:
    """Add the synthetic population projection (population/projections) to a landing folder this
    generator wrote earlier, leaving every other file as it is: per county of its _manifest.json,
    the latest year-end of the county's population/residents files projected as ``generate``
    does (people.project_population, the same random numbers), and the manifest's entry for the
    entity. For a folder (the bundled sample) written before the generator wrote projections."""
    manifest_path = out / "_manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    seed = data["generator_args"]["seed"]
    population: dict[tuple[str, int, int], float] = {}
    stat_dates: set[str] = set()
    for path in sorted((out / "population").glob("residents*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if not (r["sex"] in ("1", "2") and r["age"].isdigit() and r["residents"].isdigit()):
                    continue  # the generator's planted bad rows
                stat_dates.add(r["stat_date"])
                key = (r["stat_date"], r["municipality_code"], int(r["sex"]), int(r["age"]))
                population[key] = population.get(key, 0.0) + int(r["residents"])
    last = max(stat_dates)
    files, rows_written = [], 0
    for code, county in sorted(data["counties"].items()):
        munis = set(county["municipalities"])
        counts = {(m, s, a): n for (d, m, s, a), n in population.items() if d == last and m in munis}
        rel = f"population/projections_{code}.csv"
        rows = people.project_population(counts, int(last[:4]), people.projection_rng(seed, code))
        with (out / rel).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(people.PROJECTION_COLUMNS)
            for r in rows:
                w.writerow(
                    [
                        people.projection_name(seed),
                        r["year"],
                        r["municipality_code"],
                        r["sex"],
                        r["age"],
                        f"{r['residents']:.2f}",
                    ]
                )
        files.append(rel)
        rows_written += len(rows)
    data["entities"]["population/projections"] = {
        "files": files,
        "rows_written": rows_written,
        "bad_rows": [],
        "superseded_rows": 0,
        "expected_staged": rows_written,
    }
    data["entities"] = dict(sorted(data["entities"].items()))
    manifest_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data["entities"]["population/projections"]
