"""Synthetic residents: hetu, age, sex, municipality, chronic conditions.

Municipality and age come from the real 2018 age structure of the county's
municipalities; ages are spread uniformly within each band (85+ → 85…100).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from tietopohja.generator.common import (
    Ctx,
    century_sign,
    individual_number,
    make_hetu,
    rand_date,
)
from tietopohja.generator.writer import CsvOut

#: births per resident per year during the generated years
BIRTH_RATE = 0.008
#: chronic conditions: name -> (min age, max age, probability)
CONDITIONS = {
    "diabetes": (40, 100, 0.09),
    "coronary": (55, 100, 0.10),
    "depression": (15, 70, 0.06),
    "dementia": (75, 100, 0.14),
    "alcohol": (20, 75, 0.03),
}
#: share of women by age band start (more women among the oldest)
FEMALE_SHARE_OLD = {75: 0.56, 80: 0.60, 85: 0.68}
AREA_INDICATORS = {
    # indicator: (low, high, yearly drift sd)
    "unemployment_rate_pct": (5.0, 13.0, 0.6),
    "median_income_eur": (21000.0, 30000.0, 500.0),
    "low_income_share_pct": (8.0, 16.0, 0.4),
    "foreign_language_share_pct": (1.5, 12.0, 0.3),
    "sickness_allowance_per_1000": (20.0, 45.0, 1.5),
}


@dataclass(slots=True)
class Person:
    """A synthetic resident."""

    hetu: str
    birth: date
    sex: int
    municipality: str
    conditions: tuple[str, ...]

    def age(self, on: date) -> int:
        a = on.year - self.birth.year
        return a - 1 if (on.month, on.day) < (self.birth.month, self.birth.day) else a


def _new_person(rng: random.Random, birth: date, sex: int, municipality: str, taken: set[str], ref_year: int) -> Person:
    while True:
        hetu = make_hetu(birth, individual_number(rng, sex), century_sign(rng, birth.year))
        if hetu not in taken:
            taken.add(hetu)
            break
    age = ref_year - birth.year
    conditions = tuple(name for name, (lo, hi, p) in CONDITIONS.items() if lo <= age <= hi and rng.random() < p)
    return Person(hetu, birth, sex, municipality, conditions)


def make_persons(ctx: Ctx, bands: list[tuple[str, int, int, int]]) -> list[Person]:
    """N residents at the start plus births during the generated years.

    ``bands``: (municipality_code, age_from, age_to, residents) of the county.
    """
    rng, taken = ctx.rng, set()
    ref = date(ctx.first_year - 1, 12, 31)
    cum, total = [], 0
    for b in bands:
        total += b[3]
        cum.append(total)
    persons = []
    for muni, lo, hi, _ in rng.choices(bands, cum_weights=cum, k=ctx.residents):
        age = rng.randint(lo, hi)
        female = FEMALE_SHARE_OLD.get(lo - lo % 5 if lo >= 75 else -1, 0.5)
        sex = 2 if rng.random() < female else 1
        birth = rand_date(rng, date(ref.year - age, 1, 1), date(ref.year - age, 12, 31))
        persons.append(_new_person(rng, birth, sex, muni, taken, ref.year))
    munis = [m for m, *_ in ctx.county.municipalities]
    weights = [w for *_, w in ctx.county.municipalities]
    for year in range(ctx.first_year, ctx.first_year + ctx.years):
        for _ in range(round(ctx.residents * BIRTH_RATE)):
            birth = rand_date(rng, date(year, 1, 1), date(year, 12, 31))
            muni = rng.choices(munis, weights=weights)[0]
            persons.append(_new_person(rng, birth, rng.choice((1, 2)), muni, taken, ref.year))
    return persons


def first_day(ctx: Ctx, p: Person) -> date:
    """First day the person can have events: the period start or birth."""
    return max(ctx.start, p.birth + timedelta(days=1))


def write_residents(ctx: Ctx, persons: list[Person]) -> None:
    """Year-end population by municipality, sex and age (100 = 100+)."""
    counts: dict[tuple, int] = {}
    for year in range(ctx.first_year - 1, ctx.first_year + ctx.years):
        stat = date(year, 12, 31)
        for p in persons:
            if p.birth <= stat:
                key = (stat, p.municipality, p.sex, min(p.age(stat), 100))
                counts[key] = counts.get(key, 0) + 1
    cols = ["stat_date", "municipality_code", "sex", "age", "residents"]
    with CsvOut(
        ctx.out, ctx.manifest, "population/residents", ctx.path("population", f"residents_{ctx.code}"), cols
    ) as out:
        for (stat, muni, sex, age), n in sorted(counts.items()):
            out.write({"stat_date": stat, "municipality_code": muni, "sex": sex, "age": age, "residents": n})


def write_area_indicators(ctx: Ctx) -> None:
    """A few socio-economic indicators per municipality and year."""
    rng = ctx.rng
    cols = ["year", "municipality_code", "indicator", "value"]
    with CsvOut(
        ctx.out, ctx.manifest, "population/area_indicators", ctx.path("population", f"area_indicators_{ctx.code}"), cols
    ) as out:
        for muni, *_ in sorted(ctx.county.municipalities):
            for name, (lo, hi, sd) in AREA_INDICATORS.items():
                value = rng.uniform(lo, hi)
                for year in range(ctx.first_year - 1, ctx.first_year + ctx.years):
                    out.write({"year": year, "municipality_code": muni, "indicator": name, "value": round(value, 2)})
                    value = max(0.0, value + rng.gauss(0, sd))


#: years the synthetic population projection runs past the last delivered year-end
PROJECTION_YEARS = 10
#: births per woman aged 20-44 per year (a total fertility of about 1.3)
PROJECTION_FERTILITY = 0.052
#: share of boys among births
PROJECTION_MALE_BIRTHS = 0.512


def _death_probability(age: int, sex: int) -> float:
    """Yearly probability of dying at an age (Gompertz; men a quarter higher), infants 0.2 %."""
    if age == 0:
        return 0.002
    q = min(0.5, math.exp(-10.2 + 0.093 * age))
    return min(0.6, q * 1.25) if sex == 1 else q


def project_population(population: dict[tuple[str, int, int], float], last_year: int, rng: random.Random) -> list[dict]:
    """A synthetic population projection from the year-end population of ``last_year``
    ((municipality, sex, age) -> residents): aged forward a year at a time for PROJECTION_YEARS
    years, with deaths (_death_probability), births to the women aged 20-44 and each
    municipality's own yearly net migration (drawn once: -0.5 % … +0.8 %, twice that for ages
    20-34). Rows of population/projections without the projection's name; fractions, as real
    projections have."""
    munis = sorted({m for m, _, _ in population})
    migration = {m: rng.uniform(-0.005, 0.008) for m in munis}
    pop = dict(population)
    rows = []
    for year in range(last_year + 1, last_year + 1 + PROJECTION_YEARS):
        nxt: dict[tuple[str, int, int], float] = {}
        for (muni, sex, age), n in pop.items():
            moved = migration[muni] * (2 if 20 <= age <= 34 else 1)
            key = (muni, sex, min(age + 1, 100))
            nxt[key] = nxt.get(key, 0.0) + n * (1 - _death_probability(age, sex)) * (1 + moved)
        for muni in munis:
            births = sum(pop.get((muni, 2, age), 0.0) for age in range(20, 45)) * PROJECTION_FERTILITY
            for sex, share in ((1, PROJECTION_MALE_BIRTHS), (2, 1 - PROJECTION_MALE_BIRTHS)):
                nxt[(muni, sex, 0)] = births * share * (1 + migration[muni])
        pop = nxt
        rows.extend(
            {"year": year, "municipality_code": muni, "sex": sex, "age": age, "residents": round(n, 2)}
            for (muni, sex, age), n in sorted(pop.items())
            if n >= 0.005
        )
    return rows


def projection_rng(seed: int | None, county_code: str) -> random.Random:
    """The projection's own random numbers (not the county's stream: adding the projection
    changes no other generated file)."""
    return random.Random(f"{seed}/{county_code}/projection")


def projection_name(seed: int | None) -> str:
    """The synthetic projection's name: ``synthetic_<seed>``."""
    return f"synthetic_{seed}" if seed is not None else "synthetic"


PROJECTION_COLUMNS = ["projection", "year", "municipality_code", "sex", "age", "residents"]


def write_projection(ctx: Ctx, persons: list[Person]) -> None:
    """population/projections: the population of the last generated year-end projected
    (project_population), named ``synthetic_<seed>``."""
    last = ctx.end
    population: dict[tuple[str, int, int], float] = {}
    for p in persons:
        if p.birth <= last:
            key = (p.municipality, p.sex, min(p.age(last), 100))
            population[key] = population.get(key, 0.0) + 1.0
    name = projection_name(ctx.seed)
    with CsvOut(
        ctx.out,
        ctx.manifest,
        "population/projections",
        ctx.path("population", f"projections_{ctx.code}"),
        PROJECTION_COLUMNS,
    ) as out:
        for r in project_population(population, last.year, projection_rng(ctx.seed, ctx.code)):
            out.write({"projection": name, **r})
