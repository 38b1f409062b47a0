"""Shared pieces of the generator: the run context, dates, identity codes."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from tietopohja.generator.writer import Manifest

#: check characters of the Finnish personal identity code (hetu)
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
#: century signs of the hetu: the classic one first, then the signs added in 2023
SIGNS_1900 = ("-", "Y", "X", "W", "V", "U")
SIGNS_2000 = ("A", "B", "C", "D", "E", "F")
#: share of hetus using one of the new (2023) century signs
NEW_SIGN_SHARE = 0.06
#: share of temporary individual numbers 900–999
TEMPORARY_HETU_SHARE = 0.01


def hetu_check_char(digits9: str) -> str:
    """The check character of ``DDMMYYZZZ``."""
    return HETU_CHECK[int(digits9) % 31]


def make_hetu(birth: date, individual: int, sign: str) -> str:
    """A valid hetu for a birth date, individual number and century sign."""
    digits = f"{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}{individual:03d}"
    return f"{digits[:6]}{sign}{digits[6:]}{hetu_check_char(digits)}"


def century_sign(rng: random.Random, year: int) -> str:
    """A century sign for a birth year: mostly the classic one, some new ones."""
    signs = SIGNS_1900 if year < 2000 else SIGNS_2000
    if rng.random() < NEW_SIGN_SHARE:
        return rng.choice(signs[1:])
    return signs[0]


def individual_number(rng: random.Random, sex: int) -> int:
    """Individual number: odd for men (sex 1), even for women (sex 2)."""
    temporary = rng.random() < TEMPORARY_HETU_SHARE
    n = rng.randint(900, 998) if temporary else rng.randint(2, 898)
    if (n % 2 == 1) != (sex == 1):
        n += 1
    return n


def business_id(rng: random.Random) -> str:
    """A syntactically valid Finnish business ID (Y-tunnus) ``NNNNNNN-C``."""
    weights = (7, 9, 10, 5, 8, 4, 2)
    while True:
        body = f"{rng.randint(1000000, 3399999):07d}"
        rem = sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
        if rem == 1:
            continue
        return f"{body}-{0 if rem == 0 else 11 - rem}"


def rand_date(rng: random.Random, first: date, last: date) -> date:
    """A uniformly random date in ``[first, last]``."""
    span = (last - first).days
    return first + timedelta(days=rng.randint(0, max(span, 0)))


def office_time(rng: random.Random, day: date) -> datetime:
    """A timestamp during office hours (08:00–15:59) on ``day``."""
    return datetime(day.year, day.month, day.day, rng.randint(8, 15), rng.randrange(0, 60, 5))


def any_time(rng: random.Random, day: date) -> datetime:
    """A timestamp at any time of ``day``."""
    return datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randrange(0, 60))


def next_weekday(d: date) -> date:
    """``d`` or the next Monday–Friday."""
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def add_weekdays(d: date, n: int) -> date:
    """The n-th weekday after ``d`` (weekends skipped; holidays ignored)."""
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def month_starts(first: date, last: date) -> list[date]:
    """First days of the months from ``first`` to ``last``."""
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def month_end(d: date) -> date:
    """Last day of ``d``'s month."""
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def overlap_days(a1: date, a2: date, b1: date, b2: date) -> int:
    """Days in both inclusive ranges."""
    return max(0, (min(a2, b2) - max(a1, b1)).days + 1)


@dataclass
class County:
    """One county's reference data: code, name and its municipalities."""

    code: str
    name: str
    #: (municipality_code, name, 2018 residents), largest first
    municipalities: list[tuple[str, str, int]]


@dataclass
class Ctx:
    """Everything one county's generation needs: randomness, dates, output."""

    rng: random.Random
    county: County
    county_index: int
    residents: int
    first_year: int
    years: int
    out: Path
    manifest: Manifest
    catalogue: dict[str, dict[str, str]]
    accounts: set[str]
    counters: dict[str, int] = field(default_factory=dict)
    #: the generator's seed (names the synthetic population projection)
    seed: int | None = None

    @property
    def code(self) -> str:
        return self.county.code

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.first_year + self.years - 1, 12, 31)

    @property
    def payroll_switch(self) -> date:
        """The day the new payroll system takes over (mid-month, mid first year)."""
        return date(self.first_year, 6, 16)

    @property
    def reorg_date(self) -> date:
        """The day one unit moves to a new cost centre (two thirds into the period)."""
        m = self.years * 12 * 2 // 3
        return date(self.first_year + m // 12, m % 12 + 1, 1)

    def next_id(self, prefix: str, width: int = 7) -> str:
        """The next id of a kind, e.g. ``01-V0000001`` (county code first)."""
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{self.code}-{prefix}{n:0{width}d}"

    def path(self, system: str, stem: str, ext: str = "csv") -> str:
        """Relative path of a file, e.g. ``patient/visits_01_2024.csv``."""
        return f"{system}/{stem}.{ext}"
