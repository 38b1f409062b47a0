"""HR: employments, absences, work hours of 24-hour units, and the payroll change.

The old payroll system delivers ``hr/employments`` and ``hr/absences``
(canonical CSV) until the switch date; the new one delivers
``hr/palvelussuhteet`` and ``hr/poissaolot`` (Finnish locale, Finnish headers
and codes) from it. Employments active on the switch date are in both (same
id, same start; open in the old system); absences spanning it are in both.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import numpy as np
import pyarrow as pa

from tietopohja.generator.common import Ctx, month_starts, overlap_days, rand_date
from tietopohja.generator.org import Org
from tietopohja.generator.rates import (
    SICK_SPELL_DRAWS,
    SICK_SPELL_P,
    STAFF_PER_1000,
    WORK_HOUR_STAFF_PER_CLIENT,
    WORKED_DAY_SHARE,
)
from tietopohja.generator.writer import BOOL_10, FINNISH, CsvOut

#: services whose units record realised work hours; headcount per average client
WORK_HOUR_SERVICES = WORK_HOUR_STAFF_PER_CLIENT
PERMANENT_SHARE = 0.82
#: yearly probability that a permanent employment ends, and why
EXIT_RATE = 0.10
EXIT_REASONS = {"resignation": 50, "retirement": 25, "dismissal": 3, "internal_transfer": 12, "other": 10}
PART_TIME_SHARE = 0.15
SHIFT_HOURS = 7.65

# (title, occupation code, weight, monthly salary €)
NURSING = [
    ("Sairaanhoitaja", "2221", 4, 3300),
    ("Terveydenhoitaja", "3221", 2, 3350),
    ("Lääkäri", "2211", 2, 7200),
    ("Lähihoitaja", "5321", 1, 2800),
    ("Osastosihteeri", "4110", 0.5, 2600),
]
ORAL = [("Hammaslääkäri", "2261", 2, 6500), ("Suuhygienisti", "3251", 1.5, 3100), ("Hammashoitaja", "5321", 2, 2700)]
WARD = [
    ("Sairaanhoitaja", "2221", 5, 3400),
    ("Lähihoitaja", "5321", 4, 2850),
    ("Erikoislääkäri", "2212", 1, 8200),
    ("Osastonhoitaja", "2221", 0.3, 4300),
]
PSYCH = [
    ("Psykiatrinen sairaanhoitaja", "2221", 4, 3400),
    ("Psykologi", "2634", 1.5, 4000),
    ("Erikoislääkäri", "2212", 1, 8200),
]
ELDERLY = [
    ("Lähihoitaja", "5321", 6, 2800),
    ("Sairaanhoitaja", "2221", 1.5, 3300),
    ("Hoiva-avustaja", "5329", 1.5, 2400),
    ("Palveluesihenkilö", "1344", 0.3, 4200),
]
SOCIAL_WORK = [("Sosiaalityöntekijä", "2635", 3, 3900), ("Sosiaaliohjaaja", "3412", 2, 3100)]
DISABILITY = [("Ohjaaja", "3412", 2, 2900), ("Lähihoitaja", "5321", 3, 2800)]
OCCUPATIONS = {
    "PTH_VASTAANOTTO": NURSING,
    "PAIVYSTYS": NURSING,
    "ESH_SOMAATTINEN_AVO": NURSING,
    "SUUN_TH": ORAL,
    "ESH_SOMAATTINEN_OSASTO": WARD,
    "PTH_VUODEOSASTO": WARD,
    "ESH_PSYK_AIKUISET": PSYCH,
    "ESH_PSYK_OSASTO": PSYCH,
    "ESH_PSYK_NUORET": PSYCH,
    "MTP_AVO": PSYCH,
    "IAK_KOTIHOITO": ELDERLY,
    "IAK_TEHOSTETTU": ELDERLY,
    "IAK_SOSTYO": SOCIAL_WORK,
    "LS_AVOHUOLTO": SOCIAL_WORK,
    "LS_PERHEHOITO": SOCIAL_WORK,
    "TYOIKAISET_SOSTYO": SOCIAL_WORK,
    "VAM_TEHOSTETTU": DISABILITY,
    "VAM_PAIVATOIMINTA": DISABILITY,
    "VAM_HENKILOKOHTAINEN_APU": DISABILITY,
    "ict": [("Järjestelmäasiantuntija", "2511", 1, 4200), ("Tukihenkilö", "3512", 1, 3000)],
    "facilities": [("Kiinteistönhoitaja", "5153", 1, 2700), ("Laitoshuoltaja", "9112", 2, 2400)],
    "catering": [("Kokki", "5120", 1, 2600), ("Ravintotyöntekijä", "9412", 1.5, 2400)],
    "admin": [
        ("Hallintosuunnittelija", "2422", 2, 4200),
        ("Controller", "2411", 1, 4500),
        ("Johtaja", "1120", 0.3, 9000),
        ("Toimistosihteeri", "4110", 1, 2700),
    ],
}
TYPE_FI = {"permanent": "vakinainen", "fixed_term": "määräaikainen"}
REASON_FI = {
    "resignation": "irtisanoutuminen",
    "retirement": "eläköityminen",
    "dismissal": "irtisanominen",
    "end_of_term": "määräajan päättyminen",
    "internal_transfer": "sisäinen siirto",
    "other": "muu",
}
ABSENCE_FI = {
    "sick_leave": "sairausloma",
    "training": "koulutus",
    "annual_leave": "vuosiloma",
    "family_leave": "perhevapaa",
    "unpaid_leave": "palkaton vapaa",
    "other": "muu",
}


@dataclass
class Absence:
    absence_id: str
    kind: str
    start: date
    end: date
    paid: bool


@dataclass
class Employment:
    employment_id: str
    employee_id: str
    cost_center: str
    title: str
    occupation: str
    kind: str
    start: date
    end: date | None
    end_reason: str | None
    pct: float
    salary: float
    absences: list[Absence] = field(default_factory=list)


def _posts(ctx: Ctx, org: Org, avg_clients: dict[str, float]) -> list[tuple[str, str]]:
    """(cost centre, role/service) per post, ignoring the reorganisation."""
    per_1000 = ctx.residents / 1000
    posts: list[tuple[str, str]] = []
    for role, cc in org.overhead.items():
        posts += [(cc, role)] * round(STAFF_PER_1000[role] * per_1000)
    for service, units in sorted(org.units_by_service.items()):
        ccs = sorted(
            {u["cost_center"] for u in org.units if u["service_code"] == service and u["valid_from"] <= ctx.start}
        )
        if service in WORK_HOUR_SERVICES:
            for cc in ccs:
                clients = sum(avg_clients.get(u["unit_id"], 0.0) for u in units if u["cost_center"] == cc)
                posts += [(cc, service)] * round(clients * WORK_HOUR_SERVICES[service])
            continue
        # a service whose units all start after the period start still has staff
        ccs = ccs or sorted({u["cost_center"] for u in units})
        n = round(STAFF_PER_1000[service] * per_1000) if ccs else 0
        for i in range(n):
            posts.append((ccs[i % len(ccs)], service))
    return posts


def build_hr(ctx: Ctx, org: Org, avg_clients: dict[str, float]) -> list[Employment]:
    """Employments (with their absences) of all posts over the period."""
    emps: list[Employment] = []
    service_ccs = [
        c["cost_center"] for c in org.service_centres() if c["valid_to"] is None and c["valid_from"] <= ctx.start
    ]
    for cc, role in _posts(ctx, org, avg_clients):
        _post_chain(ctx, cc, role, emps, service_ccs)
    if org.reorg:
        emps = _apply_reorg(ctx, org, emps)
    for e in emps:
        _absences(ctx, e)
    return emps


def _new_employee(ctx: Ctx) -> str:
    return ctx.next_id("H", 6)


def _post_chain(ctx: Ctx, cc: str, role: str, emps: list[Employment], service_ccs: list[str]) -> None:
    """The successive employments of one post from before the start to the end."""
    rng = ctx.rng
    title, occ, _, salary = rng.choices(OCCUPATIONS[role], weights=[o[2] for o in OCCUPATIONS[role]])[0]
    kind = "permanent" if rng.random() < PERMANENT_SHARE else "fixed_term"
    employee = _new_employee(ctx)
    if kind == "permanent":
        start = rand_date(rng, date(1995, 1, 1), ctx.start - timedelta(days=1))
    else:
        start = rand_date(rng, ctx.start - timedelta(days=300), ctx.start - timedelta(days=1))
    while start <= ctx.end:
        pct = 100.0 if rng.random() >= PART_TIME_SHARE else float(rng.choice((50, 60, 75, 80)))
        if kind == "fixed_term":
            end = max(start + timedelta(days=rng.randint(60, 365)), ctx.start + timedelta(days=rng.randint(20, 120)))
            reason = "end_of_term"
        else:
            days = int(rng.expovariate(EXIT_RATE / 365))
            end = max(start, ctx.start) + timedelta(days=days)
            reason = rng.choices(list(EXIT_REASONS), weights=list(EXIT_REASONS.values()))[0]
        if end > ctx.end + timedelta(days=200 if kind == "fixed_term" else 0):
            end, reason = (None, None) if kind == "permanent" else (end, reason)
        emps.append(
            Employment(
                ctx.next_id("E", 6),
                employee,
                cc,
                title,
                occ,
                kind,
                start,
                end,
                reason,
                pct,
                round(salary * rng.uniform(0.95, 1.12), 2),
            )
        )
        if end is None or end >= ctx.end:
            return
        if reason == "internal_transfer":  # the person continues elsewhere
            other = rng.choice(service_ccs)
            emps.append(
                Employment(
                    ctx.next_id("E", 6),
                    employee,
                    other,
                    title,
                    occ,
                    "permanent",
                    end + timedelta(days=1),
                    None,
                    None,
                    pct,
                    emps[-1].salary,
                )
            )
        if kind == "fixed_term" and rng.random() < 0.5:
            kind = "permanent" if rng.random() < 0.3 else "fixed_term"  # same person goes on
            start = end + timedelta(days=1)
        else:
            kind = "permanent" if rng.random() < 0.6 else "fixed_term"
            employee = _new_employee(ctx)
            start = end + timedelta(days=rng.randint(1, 45))


def _apply_reorg(ctx: Ctx, org: Org, emps: list[Employment]) -> list[Employment]:
    """Employments of the reorganised unit move to its new cost centre."""
    _, old, new, when = org.reorg
    out = []
    for e in emps:
        if e.cost_center != old or (e.end is not None and e.end < when):
            out.append(e)
        elif e.start >= when:
            e.cost_center = new
            out.append(e)
        else:
            moved = Employment(
                ctx.next_id("E", 6),
                e.employee_id,
                new,
                e.title,
                e.occupation,
                e.kind,
                when,
                e.end,
                e.end_reason,
                e.pct,
                e.salary,
            )
            e.end, e.end_reason = when - timedelta(days=1), "internal_transfer"
            out += [e, moved]
    return out


def _absences(ctx: Ctx, e: Employment) -> None:
    """Absences of one employment inside the period, never overlapping."""
    rng = ctx.rng
    last_day = min(e.end or ctx.end, ctx.end)
    for year in range(ctx.first_year, ctx.first_year + ctx.years):
        a, b = max(e.start, ctx.start, date(year, 1, 1)), min(last_day, date(year, 12, 31))
        if b < a:
            continue
        frac = ((b - a).days + 1) / 365
        wanted: list[tuple[str, date, int, bool]] = []
        if (b - a).days > 150:
            wanted.append(
                ("annual_leave", rand_date(rng, date(year, 6, 1), date(year, 7, 31)), rng.randint(14, 28), True)
            )
            if rng.random() < 0.6:
                wanted.append(("annual_leave", rand_date(rng, date(year, 10, 1), date(year, 12, 20)), 5, True))
        for _ in range(SICK_SPELL_DRAWS):
            if rng.random() < SICK_SPELL_P * frac:
                length = rng.randint(14, 60) if rng.random() < 0.05 else rng.randint(1, 4)
                wanted.append(("sick_leave", rand_date(rng, a, b), length, True))
        for _ in range(4):
            if rng.random() < 0.4 * frac:
                wanted.append(("training", rand_date(rng, a, b), rng.randint(1, 2), True))
        if rng.random() < 0.03 * frac:
            wanted.append(("family_leave", rand_date(rng, a, b), rng.randint(30, 160), rng.random() < 0.3))
        if rng.random() < 0.04 * frac:
            wanted.append(("unpaid_leave", rand_date(rng, a, b), rng.randint(3, 30), False))
        if rng.random() < 0.15 * frac:
            wanted.append(("other", rand_date(rng, a, b), 1, True))
        for kind, start, length, paid in wanted:
            if start < a or start > b:
                continue
            end = min(start + timedelta(days=length - 1), last_day)
            if any(start <= x.end and x.start <= end for x in e.absences):
                continue
            e.absences.append(Absence("", kind, start, end, paid))
    e.absences.sort(key=lambda x: x.start)
    for x in e.absences:
        x.absence_id = ctx.next_id("A", 7)


def write_hr(ctx: Ctx, emps: list[Employment]) -> None:
    """Old system up to the switch, new system from it (see module doc)."""
    switch = ctx.payroll_switch
    emps = sorted(emps, key=lambda e: e.employment_id)
    old = [e for e in emps if e.start < switch]
    new = [e for e in emps if e.end is None or e.end >= switch]
    cols = [
        "employment_id",
        "employee_id",
        "cost_center",
        "title",
        "occupation_code",
        "employment_type",
        "start_date",
        "end_date",
        "end_reason",
        "work_time_pct",
    ]
    with CsvOut(ctx.out, ctx.manifest, "hr/employments", ctx.path("hr", f"employments_{ctx.code}"), cols) as out:
        out.plan_bad(
            len(old) // 2,
            "out_of_range",
            lambda r: dict(r, employment_id=r["employment_id"] + "-B1", work_time_pct=130.0),
        )
        for e in old:
            ended = e.end is not None and e.end < switch
            out.write(
                {
                    "employment_id": e.employment_id,
                    "employee_id": e.employee_id,
                    "cost_center": e.cost_center,
                    "title": e.title,
                    "occupation_code": e.occupation,
                    "employment_type": e.kind,
                    "start_date": e.start,
                    "end_date": e.end if ended else None,
                    "end_reason": e.end_reason if ended else None,
                    "work_time_pct": e.pct,
                }
            )
    cols = [
        "palvelussuhde_id",
        "henkilonumero",
        "kustannuspaikka",
        "nimike",
        "ammattiluokka",
        "palvelussuhteen_tyyppi",
        "alkupvm",
        "loppupvm",
        "paattymissyy",
        "tyoaikaprosentti",
    ]
    with CsvOut(
        ctx.out, ctx.manifest, "hr/palvelussuhteet", ctx.path("hr", f"palvelussuhteet_{ctx.code}"), cols, FINNISH
    ) as out:
        out.plan_bad(
            len(new) // 3,
            "out_of_range",
            lambda r: dict(r, palvelussuhde_id=r["palvelussuhde_id"] + "-B1", tyoaikaprosentti=0.0),
        )
        for e in new:
            out.write(
                {
                    "palvelussuhde_id": e.employment_id,
                    "henkilonumero": e.employee_id,
                    "kustannuspaikka": e.cost_center,
                    "nimike": e.title,
                    "ammattiluokka": e.occupation,
                    "palvelussuhteen_tyyppi": TYPE_FI[e.kind],
                    "alkupvm": e.start,
                    "loppupvm": e.end,
                    "paattymissyy": REASON_FI.get(e.end_reason),
                    "tyoaikaprosentti": e.pct,
                }
            )
    _write_absences(ctx, emps, switch)


def _write_absences(ctx: Ctx, emps: list[Employment], switch: date) -> None:
    rows = sorted(((x, e) for e in emps for x in e.absences), key=lambda r: r[0].absence_id)
    old = [r for r in rows if r[0].start < switch]
    new = [r for r in rows if r[0].end >= switch]
    cols = ["absence_id", "employment_id", "absence_type", "start_date", "end_date", "paid"]
    with CsvOut(
        ctx.out, ctx.manifest, "hr/absences", ctx.path("hr", f"absences_{ctx.code}"), cols, booleans=BOOL_10
    ) as out:
        out.plan_bad(
            len(old) // 2,
            "unknown_code",
            lambda r: dict(r, absence_id=r["absence_id"] + "-B1", absence_type="vacation"),
        )
        for x, e in old:
            out.write(
                {
                    "absence_id": x.absence_id,
                    "employment_id": e.employment_id,
                    "absence_type": x.kind,
                    "start_date": x.start,
                    "end_date": x.end,
                    "paid": x.paid,
                }
            )
    cols = ["poissaolo_id", "palvelussuhde_id", "poissaolon_laji", "alkupvm", "loppupvm", "palkallinen"]
    with CsvOut(ctx.out, ctx.manifest, "hr/poissaolot", ctx.path("hr", f"poissaolot_{ctx.code}"), cols, FINNISH) as out:
        out.plan_bad(
            len(new) // 2,
            "end_before_start",
            lambda r: dict(r, poissaolo_id=r["poissaolo_id"] + "-B1", loppupvm=r["alkupvm"] - timedelta(days=2)),
        )
        for x, e in new:
            out.write(
                {
                    "poissaolo_id": x.absence_id,
                    "palvelussuhde_id": e.employment_id,
                    "poissaolon_laji": ABSENCE_FI[x.kind],
                    "alkupvm": x.start,
                    "loppupvm": x.end,
                    "palkallinen": x.paid,
                }
            )


def write_work_hours(ctx: Ctx, org: Org, emps: list[Employment]) -> None:
    """Daily direct and indirect hours of the staff of 24-hour units (Parquet).

    Drawn per employment with numpy: a day off or an absence has no row, a
    training day one indirect row, a worked day a direct and an indirect row.
    One bad row (25 hours) on the first day off after the first 200 rows.
    """
    rng = np.random.default_rng(ctx.rng.getrandbits(64))
    unit_of = {u["cost_center"]: u["unit_id"] for u in org.units if u["service_code"] in WORK_HOUR_SERVICES}
    staff = sorted((e for e in emps if e.cost_center in unit_of), key=lambda e: e.employment_id)
    unit_ids = sorted(set(unit_of.values()))
    epoch = date(1970, 1, 1)
    parts: list[tuple[np.ndarray, ...]] = []
    written, bad_line = 0, None
    for i, e in enumerate(staff):
        first = (max(e.start, ctx.start) - epoch).days
        last = (min(e.end or ctx.end, ctx.end) - epoch).days
        if last < first:
            continue
        days = np.arange(first, last + 1, dtype=np.int32)
        kind = np.zeros(len(days), dtype=np.int8)  # 0 none, 1 training, 2 other absence
        for x in e.absences:
            lo, hi = max((x.start - epoch).days, first), min((x.end - epoch).days, last)
            if lo <= hi:
                kind[lo - first : hi - first + 1] = 1 if x.kind == "training" else 2
        worked = (kind == 0) & (rng.random(len(days)) < WORKED_DAY_SHARE * e.pct / 100)
        hours = np.where(rng.random(len(days)) < 0.85, 765, 1000)
        share = 0.25 if e.occupation == "1344" else 0.8
        direct = np.round(hours * rng.uniform(share - 0.06, share + 0.06, len(days))).astype(np.int32)
        training = kind == 1
        # per day: [direct, indirect] of a worked day, [indirect] of a training day
        day_rows = np.where(worked, 2, np.where(training, 1, 0))
        n = int(day_rows.sum())
        at = np.repeat(np.arange(len(days)), day_rows)
        second = np.zeros(n, dtype=bool)
        second[1:] = at[1:] == at[:-1]
        is_training = training[at]
        category = np.where(is_training | second, 1, 0).astype(np.int8)
        cents = np.where(is_training, 765, np.where(second, hours[at] - direct[at], direct[at])).astype(np.int32)
        row_days, row_cat = days[at], category
        if bad_line is None and written > 200:
            off = np.flatnonzero((kind == 0) & ~worked)
            if len(off):
                pos = int(np.searchsorted(row_days, days[off[0]]))
                row_days = np.insert(row_days, pos, days[off[0]])
                row_cat = np.insert(row_cat, pos, 0)
                cents = np.insert(cents, pos, 2500)
                bad_line = written + pos + 2  # header + 1-based
                n += 1
        unit = unit_ids.index(unit_of[e.cost_center])
        parts.append((row_days, np.full(n, i, np.int32), np.full(n, unit, np.int32), cents, row_cat))
        written += n
    cols = [np.concatenate([p[k] for p in parts]) if parts else np.zeros(0, np.int32) for k in range(5)]
    table = pa.table(
        {
            "seq": pa.array(np.arange(len(cols[0]), dtype=np.int64)),
            "work_date": pa.array(cols[0].astype(np.int32), pa.date32()),
            "employment_id": pa.DictionaryArray.from_arrays(
                pa.array(cols[1].astype(np.int32)), pa.array([e.employment_id for e in staff])
            ),
            "unit_id": pa.DictionaryArray.from_arrays(pa.array(cols[2].astype(np.int32)), pa.array(unit_ids)),
            "cents": pa.array(cols[3].astype(np.int32)),
            "work_category": pa.DictionaryArray.from_arrays(
                pa.array(cols[4].astype(np.int32)), pa.array(["direct", "indirect"])
            ),
        }
    )
    relpath = ctx.path("hr", f"work_hours_{ctx.code}", "parquet")
    path = ctx.out / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")  # with insertion order kept: the rows in the table's order
        con.execute("SET preserve_insertion_order = true")
        con.execute("SET enable_progress_bar = false")
        con.register("drawn", table)
        con.execute(
            "COPY (SELECT work_date, CAST(employment_id AS VARCHAR) AS employment_id, "
            "CAST(unit_id AS VARCHAR) AS unit_id, CAST(cents / 100.0 AS DECIMAL(5,2)) AS hours, "
            "CAST(work_category AS VARCHAR) AS work_category FROM drawn) "
            f"TO '{path.as_posix().replace(chr(39), chr(39) * 2)}' (FORMAT parquet)"
        )
    finally:
        con.close()
    entity = ctx.manifest.entity("hr/work_hours")
    entity["files"].append(relpath)
    entity["rows_written"] += table.num_rows
    if bad_line is not None:
        entity["bad_rows"].append({"file": relpath, "line": bad_line, "reason": "out_of_range"})


def staff_costs(ctx: Ctx, emps: list[Employment]) -> dict[tuple[str, date], list[tuple[str, float]]]:
    """Salary cost of each employment per (cost centre, month start): paid days × salary × pct."""
    costs: dict[tuple[str, date], list[tuple[str, float]]] = {}
    months = month_starts(ctx.start, ctx.end)
    for e in emps:
        last = e.end or ctx.end
        unpaid = [x for x in e.absences if not x.paid]
        for m in months:
            dim = calendar.monthrange(m.year, m.month)[1]
            m_end = m + timedelta(days=dim - 1)
            days = overlap_days(e.start, last, m, m_end)
            if not days:
                continue
            days -= sum(overlap_days(x.start, x.end, m, m_end) for x in unpaid)
            if days > 0:
                costs.setdefault((e.cost_center, m), []).append((e.employment_id, e.salary * e.pct / 100 * days / dim))
    return costs
