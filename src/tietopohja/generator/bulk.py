"""The high-volume events, generated with numpy and written by DuckDB.

Outpatient, oral-care, specialised and home-care visits are millions of rows
in a county of realistic size: they are drawn as arrays (one numpy generator
seeded from the county's random stream, so the same arguments give the same
files) and written in one ``COPY`` per file, ordered by an explicit sequence.
Their files are separate from the row-by-row visits file that carries the
treatment visits of the contacts and the deliberately bad rows:
``patient/visits_<county>_<year>_<part>.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pyarrow as pa

from tietopohja.generator import rates
from tietopohja.generator.common import Ctx
from tietopohja.generator.org import Org
from tietopohja.generator.people import CONDITIONS, Person
from tietopohja.generator.writer import CANONICAL, FINNISH, Dialect

EPOCH = date(1970, 1, 1)
#: (service, share of specialised visits) — the somatic clinics get the rest
SPECIALISED_SPLIT = {"PAIVYSTYS": rates.EMERGENCY_VISITS, "ESH_PSYK_AIKUISET": 0.2, "ESH_PSYK_NUORET": 0.1}
#: (service, min age, max age) of the visits drawn here
SERVICE_AGES = {
    "PTH_VASTAANOTTO": (0, 120),
    "SUUN_TH": (0, 120),
    "ESH_SOMAATTINEN_AVO": (0, 120),
    "PAIVYSTYS": (0, 120),
    "ESH_PSYK_AIKUISET": (18, 120),
    "ESH_PSYK_NUORET": (6, 22),
    "MTP_AVO": (18, 90),
}
CONTACT_TYPES = ("R10", "R50", "R52", "R56", "R20", "R60", "R71")
CONTACT_WEIGHTS = (60, 14, 8, 7, 4, 5, 2)
HOME_CARE_PROFESSIONALS = {"practical_nurse": 75, "nurse": 20, "physiotherapist": 5}
MODES = ("own", "purchased", "voucher")
VISIT_COLUMNS = (
    "visit_id",
    "hetu",
    "home_municipality_code",
    "unit_id",
    "visit_at",
    "contact_type",
    "professional_group",
    "specialty",
    "diagnosis_icd10",
    "diagnosis_icpc2",
    "urgent",
    "production_mode",
)


def _days(d: date) -> int:
    return (d - EPOCH).days


@dataclass
class PersonArrays:
    """The residents as arrays (index = position in the persons list)."""

    hetu: pa.Array
    municipality: np.ndarray  # index into municipality codes
    municipality_codes: pa.Array
    birth: np.ndarray  # days since 1970-01-01
    condition: np.ndarray  # index into CONDITIONS (-1 = none): one condition per person
    index: dict[int, int]  # id(person) -> index

    @classmethod
    def of(cls, persons: list[Person], rng: np.random.Generator) -> PersonArrays:
        codes = sorted({p.municipality for p in persons})
        pos = {c: i for i, c in enumerate(codes)}
        names = list(CONDITIONS)
        condition = np.full(len(persons), -1, dtype=np.int16)
        pick = rng.random(len(persons))
        for i, p in enumerate(persons):
            if p.conditions:
                condition[i] = names.index(p.conditions[int(pick[i] * len(p.conditions))])
        return cls(
            pa.array([p.hetu for p in persons], pa.string()),
            np.array([pos[p.municipality] for p in persons], dtype=np.int32),
            pa.array(codes, pa.string()),
            np.array([(p.birth - EPOCH).days for p in persons], dtype=np.int32),
            condition,
            {id(p): i for i, p in enumerate(persons)},
        )


def _age_weight(age: np.ndarray) -> np.ndarray:
    """The same age profile as the row-by-row events (more visits at 0–6 and 65+)."""
    return np.select([age < 7, age < 45, age < 65, age < 75], [1.0, 0.7, 1.0, 1.6], 2.2)


def _dict(indices: np.ndarray, values: list[str] | pa.Array) -> pa.DictionaryArray:
    """A text column as a dictionary array; index -1 is NULL."""
    idx = pa.array(indices.astype(np.int32), mask=indices < 0)
    return pa.DictionaryArray.from_arrays(idx, values if isinstance(values, pa.Array) else pa.array(values))


def _next_weekday(days: np.ndarray) -> np.ndarray:
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday (Monday = 0)
    return days + np.where(weekday == 5, 2, np.where(weekday == 6, 1, 0))


class Units:
    """Units of a service that the drawn visits may go to (purchased units excluded)."""

    def __init__(self, org: Org, service: str, muni_codes: list[str]) -> None:
        units = [u for u in org.units_by_service[service] if "ostopalvelut" not in u["unit_name"]]
        self.ids = [u["unit_id"] for u in units]
        self.names = [u["unit_name"] for u in units]
        by_muni: list[list[int]] = [[] for _ in muni_codes]
        pos = {c: i for i, c in enumerate(muni_codes)}
        for i, u in enumerate(units):
            if u["municipality_code"] in pos:
                by_muni[pos[u["municipality_code"]]].append(i)
        self.count = np.array([len(x) for x in by_muni], dtype=np.int32)
        self.offset = np.concatenate([[0], np.cumsum(self.count)[:-1]]).astype(np.int32)
        self.flat = np.array([i for x in by_muni for i in x], dtype=np.int32)

    def local(self, rng: np.random.Generator, muni: np.ndarray) -> np.ndarray:
        """A unit in the person's municipality, or any unit of the service where it has none."""
        count = self.count[muni]
        anywhere = rng.integers(0, len(self.ids), len(muni))
        pick = (rng.random(len(muni)) * np.maximum(count, 1)).astype(np.int32)
        if not len(self.flat):
            return anywhere
        return np.where(count > 0, self.flat[np.minimum(self.offset[muni] + pick, len(self.flat) - 1)], anywhere)

    def any(self, rng: np.random.Generator, n: int, name: str | None = None) -> np.ndarray:
        allowed = [i for i, nm in enumerate(self.names) if name is None or name in nm] or list(range(len(self.ids)))
        return np.array(allowed, dtype=np.int32)[rng.integers(0, len(allowed), n)]


class VisitFile:
    """Columns of drawn visits, written to one CSV file by DuckDB."""

    def __init__(self) -> None:
        self.parts: list[dict[str, np.ndarray]] = []

    def add(self, **columns: np.ndarray) -> None:
        self.parts.append(columns)

    def write(self, ctx: Ctx, people: PersonArrays, unit_ids: list[str], stem: str, prefix: str) -> int:
        """Sort by time, person and unit, number the rows, write; return the rows written."""
        if not self.parts:
            return 0
        cols = {k: np.concatenate([p[k] for p in self.parts]) for k in self.parts[0]}
        self.parts = []
        order = np.lexsort((cols["unit"], cols["person"], cols["at"]))
        for k in cols:  # one column at a time: memory stays at one more column
            cols[k] = cols[k][order]
        n = len(order)
        del order
        dialect = FINNISH if ctx.county_index == 0 else CANONICAL
        table = pa.table(
            {
                "seq": pa.array(np.arange(1, n + 1, dtype=np.int64)),
                "hetu": _dict(cols["person"], people.hetu),
                "home_municipality_code": _dict(people.municipality[cols["person"]], people.municipality_codes),
                "unit_id": _dict(cols["unit"], unit_ids),
                "visit_at": pa.array(cols["at"].astype(np.int64) * 60, pa.timestamp("s")),
                "contact_type": _dict(cols["contact_type"], list(CONTACT_TYPES)),
                "professional_group": _dict(cols["professional"], PROFESSIONAL_GROUPS),
                "specialty": _dict(cols["specialty"], SPECIALTIES),
                "diagnosis_icd10": _dict(cols["icd10"], ICD10),
                "diagnosis_icpc2": _dict(cols["icpc2"], ICPC2),
                "urgent": pa.array(cols["urgent"].astype(bool)),
                "production_mode": _dict(cols["mode"], list(MODES)),
            }
        )
        relpath = ctx.path("patient", stem)
        first = ctx.counters.get(prefix, 0)
        ctx.counters[prefix] = first + n
        write_table(
            ctx,
            "patient/visits",
            relpath,
            table,
            {
                "visit_id": f"'{ctx.code}-{prefix}' || lpad(CAST(seq + {first} AS VARCHAR), 8, '0')",
                "hetu": "hetu",
                "home_municipality_code": "home_municipality_code",
                "unit_id": "unit_id",
                "visit_at": _ts(dialect, "visit_at"),
                "contact_type": "contact_type",
                "professional_group": "professional_group",
                "specialty": "specialty",
                "diagnosis_icd10": "diagnosis_icd10",
                "diagnosis_icpc2": "diagnosis_icpc2",
                "urgent": _bool(dialect, "urgent"),
                "production_mode": "production_mode",
            },
            dialect,
        )
        return n


def _ts(dialect: Dialect, col: str) -> str:
    fmt = "%-d.%-m.%Y %-H:%M" if dialect is FINNISH else "%Y-%m-%d %H:%M"
    return f"strftime({col}, '{fmt}')"


def _bool(dialect: Dialect, col: str) -> str:
    yes, no = dialect.booleans
    return f"CASE WHEN {col} THEN '{yes}' ELSE '{no}' END"


def write_table(ctx: Ctx, entity: str, relpath: str, table: pa.Table, select: dict[str, str], dialect: Dialect) -> None:
    """``COPY`` the table's rows (in ``seq`` order) as a CSV of the dialect; record it in the manifest.

    One thread and DuckDB's insertion order (on by default) keep the rows in
    the table's order without a sort of the whole file in memory.
    """
    path = ctx.out / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    exprs = ", ".join(f'{expr} AS "{name}"' for name, expr in select.items())
    target = path.as_posix().replace("'", "''")
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")
        con.execute("SET preserve_insertion_order = true")
        con.execute("SET enable_progress_bar = false")
        con.register("drawn", table)
        con.execute(
            f"COPY (SELECT {exprs} FROM drawn) TO '{target}' (FORMAT csv, HEADER true, DELIMITER '{dialect.delimiter}')"
        )
    finally:
        con.close()
    e = ctx.manifest.entity(entity)
    e["files"].append(relpath)
    e["rows_written"] += table.num_rows


PROFESSIONAL_GROUPS = [
    "physician",
    "nurse",
    "dentist",
    "dental_nurse",
    "physiotherapist",
    "psychologist",
    "social_worker",
    "social_instructor",
    "practical_nurse",
]
SPECIALTIES = ["10", "20", "40", "70", "74", "75"]
#: condition codes first (same order as people.CONDITIONS), then the common and oral ones
CONDITION_ICD = ["E11.9", "I25.1", "F32.1", "F03", "F10.2"]
CONDITION_ICPC = ["T90", "K76", "P76", "P70", "P15"]
COMMON_ICD = ["J06.9", "M54.5", "I10", "J18.9", "S52.5", "M17.1", "H25.1", "N39.0", "R10.4", "Z00.0", "L30.9", "K21.9"]
ORAL_ICD = ["K02.1", "K05.1", "K08.8", "K04.0"]
PSYCH_ICD = ["F32.1", "F41.1", "F10.2", "F43.2"]
ICD10 = CONDITION_ICD + COMMON_ICD + ORAL_ICD + PSYCH_ICD
COMMON_ICPC = ["R74", "L03", "K86", "R81", "A97", "S18", "L90", "U71", "D01", "A98"]
PSYCH_ICPC = ["P76", "P74", "P15", "P02"]
ICPC2 = CONDITION_ICPC + COMMON_ICPC + PSYCH_ICPC
PROFESSIONALS = {
    "PTH_VASTAANOTTO": {"physician": 45, "nurse": 45, "physiotherapist": 10},
    "SUUN_TH": {"dentist": 55, "dental_nurse": 45},
    "ESH_SOMAATTINEN_AVO": {"physician": 70, "nurse": 30},
    "PAIVYSTYS": {"physician": 60, "nurse": 40},
    "ESH_PSYK_AIKUISET": {"physician": 30, "nurse": 40, "psychologist": 30},
    "ESH_PSYK_NUORET": {"physician": 30, "nurse": 40, "psychologist": 30},
    "MTP_AVO": {"nurse": 40, "social_worker": 30, "psychologist": 20, "social_instructor": 10},
}


def _choice(rng: np.random.Generator, weights: dict[str, float], names: list[str], n: int) -> np.ndarray:
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    picked = rng.choice(len(keys), size=n, p=p / p.sum())
    return np.array([names.index(k) for k in keys], dtype=np.int32)[picked]


def visit_targets(residents: int) -> dict[str, float]:
    """Visits per year by service (the treatment visits of contacts included)."""
    specialised = dict(SPECIALISED_SPLIT)
    specialised["ESH_SOMAATTINEN_AVO"] = rates.SPECIALISED_OUTPATIENT_VISITS - sum(SPECIALISED_SPLIT.values())
    per_resident = {
        "PTH_VASTAANOTTO": rates.PRIMARY_CARE_VISITS,
        "SUUN_TH": rates.ORAL_CARE_VISITS,
        "MTP_AVO": rates.MENTAL_HEALTH_VISITS,
        **specialised,
    }
    return {s: r * residents for s, r in per_resident.items()}


def draw_visits(
    ctx: Ctx,
    org: Org,
    people: PersonArrays,
    rng: np.random.Generator,
    year: int,
    already: dict[str, int],
    out: VisitFile,
    unit_index: dict[str, int],
) -> None:
    """Outpatient visits of a year up to the targets (``already``: treatment visits per service)."""
    first = max(_days(ctx.start), _days(date(year, 1, 1)))
    last = _days(date(year, 12, 31))
    lo_all = np.maximum(people.birth + 1, first)
    alive = lo_all <= last
    age_now = (first - people.birth) // 365
    muni_codes = people.municipality_codes.to_pylist()
    for service, target in sorted(visit_targets(ctx.residents).items()):
        n = int(round(target)) - already.get(service, 0)
        if n <= 0:
            continue
        lo_age, hi_age = SERVICE_AGES[service]
        w = np.where(alive & (age_now >= lo_age) & (age_now <= hi_age), _age_weight(age_now), 0.0)
        if w.sum() == 0:
            continue
        if service == "PAIVYSTYS":  # a tenth of the emergency visits are revisits (drawn below)
            n = int(round(n / 1.1))
        person = rng.choice(len(w), size=n, p=w / w.sum()).astype(np.int32)
        lo = lo_all[person]
        day = lo + (rng.random(n) * (last - lo + 1)).astype(np.int32)
        units = Units(org, service, muni_codes)
        if service in ("PTH_VASTAANOTTO", "SUUN_TH"):
            unit = units.local(rng, people.municipality[person])
        else:
            unit = units.any(rng, n)
        if service == "PAIVYSTYS":
            minute = day.astype(np.int64) * 1440 + rng.integers(0, 24, n) * 60 + rng.integers(0, 60, n)
            again = rng.random(n) < 0.1
            re_minute = minute[again] + rng.integers(1, 7, again.sum()) * 1440 + rng.integers(0, 13, again.sum()) * 60
            keep = re_minute < (last + 1) * 1440
            person = np.concatenate([person, person[again][keep]])
            unit = np.concatenate([unit, unit[again][keep]])
            minute = np.concatenate([minute, re_minute[keep]])
            day = (minute // 1440).astype(np.int32)
            n = len(person)
        else:
            day = _next_weekday(day)
            minute = day.astype(np.int64) * 1440 + rng.integers(8, 16, n) * 60 + rng.integers(0, 12, n) * 5
        inside = day <= last
        person, unit, minute, day = person[inside], unit[inside], minute[inside], day[inside]
        n = len(person)
        age = (day - people.birth[person]) // 365
        voucher = 12 if service == "SUUN_TH" else 3
        out.add(
            person=person,
            unit=np.array([unit_index[i] for i in units.ids], dtype=np.int32)[unit],
            at=minute,
            contact_type=_contact_type(rng, service, n),
            professional=_choice(rng, PROFESSIONALS[service], PROFESSIONAL_GROUPS, n),
            specialty=_specialty(service, age, np.array(["Kirurgian" in nm for nm in units.names], dtype=bool)[unit]),
            **_diagnoses(rng, service, people.condition[person]),
            urgent=(service == "PAIVYSTYS") | (rng.random(n) < 0.05),
            mode=_choice(rng, {"own": 88, "purchased": 7, "voucher": voucher}, list(MODES), n),
        )


def _contact_type(rng: np.random.Generator, service: str, n: int) -> np.ndarray:
    if service == "PAIVYSTYS":
        return np.zeros(n, dtype=np.int32)
    p = np.array(CONTACT_WEIGHTS, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int32)


def _specialty(service: str, age: np.ndarray, surgery: np.ndarray) -> np.ndarray:
    n = len(age)
    if service == "ESH_SOMAATTINEN_AVO":
        return np.where(surgery, 1, np.where(age < 16, 2, 0)).astype(np.int32)
    if service == "ESH_PSYK_AIKUISET":
        return np.full(n, 3, dtype=np.int32)
    if service == "ESH_PSYK_NUORET":
        return np.where(age >= 13, 4, 5).astype(np.int32)
    return np.full(n, -1, dtype=np.int32)


def _diagnoses(rng: np.random.Generator, service: str, condition: np.ndarray) -> dict[str, np.ndarray]:
    n = len(condition)
    if service == "SUUN_TH":
        icd = len(CONDITION_ICD) + len(COMMON_ICD) + rng.integers(0, len(ORAL_ICD), n)
        return {"icd10": icd.astype(np.int32), "icpc2": np.full(n, -1, dtype=np.int32)}
    own = (condition >= 0) & (rng.random(n) < 0.5)
    if service in ("ESH_PSYK_AIKUISET", "ESH_PSYK_NUORET", "MTP_AVO"):
        k = rng.integers(0, len(PSYCH_ICD), n)
        other_icd = len(CONDITION_ICD) + len(COMMON_ICD) + len(ORAL_ICD) + k
        other_icpc = len(CONDITION_ICPC) + len(COMMON_ICPC) + k
    else:
        other_icd = len(CONDITION_ICD) + rng.integers(0, len(COMMON_ICD), n)
        other_icpc = len(CONDITION_ICPC) + rng.integers(0, len(COMMON_ICPC), n)
    icd = np.where(own, condition, other_icd).astype(np.int32)
    icpc = np.where(own, condition, other_icpc).astype(np.int32)
    if service == "PTH_VASTAANOTTO":
        return {"icd10": np.where(rng.random(n) < 0.5, icd, -1).astype(np.int32), "icpc2": icpc}
    return {"icd10": icd, "icpc2": np.full(n, -1, dtype=np.int32)}


def draw_home_care(
    ctx: Ctx,
    people: PersonArrays,
    rng: np.random.Generator,
    year: int,
    periods: list,
    out: VisitFile,
    unit_index: dict[str, int],
) -> None:
    """Home visits (R20) to the clients of the home-care periods, scaled to ``rates.HOME_CARE_VISITS``."""
    first = max(_days(ctx.start), _days(date(year, 1, 1)))
    last = _days(date(year, 12, 31))
    care = [p for p in periods if p.service == "IAK_KOTIHOITO"]
    if not care:
        return
    start = np.array([max(_days(p.start), first) for p in care], dtype=np.int32)
    # the end day is not a service day (the client is no longer present)
    end = np.array([min(_days(p.end) - 1 if p.end else last, last) for p in care], dtype=np.int32)
    days = np.maximum(end - start + 1, 0)
    shares = np.array([s for s, _ in rates.HOME_CARE_INTENSITY])
    per_day = np.array([v for _, v in rates.HOME_CARE_INTENSITY])[
        rng.choice(len(shares), size=len(care), p=shares / shares.sum())
    ]
    expected = float((per_day * days).sum())
    if expected <= 0:
        return
    scale = rates.HOME_CARE_VISITS * ctx.residents / expected
    count = rng.poisson(per_day * days * scale)
    which = np.repeat(np.arange(len(care)), count)
    n = len(which)
    day = start[which] + (rng.random(n) * days[which]).astype(np.int32)
    minute = day.astype(np.int64) * 1440 + rng.integers(7, 22, n) * 60 + rng.integers(0, 60, n)
    person = np.array([people.index[id(p.person)] for p in care], dtype=np.int32)[which]
    unit = np.array([unit_index[p.unit_id] for p in care], dtype=np.int32)[which]
    mode = np.array([MODES.index(p.mode) for p in care], dtype=np.int32)[which]
    condition = people.condition[person]
    with_icd = (condition >= 0) & (rng.random(n) < 0.3)
    out.add(
        person=person,
        unit=unit,
        at=minute,
        contact_type=np.full(n, CONTACT_TYPES.index("R20"), dtype=np.int32),
        professional=_choice(rng, HOME_CARE_PROFESSIONALS, PROFESSIONAL_GROUPS, n),
        specialty=np.full(n, -1, dtype=np.int32),
        icd10=np.where(with_icd, condition, -1).astype(np.int32),
        icpc2=np.full(n, -1, dtype=np.int32),
        urgent=rng.random(n) < 0.02,
        mode=mode,
    )
