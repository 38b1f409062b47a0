"""Social care: cases (pending → assessment → decision → service) and service periods.

Periods open at the start of the data begin at most a year before it (the
first year-end population is that of the year before). New periods begin
when the case that granted them was implemented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tietopohja.generator.common import Ctx, add_weekdays, next_weekday, rand_date
from tietopohja.generator.org import Org
from tietopohja.generator.people import Person, first_day
from tietopohja.generator.rates import CASE_ONLY
from tietopohja.generator.writer import CsvOut


@dataclass(frozen=True)
class Program:
    """How a social service is used: who, how many, for how long."""

    service: str
    #: age -> weight (share of persons of that age using the service at a time)
    ages: tuple[tuple[int, int, float], ...]
    #: new starts per current user per year
    turnover: float
    #: duration of a period in days (min, max)
    duration: tuple[int, int]
    #: production mode shares (own, purchased, voucher)
    modes: tuple[float, float, float] = (1.0, 0.0, 0.0)
    #: clients with Kela's highest care allowance
    highest_allowance: float = 0.0


PROGRAMS = [
    Program(
        "IAK_TEHOSTETTU",
        ((65, 74, 0.004), (75, 79, 0.02), (80, 84, 0.06), (85, 100, 0.17)),
        0.45,
        (60, 1400),
        highest_allowance=0.35,
    ),
    Program(
        "IAK_KOTIHOITO",
        ((65, 74, 0.02), (75, 84, 0.09), (85, 100, 0.22)),
        0.6,
        (30, 900),
        (0.84, 0.08, 0.08),
        highest_allowance=0.15,
    ),
    Program("LS_AVOHUOLTO", ((0, 17, 0.014),), 0.8, (60, 700)),
    Program("LS_PERHEHOITO", ((0, 17, 0.003),), 0.3, (180, 2200), (0.7, 0.3, 0.0)),
    Program("VAM_TEHOSTETTU", ((18, 64, 0.004),), 0.15, (365, 3000), highest_allowance=0.4),
    Program("VAM_PAIVATOIMINTA", ((18, 64, 0.003),), 0.2, (180, 2000)),
    Program("VAM_HENKILOKOHTAINEN_APU", ((18, 80, 0.003),), 0.25, (180, 2000), (0.6, 0.0, 0.4), highest_allowance=0.3),
]
#: share of applications denied
DENIED_SHARE = 0.12
URGENT_SHARE = 0.1
#: units whose client periods are purchased or voucher services
PURCHASED_UNIT_NAME = "ostopalvelut"


@dataclass
class Period:
    """A period of social-care service."""

    person: Person
    service: str
    unit_id: str
    start: date
    end: date | None
    mode: str


def _weight(program: Program, age: int) -> float:
    return next((w for lo, hi, w in program.ages if lo <= age <= hi), 0.0)


def _unit_for(ctx: Ctx, org: Org, service: str, person: Person, mode: str) -> str:
    if mode != "own":
        units = org.purchased_units(service) or org.units_by_service[service]
        local = [u for u in units if u["municipality_code"] == person.municipality]
    else:
        units = org.own_units(service)
        local = org.local_units(service, person.municipality)
    return (local or units)[0 if local else ctx.rng.randrange(len(units))]["unit_id"]


def _mode(ctx: Ctx, program: Program) -> str:
    return ctx.rng.choices(("own", "purchased", "voucher"), weights=program.modes)[0]


def _case_dates(ctx: Ctx, pending: date, urgent: bool, child: bool) -> list[date | None]:
    """assessment started, completed, decision, service started (None after the end)."""
    rng = ctx.rng
    days = rng.choice((0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12)) if not urgent else rng.randint(0, 1)
    started = add_weekdays(pending, days)
    completed = started + timedelta(days=rng.randint(2, 100 if child else 40))
    decision = next_weekday(completed + timedelta(days=rng.randint(1, 21)))
    long_wait = rng.random() < 0.1 and not urgent
    service = decision + timedelta(days=rng.randint(60, 150) if long_wait else rng.randint(1, 45))
    dates: list[date | None] = [started, completed, decision, service]
    for i, d in enumerate(dates):
        if d is None or d > ctx.end:
            dates[i:] = [None] * (len(dates) - i)
            break
    return dates


def build_social(ctx: Ctx, org: Org, persons: list[Person]) -> tuple[list[Period], list[dict]]:
    """Service periods and the cases behind the new ones."""
    rng, periods, cases = ctx.rng, [], []
    busy: dict[tuple[str, str], date] = {}  # (hetu, service) -> free from
    in_24h: dict[str, date] = {}  # hetu -> start of 24-hour care
    stock_from = date(ctx.first_year - 1, 1, 1)
    ages = [p.age(ctx.start) for p in persons]
    for program in PROGRAMS:
        lo, hi = min(a for a, _, _ in program.ages), max(b for _, b, _ in program.ages)
        users = [(p, _weight(program, a)) for p, a in zip(persons, ages, strict=True) if lo <= a <= hi]
        users = [(p, w) for p, w in users if w > 0]
        expected = sum(w for _, w in users)
        # stock at the start of the period
        for p, w in users:
            if rng.random() >= w:
                continue
            start = rand_date(rng, max(stock_from, p.birth), ctx.start - timedelta(days=1))
            _add_period(ctx, org, program, p, start, periods, busy, in_24h)
        # new clients through cases
        n_new = round(expected * program.turnover * ctx.years)
        if not users or not n_new:
            continue
        picked = rng.choices([p for p, _ in users], weights=[w for _, w in users], k=n_new)
        for p in picked:
            pending = next_weekday(rand_date(rng, first_day(ctx, p), ctx.end))
            if pending > ctx.end or busy.get((p.hetu, program.service), date.min) > pending:
                continue
            case = _case(
                ctx,
                org,
                program.service,
                p,
                pending,
                program.highest_allowance,
                child=program.service.startswith("LS_"),
            )
            cases.append(case)
            if case["decision"] == "granted" and case["service_started_at"]:
                _add_period(
                    ctx, org, program, p, case["service_started_at"], periods, busy, in_24h, unit_id=case["unit_id"]
                )
    for service, lo, hi, rate in CASE_ONLY:
        eligible = [p for p, a in zip(persons, ages, strict=True) if lo <= a <= hi]
        for p in rng.sample(eligible, min(len(eligible), round(len(eligible) * rate))):
            pending = next_weekday(rand_date(rng, first_day(ctx, p), ctx.end))
            if pending <= ctx.end:
                cases.append(_case(ctx, org, service, p, pending, 0.1, child=False))
    return periods, cases


def _case(ctx: Ctx, org: Org, service: str, p: Person, pending: date, allowance: float, child: bool) -> dict:
    rng = ctx.rng
    urgent = rng.random() < URGENT_SHARE
    started, completed, decision_at, service_at = _case_dates(ctx, pending, urgent, child)
    decision = None
    if decision_at:
        decision = "denied" if rng.random() < DENIED_SHARE else "granted"
    if decision != "granted":
        service_at = None
    units = org.own_units(service)
    local = org.local_units(service, p.municipality)
    return {
        "case_id": ctx.next_id("SC", 6),
        "hetu": p.hetu,
        "home_municipality_code": p.municipality,
        "unit_id": (local or units)[0]["unit_id"],
        "service_code": service,
        "pending_at": pending,
        "assessment_started_at": started,
        "assessment_completed_at": completed,
        "decision_at": decision_at,
        "decision": decision,
        "service_started_at": service_at,
        "urgent": urgent,
        "highest_care_allowance": rng.random() < allowance,
    }


def _add_period(
    ctx: Ctx,
    org: Org,
    program: Program,
    p: Person,
    start: date,
    periods: list[Period],
    busy: dict,
    in_24h: dict,
    unit_id: str | None = None,
) -> None:
    rng, service = ctx.rng, program.service
    if busy.get((p.hetu, service), date.min) > start:
        return
    end: date | None = start + timedelta(days=rng.randint(*program.duration))
    if service == "IAK_KOTIHOITO" and p.hetu in in_24h:
        if start >= in_24h[p.hetu]:
            return
        end = min(end, in_24h[p.hetu])  # home care ends when 24-hour care begins
    if end > ctx.end:
        end = None
    mode = _mode(ctx, program)
    if unit_id is None or mode != "own":
        unit_id = _unit_for(ctx, org, service, p, mode)
    periods.append(Period(p, service, unit_id, start, end, mode))
    busy[(p.hetu, service)] = end or date.max
    if service == "IAK_TEHOSTETTU":
        in_24h[p.hetu] = start


def write_social(ctx: Ctx, periods: list[Period], cases: list[dict]) -> None:
    """``social/service_periods`` and ``social/cases`` (one bad row each)."""
    cols = [
        "period_id",
        "hetu",
        "home_municipality_code",
        "unit_id",
        "service_code",
        "start_date",
        "end_date",
        "production_mode",
    ]
    with CsvOut(
        ctx.out, ctx.manifest, "social/service_periods", ctx.path("social", f"service_periods_{ctx.code}"), cols
    ) as out:
        out.plan_bad(
            len(periods) // 2,
            "end_before_start",
            lambda r: dict(r, period_id=r["period_id"] + "-B1", end_date=r["start_date"] - timedelta(days=3)),
        )
        for per in sorted(periods, key=lambda x: (x.start, x.person.hetu, x.service)):
            out.write(
                {
                    "period_id": ctx.next_id("SP", 6),
                    "hetu": per.person.hetu,
                    "home_municipality_code": per.person.municipality,
                    "unit_id": per.unit_id,
                    "service_code": per.service,
                    "start_date": per.start,
                    "end_date": per.end,
                    "production_mode": per.mode,
                }
            )
    cols = [
        "case_id",
        "hetu",
        "home_municipality_code",
        "unit_id",
        "service_code",
        "pending_at",
        "assessment_started_at",
        "assessment_completed_at",
        "decision_at",
        "decision",
        "service_started_at",
        "urgent",
        "highest_care_allowance",
    ]
    with CsvOut(ctx.out, ctx.manifest, "social/cases", ctx.path("social", f"cases_{ctx.code}"), cols) as out:
        out.plan_bad(
            len(cases) // 3,
            "invalid_date",
            lambda r: dict(r, case_id=r["case_id"] + "-B1", pending_at=f"{r['pending_at'].year}-02-30"),
        )
        for case in sorted(cases, key=lambda c: c["case_id"]):
            out.write(case)


def avg_clients_by_unit(ctx: Ctx, periods: list[Period]) -> dict[str, float]:
    """Average clients present per day at each unit over the generated period."""
    days = (ctx.end - ctx.start).days + 1
    totals: dict[str, int] = {}
    for per in periods:
        first = max(per.start, ctx.start)
        last = min(per.end - timedelta(days=1) if per.end else ctx.end, ctx.end)
        if last >= first:
            totals[per.unit_id] = totals.get(per.unit_id, 0) + (last - first).days + 1
    return {u: n / days for u, n in totals.items()}
