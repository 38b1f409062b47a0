"""Patient events: primary-care contacts, visits, referrals, ward episodes, feedback."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from tietopohja.generator import bulk
from tietopohja.generator.common import (
    Ctx,
    add_weekdays,
    any_time,
    hetu_check_char,
    next_weekday,
    office_time,
    rand_date,
)
from tietopohja.generator.org import Org
from tietopohja.generator.people import Person, first_day
from tietopohja.generator.rates import CONTACT_RATE, EPISODE_RATE, FEEDBACK_RATE, REFERRAL_RATE
from tietopohja.generator.writer import BOOL_10, CANONICAL, FINNISH, CsvOut

READMISSION_SHARE = 0.12
EMERGENCY_REVISIT_SHARE = 0.1
CONTACT_TYPES = {"R10": 60, "R50": 14, "R52": 8, "R56": 7, "R20": 4, "R60": 5, "R71": 2}
PROFESSIONALS = {
    "PTH_VASTAANOTTO": {"physician": 45, "nurse": 45, "physiotherapist": 10},
    "SUUN_TH": {"dentist": 55, "dental_nurse": 45},
    "ESH_SOMAATTINEN_AVO": {"physician": 70, "nurse": 30},
    "PAIVYSTYS": {"physician": 60, "nurse": 40},
    "ESH_PSYK_AIKUISET": {"physician": 30, "nurse": 40, "psychologist": 30},
    "ESH_PSYK_NUORET": {"physician": 30, "nurse": 40, "psychologist": 30},
    "MTP_AVO": {"nurse": 40, "social_worker": 30, "psychologist": 20, "social_instructor": 10},
}
#: condition -> (ICD-10, ICPC-2)
CONDITION_CODES = {
    "diabetes": ("E11.9", "T90"),
    "coronary": ("I25.1", "K76"),
    "depression": ("F32.1", "P76"),
    "dementia": ("F03", "P70"),
    "alcohol": ("F10.2", "P15"),
}
COMMON_ICD10 = [
    "J06.9",
    "M54.5",
    "I10",
    "J18.9",
    "S52.5",
    "M17.1",
    "H25.1",
    "N39.0",
    "R10.4",
    "Z00.0",
    "L30.9",
    "K21.9",
]
COMMON_ICPC2 = ["R74", "L03", "K86", "R81", "A97", "S18", "L90", "U71", "D01", "A98"]
ORAL_ICD10 = ["K02.1", "K05.1", "K08.8", "K04.0"]
#: the order of the tuple ``_visit`` returns
VISIT_FIELDS = (
    "visit_at",
    "hetu",
    "home_municipality_code",
    "unit_id",
    "contact_type",
    "professional_group",
    "specialty",
    "diagnosis_icd10",
    "diagnosis_icpc2",
    "urgent",
    "production_mode",
)
SCORE_WEIGHTS = [2, 1, 1, 1, 2, 3, 4, 8, 15, 25, 38]


def _age_weight(age: int) -> float:
    if age < 7:
        return 1.0
    if age < 45:
        return 0.7
    if age < 65:
        return 1.0
    return 1.6 if age < 75 else 2.2


def _pick_persons(ctx: Ctx, persons: list[Person], k: int, weight) -> list[Person]:
    weights = [weight(p.age(ctx.start)) for p in persons]
    return ctx.rng.choices(persons, weights=weights, k=k)


def _unit(
    rng: random.Random, org: Org, service: str, person: Person, local: bool = True, name: str | None = None
) -> dict:
    units = org.own_units(service)
    if name:
        units = [u for u in units if name in u["unit_name"]] or units
    here = (
        (
            org.local_units(service, person.municipality)
            if not name
            else [u for u in units if u["municipality_code"] == person.municipality]
        )
        if local
        else []
    )
    return rng.choice(here) if here else units[0] if local else rng.choice(units)


def _day_in_year(ctx: Ctx, p: Person, year: int) -> date | None:
    first = max(first_day(ctx, p), date(year, 1, 1))
    last = date(year, 12, 31)
    return rand_date(ctx.rng, first, last) if first <= last else None


def _diagnoses(rng: random.Random, p: Person, service: str) -> tuple[str | None, str | None]:
    if service == "SUUN_TH":
        return rng.choice(ORAL_ICD10), None
    if p.conditions and rng.random() < 0.5:
        icd, icpc = CONDITION_CODES[rng.choice(p.conditions)]
    elif service in ("ESH_PSYK_AIKUISET", "ESH_PSYK_NUORET", "MTP_AVO"):
        icd, icpc = rng.choice([("F32.1", "P76"), ("F41.1", "P74"), ("F10.2", "P15"), ("F43.2", "P02")])
    else:
        icd, icpc = rng.choice(COMMON_ICD10), rng.choice(COMMON_ICPC2)
    if service in ("PTH_VASTAANOTTO",):
        return (icd if rng.random() < 0.5 else None), icpc
    return icd, None


def _visit(
    ctx: Ctx,
    org: Org,
    p: Person,
    service: str,
    at: datetime,
    contact_type: str | None = None,
    urgent: bool | None = None,
) -> tuple:
    rng = ctx.rng
    age = p.age(at.date())
    unit = _unit(rng, org, service, p, local=service in ("PTH_VASTAANOTTO", "SUUN_TH"), name=None)
    specialty = None
    if service == "ESH_SOMAATTINEN_AVO":
        specialty = "20" if "Kirurgian" in unit["unit_name"] else ("40" if age < 16 else "10")
    elif service == "ESH_PSYK_AIKUISET":
        specialty = "70"
    elif service == "ESH_PSYK_NUORET":
        specialty = "74" if age >= 13 else "75"
    prof = PROFESSIONALS[service]
    if contact_type is None:
        contact_type = (
            "R10"
            if service == "PAIVYSTYS"
            else rng.choices(list(CONTACT_TYPES), weights=list(CONTACT_TYPES.values()))[0]
        )
    icd, icpc = _diagnoses(rng, p, service)
    voucher = 12 if service == "SUUN_TH" else 3
    mode = rng.choices(("own", "purchased", "voucher"), weights=(88, 7, voucher))[0]
    if urgent is None:
        urgent = service == "PAIVYSTYS" or rng.random() < 0.05
    return (
        at,
        p.hetu,
        p.municipality,
        unit["unit_id"],
        contact_type,
        rng.choices(list(prof), weights=list(prof.values()))[0],
        specialty,
        icd,
        icpc,
        urgent,
        mode,
    )


def write_contacts(ctx: Ctx, org: Org, persons: list[Person]) -> dict[int, list[tuple]]:
    """Primary-care contacts; returns the treatment visits they led to, by year."""
    rng, visits = ctx.rng, {}
    cols = [
        "contact_id",
        "hetu",
        "home_municipality_code",
        "unit_id",
        "service_code",
        "contacted_at",
        "channel",
        "assessed_at",
        "urgency",
        "treatment_needed",
        "treatment_at",
    ]
    rows = []
    for year in range(ctx.first_year, ctx.first_year + ctx.years):
        for p in _pick_persons(ctx, persons, round(CONTACT_RATE * ctx.residents), _age_weight):
            day = _day_in_year(ctx, p, year)
            if day is None:
                continue
            service = "SUUN_TH" if rng.random() < 0.25 else "PTH_VASTAANOTTO"
            channel = rng.choices(("phone", "digital", "walk_in"), weights=(60, 30, 10))[0]
            day = day if channel == "digital" else next_weekday(day)
            if day > ctx.end:
                continue
            contacted = any_time(rng, day) if channel == "digital" else office_time(rng, day)
            rows.append(_contact(ctx, org, p, service, channel, contacted, visits))
    rows.sort(key=lambda r: (r["contacted_at"], r["hetu"]))
    with CsvOut(
        ctx.out, ctx.manifest, "patient/contacts", ctx.path("patient", f"contacts_{ctx.code}"), cols, booleans=BOOL_10
    ) as out:
        out.plan_bad(
            len(rows) // 4,
            "invalid_timestamp",
            lambda r: dict(r, contact_id=r["contact_id"] + "-B1", contacted_at=f"{r['contacted_at'].year}-13-45 10:00"),
        )
        out.plan_bad(
            len(rows) // 2,
            "invalid_hetu",
            lambda r: dict(r, contact_id=r["contact_id"] + "-B2", hetu=_impossible_date_hetu(r["hetu"])),
        )
        for r in rows:
            r["contact_id"] = ctx.next_id("C")
            out.write(r)
    return visits


def _impossible_date_hetu(hetu: str) -> str:
    """Same century, individual number and a correct check char, but 31 February."""
    digits = "3102" + hetu[4:6] + hetu[7:10]
    return f"{digits[:6]}{hetu[6]}{digits[6:]}{hetu_check_char(digits)}"


def _contact(
    ctx: Ctx, org: Org, p: Person, service: str, channel: str, contacted: datetime, visits: dict[int, list[tuple]]
) -> dict:
    rng = ctx.rng
    unit = _unit(rng, org, service, p)
    lag = rng.choices((0, 1, 2, 3, 4, 5), weights=(50, 25, 10, 8, 4, 3))[0]
    if lag == 0:
        assessed = contacted + timedelta(minutes=rng.randint(10, 240))
    else:
        assessed = office_time(rng, add_weekdays(contacted.date(), lag))
    row = {
        "hetu": p.hetu,
        "home_municipality_code": p.municipality,
        "unit_id": unit["unit_id"],
        "service_code": service,
        "contacted_at": contacted,
        "channel": channel,
        "assessed_at": None,
        "urgency": None,
        "treatment_needed": None,
        "treatment_at": None,
    }
    if assessed.date() > ctx.end:
        return row
    urgent = rng.random() < 0.15
    needed = rng.random() < 0.65
    row.update(assessed_at=assessed, urgency="urgent" if urgent else "non_urgent", treatment_needed=needed)
    if not needed:
        return row
    if urgent:
        days = rng.randint(0, 2)
    elif service == "SUUN_TH":
        days = rng.randint(7, 90) if rng.random() < 0.75 else rng.randint(91, 200)
    else:
        days = rng.randint(1, 14) if rng.random() < 0.85 else rng.randint(15, 60)
    when = next_weekday(assessed.date() + timedelta(days=days))
    if when > ctx.end:
        return row  # still waiting at the end of the data
    treated = office_time(rng, when)
    if treated <= assessed:
        treated = assessed + timedelta(hours=2)
    row["treatment_at"] = treated
    visit = _visit(ctx, org, p, service, treated, contact_type="R10", urgent=urgent)
    visits.setdefault(treated.year, []).append(visit[:3] + (unit["unit_id"],) + visit[4:])
    return row


def write_visits(
    ctx: Ctx,
    org: Org,
    persons: list[Person],
    treatment_visits: dict[int, list[tuple]],
    periods: list,
    people: bulk.PersonArrays,
    rng,
) -> None:
    """Visits per year: the contacts' treatment visits (with the bad rows) row by row in
    ``visits_<county>_<year>.csv``; the other outpatient visits (``_avo``) and the home-care
    visits (``_kotihoito``) drawn in bulk up to the rates of ``rates.py``.
    The first county's files are in the Finnish locale."""
    dialect = FINNISH if ctx.county_index == 0 else CANONICAL
    cols = list(bulk.VISIT_COLUMNS)
    service_of = {u["unit_id"]: u["service_code"] for u in org.units}
    unit_ids = list(dict.fromkeys(u["unit_id"] for u in org.units))
    unit_index = {u: i for i, u in enumerate(unit_ids)}
    for year in range(ctx.first_year, ctx.first_year + ctx.years):
        rows = sorted(
            (r for r in treatment_visits.get(year, []) if r[0].year == year), key=lambda r: (r[0], r[1], r[3])
        )
        already: dict[str, int] = {}
        for r in rows:
            already[service_of[r[3]]] = already.get(service_of[r[3]], 0) + 1
        with CsvOut(
            ctx.out, ctx.manifest, "patient/visits", ctx.path("patient", f"visits_{ctx.code}_{year}"), cols, dialect
        ) as out:
            if year == ctx.first_year:
                n = len(rows)
                out.plan_bad(
                    n // 5,
                    "invalid_hetu",
                    lambda r: dict(r, visit_id=r["visit_id"] + "-B1", hetu=_wrong_check(r["hetu"])),
                )
                out.plan_bad(
                    n // 2, "unknown_code", lambda r: dict(r, visit_id=r["visit_id"] + "-B2", contact_type="R99")
                )
                out.plan_bad(3 * n // 4, "duplicate_key_in_file", lambda r: dict(r))
            for r in rows:
                out.write({"visit_id": ctx.next_id("V"), **dict(zip(VISIT_FIELDS, r, strict=True))})
        drawn = bulk.VisitFile()
        bulk.draw_visits(ctx, org, people, rng, year, already, drawn, unit_index)
        drawn.write(ctx, people, unit_ids, f"visits_{ctx.code}_{year}_avo", "AV")
        home = bulk.VisitFile()
        bulk.draw_home_care(ctx, people, rng, year, periods, home, unit_index)
        home.write(ctx, people, unit_ids, f"visits_{ctx.code}_{year}_kotihoito", "KV")


def _wrong_check(hetu: str) -> str:
    chars = "0123456789ABCDEFHJKLMNPRSTUVWXY"
    return hetu[:-1] + chars[(chars.index(hetu[-1]) + 7) % 31]


def write_referrals(ctx: Ctx, org: Org, persons: list[Person]) -> None:
    """Referrals to specialised care (some cancelled, some waiting long)."""
    rows = []
    for year in range(ctx.first_year, ctx.first_year + ctx.years):
        for p in _pick_persons(ctx, persons, round(REFERRAL_RATE * ctx.residents), _age_weight):
            day = _day_in_year(ctx, p, year)
            if day is None or next_weekday(day) > ctx.end:
                continue
            rows.append(_referral(ctx, org, p, next_weekday(day)))
    rows.sort(key=lambda r: (r["received_at"], r["hetu"]))
    cols = [
        "referral_id",
        "hetu",
        "home_municipality_code",
        "unit_id",
        "specialty",
        "received_at",
        "assessment_started_at",
        "assessment_completed_at",
        "treatment_started_at",
        "cancelled_at",
    ]
    with CsvOut(ctx.out, ctx.manifest, "patient/referrals", ctx.path("patient", f"referrals_{ctx.code}"), cols) as out:
        out.plan_bad(
            len(rows) // 2, "missing_required", lambda r: dict(r, referral_id=r["referral_id"] + "-B1", specialty=None)
        )
        for r in rows:
            r["referral_id"] = ctx.next_id("R", 6)
            out.write(r)


def _referral(ctx: Ctx, org: Org, p: Person, received: date) -> dict:
    rng = ctx.rng
    age = p.age(received)
    youth = age < 23 and rng.random() < 0.3
    if youth and age >= 6:
        service, specialty, name = "ESH_PSYK_NUORET", ("74" if age >= 13 else "75"), None
    elif age >= 18 and rng.random() < 0.1:
        service, specialty, name = "ESH_PSYK_AIKUISET", "70", None
    else:
        specialty = rng.choice(["10", "20", "30", "50"] + (["40"] * 3 if age < 16 else []))
        service = "ESH_SOMAATTINEN_AVO"
        name = "Kirurgian" if specialty == "20" else "Sisätautien"
    unit = _unit(rng, org, service, p, local=False, name=name)
    started = received + timedelta(days=rng.randint(0, 20) if rng.random() < 0.9 else rng.randint(22, 45))
    completed = started + timedelta(days=rng.randint(3, 40 if service == "ESH_PSYK_NUORET" else 80))
    treatment = completed + timedelta(days=rng.randint(5, 170) if rng.random() < 0.88 else rng.randint(184, 300))
    dates: list[date | None] = [started, completed, treatment]
    cancelled = None
    if rng.random() < 0.06:
        cancelled = received + timedelta(days=rng.randint(1, 120))
        dates = [d if d and d < cancelled else None for d in dates]
        if cancelled > ctx.end:
            cancelled = None
    dates = [d if d and d <= ctx.end else None for d in dates]
    for i in range(1, 3):  # a later step never without the earlier one
        if dates[i - 1] is None:
            dates[i] = None
    return {
        "hetu": p.hetu,
        "home_municipality_code": p.municipality,
        "unit_id": unit["unit_id"],
        "specialty": specialty,
        "received_at": received,
        "assessment_started_at": dates[0],
        "assessment_completed_at": dates[1],
        "treatment_started_at": dates[2],
        "cancelled_at": cancelled,
    }


def write_episodes(ctx: Ctx, org: Org, persons: list[Person]) -> None:
    """Ward episodes with readmissions; some still open at the end."""
    rng, rows, busy = ctx.rng, [], {}

    def weight(age: int) -> float:
        return 0.3 if age < 18 else 0.8 if age < 65 else 3.0 if age < 80 else 5.0

    n = round(EPISODE_RATE * ctx.residents * ctx.years)
    for p in _pick_persons(ctx, persons, n, weight):
        admitted = any_time(rng, rand_date(rng, first_day(ctx, p), ctx.end))
        while admitted is not None:
            row = _episode(ctx, org, p, admitted)
            stay = (admitted, row["discharged_at"] or datetime.max)
            if any(a <= stay[1] and stay[0] <= d for a, d in busy.get(p.hetu, [])):
                break  # never two episodes of one person at the same time
            rows.append(row)
            busy.setdefault(p.hetu, []).append(stay)
            admitted = None
            if row["discharged_at"] and rng.random() < READMISSION_SHARE:
                again = row["discharged_at"] + timedelta(days=rng.randint(1, 29), hours=rng.randint(0, 8))
                admitted = again if again.date() <= ctx.end else None
    rows.sort(key=lambda r: (r["admitted_at"], r["hetu"]))
    cols = [
        "episode_id",
        "hetu",
        "home_municipality_code",
        "unit_id",
        "admitted_at",
        "discharged_at",
        "specialty",
        "main_diagnosis_icd10",
        "production_mode",
    ]
    with CsvOut(
        ctx.out, ctx.manifest, "patient/inpatient_episodes", ctx.path("patient", f"inpatient_episodes_{ctx.code}"), cols
    ) as out:
        for r in rows:
            r["episode_id"] = ctx.next_id("IE", 6)
            out.write(r)


def _episode(ctx: Ctx, org: Org, p: Person, admitted: datetime) -> dict:
    rng = ctx.rng
    age = p.age(admitted.date())
    roll = rng.random()
    if age >= 18 and (roll < 0.12 or (p.conditions and "depression" in p.conditions and roll < 0.4)):
        service, specialty, stay = "ESH_PSYK_OSASTO", "70", 5 + rng.expovariate(1 / 25)
        name = None
    elif age >= 65 and roll < 0.45:
        service, specialty, stay = "PTH_VUODEOSASTO", "98", 3 + rng.expovariate(1 / 14)
        name = None
    else:
        specialty = "20" if rng.random() < 0.4 else "10"
        service, stay = "ESH_SOMAATTINEN_OSASTO", 1 + rng.expovariate(1 / 4)
        name = "Kirurginen" if specialty == "20" else "Sisätautien"
    unit = _unit(rng, org, service, p, local=False, name=name)
    discharged = admitted + timedelta(days=int(stay), hours=rng.randint(1, 10))
    icd = (
        CONDITION_CODES[rng.choice(p.conditions)][0]
        if p.conditions and rng.random() < 0.5
        else rng.choice(COMMON_ICD10)
    )
    return {
        "hetu": p.hetu,
        "home_municipality_code": p.municipality,
        "unit_id": unit["unit_id"],
        "admitted_at": admitted,
        "discharged_at": discharged if discharged.date() <= ctx.end else None,
        "specialty": specialty,
        "main_diagnosis_icd10": icd,
        "production_mode": "own" if rng.random() < 0.95 else "purchased",
    }


def write_feedback(ctx: Ctx, org: Org) -> None:
    """Client feedback (0–10) from outpatient and home-care units."""
    rng = ctx.rng
    units = [
        u
        for s in ("PTH_VASTAANOTTO", "SUUN_TH", "ESH_SOMAATTINEN_AVO", "PAIVYSTYS", "IAK_KOTIHOITO", "MTP_AVO")
        for u in org.units_by_service[s]
        if "ostopalvelut" not in u["unit_name"]
    ]
    rows = sorted(
        (
            rand_date(rng, ctx.start, ctx.end),
            rng.choice(units)["unit_id"],
            rng.choices(range(11), weights=SCORE_WEIGHTS)[0],
        )
        for _ in range(round(FEEDBACK_RATE * ctx.residents * ctx.years))
    )
    cols = ["feedback_id", "unit_id", "answered_at", "score"]
    with CsvOut(ctx.out, ctx.manifest, "patient/feedback", ctx.path("patient", f"feedback_{ctx.code}"), cols) as out:
        out.plan_bad(len(rows) // 2, "out_of_range", lambda r: dict(r, feedback_id=r["feedback_id"] + "-B1", score=11))
        for day, unit, score in rows:
            out.write({"feedback_id": ctx.next_id("F", 6), "unit_id": unit, "answered_at": day, "score": score})
