"""Finance: monthly general-ledger files, budget and forecasts, allocation drivers.

Staff costs come from the generated employments; the other cost lines fill
the county up to roughly ``TARGET_COST_PER_RESIDENT`` € a year. March of the
first year is delivered twice (a corrected re-delivery); July–September of
the first year are in the Finnish locale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pyarrow as pa

from tietopohja.generator.common import (
    Ctx,
    business_id,
    month_end,
    month_starts,
    rand_date,
)
from tietopohja.generator.org import Org
from tietopohja.generator.rates import INVOICE_LINES_PER_RESIDENT
from tietopohja.generator.writer import CANONICAL, FINNISH, CsvOut, Dialect

#: operating cost per resident per year the ledger is scaled to (€)
TARGET_COST_PER_RESIDENT = 4700.0
#: staff side costs: account -> (share of salaries, sector, description)
SIDE_COSTS = {
    "4060": (0.07, None, "Lomapalkkajaksotus"),
    "4110": (0.177, "S.1314", "Eläkevakuutusmaksut"),
    "4190": (0.0134, "S.1314", "Sosiaaliturvamaksut"),
    "4210": (0.01, "S.11", "Työterveyshuolto"),
}
#: non-staff cost weight (€/resident/year before scaling) by service or overhead role
COST_WEIGHTS = {
    "PTH_VASTAANOTTO": 160,
    "SUUN_TH": 90,
    "PAIVYSTYS": 100,
    "ESH_SOMAATTINEN_AVO": 420,
    "ESH_SOMAATTINEN_OSASTO": 480,
    "ESH_PSYK_AIKUISET": 70,
    "ESH_PSYK_OSASTO": 60,
    "ESH_PSYK_NUORET": 40,
    "PTH_VUODEOSASTO": 80,
    "MTP_AVO": 60,
    "IAK_KOTIHOITO": 140,
    "IAK_TEHOSTETTU": 320,
    "IAK_SOSTYO": 10,
    "LS_AVOHUOLTO": 60,
    "LS_PERHEHOITO": 100,
    "TYOIKAISET_SOSTYO": 110,
    "VAM_TEHOSTETTU": 130,
    "VAM_PAIVATOIMINTA": 40,
    "VAM_HENKILOKOHTAINEN_APU": 80,
    "ict": 110,
    "facilities": 230,
    "catering": 60,
    "admin": 90,
}
# cost lines: (account, share, counterparty sector, description)
HEALTH_LINES = [
    ("4300", 0.25, "S.11", "Ostopalvelut"),
    ("4315", 0.05, "S.11", "Palveluseteli"),
    ("4534", 0.15, "S.11", "Hoitotarvikkeet"),
    ("4533", 0.12, "S.11", "Lääkkeet"),
    ("4500", 0.03, "S.11", "Toimistotarvikkeet"),
    ("4340", 0.07, "S.11", "Asiantuntijapalvelut"),
    ("4346", 0.10, "S.11", "Vuokratyövoima"),
    ("4820", 0.15, "S.11", "Tilavuokrat"),
    ("4940", 0.03, "S.11", "Muut toimintakulut"),
    ("4420", 0.05, "S.11", "Potilaskuljetukset"),
]
CARE_LINES = [
    ("4300", 0.45, "S.11", "Ostopalvelut"),
    ("4315", 0.10, "S.11", "Palveluseteli"),
    ("4534", 0.10, "S.11", "Hoitotarvikkeet"),
    ("4533", 0.05, "S.11", "Lääkkeet"),
    ("4820", 0.20, "S.11", "Tilavuokrat"),
    ("4420", 0.05, "S.11", "Kuljetukset"),
    ("4940", 0.05, "S.11", "Muut toimintakulut"),
]
SOCIAL_WORK_LINES = [
    ("4721", 0.45, "S.14", "Täydentävä toimeentulotuki"),
    ("4739", 0.15, "S.14", "Avustukset kotitalouksille"),
    ("4300", 0.25, "S.11", "Ostopalvelut"),
    ("4820", 0.10, "S.11", "Tilavuokrat"),
    ("4500", 0.05, "S.11", "Toimistotarvikkeet"),
]
FOSTER_LINES = [
    ("4739", 0.55, "S.14", "Perhehoitajien palkkiot ja kulukorvaukset"),
    ("4300", 0.40, "S.11", "Ostopalvelut"),
    ("4500", 0.05, "S.11", "Tarvikkeet"),
]
OVERHEAD_LINES = {
    "ict": [
        ("4342", 0.6, "S.11", "ICT-palvelut"),
        ("4830", 0.2, "S.11", "Laitevuokrat"),
        ("4500", 0.2, "S.11", "Tarvikkeet"),
    ],
    "facilities": [
        ("4820", 0.45, "S.11", "Rakennusten vuokrat"),
        ("4390", 0.2, "S.11", "Kiinteistöjen kunnossapito"),
        ("4380", 0.1, "S.11", "Siivous- ja pesulapalvelut"),
        ("4569", 0.15, "S.11", "Sähkö"),
        ("4568", 0.1, "S.11", "Lämmitys"),
    ],
    "catering": [
        ("4520", 0.7, "S.11", "Elintarvikkeet"),
        ("4600", 0.1, "S.11", "Muu materiaali"),
        ("4410", 0.2, "S.11", "Ravitsemispalvelut"),
    ],
    "admin": [
        ("4340", 0.4, "S.11", "Asiantuntijapalvelut"),
        ("4370", 0.2, "S.11", "Vakuutukset"),
        ("4350", 0.1, "S.11", "Ilmoitukset"),
        ("4940", 0.3, "S.11", "Muut toimintakulut"),
    ],
}
#: income as a share of the centre's costs: (account, share, sector, description)
INCOME_LINES = {
    "IAK_TEHOSTETTU": [("3295", 0.20, "S.14", "Asiakasmaksut"), ("3499", 0.08, "S.14", "Vuokratuotot")],
    "IAK_KOTIHOITO": [("3295", 0.12, "S.14", "Asiakasmaksut")],
    "PTH_VASTAANOTTO": [("3295", 0.04, "S.14", "Asiakasmaksut")],
    "SUUN_TH": [("3295", 0.15, "S.14", "Asiakasmaksut")],
    "PAIVYSTYS": [("3295", 0.03, "S.14", "Asiakasmaksut")],
    "ESH_SOMAATTINEN_AVO": [
        ("3295", 0.03, "S.14", "Asiakasmaksut"),
        ("3005", 0.04, "S.13131", "Myyntituotot kunnille"),
    ],
    "ESH_SOMAATTINEN_OSASTO": [
        ("3295", 0.03, "S.14", "Asiakasmaksut"),
        ("3005", 0.03, "S.131321", "Myynti muille hyvinvointialueille"),
    ],
    "PTH_VUODEOSASTO": [("3295", 0.06, "S.14", "Asiakasmaksut")],
    "TYOIKAISET_SOSTYO": [("3300", 0.10, "S.1311", "Valtionavustus")],
    "catering": [("3005", 0.10, "S.11", "Aterioiden myynti")],
    "admin": [("3390", 0.02, "S.1311", "Palkkatuki")],
}
#: share of ward and 24-hour centres' meals charged internally by catering
INTERNAL_MEALS_EUR_PER_RESIDENT = 25.0
FINNISH_MONTHS = (7, 8, 9)
REDELIVERED_MONTH = 3
BUDGET_ACCOUNT_RANGES = [
    ("3000", "3799", "3295"),
    ("4000", "4299", "4000"),
    ("4300", "4339", "4300"),
    ("4340", "4499", "4340"),
    ("4500", "4699", "4500"),
    ("4700", "4799", "4721"),
    ("4800", "4995", "4940"),
]


def _role(org: Org, cc: dict) -> str:
    if cc["service_code"]:
        return cc["service_code"]
    return next(r for r, code in org.overhead.items() if code == cc["cost_center"])


def _lines(role: str) -> list[tuple[str, float, str, str]]:
    if role in OVERHEAD_LINES:
        return OVERHEAD_LINES[role]
    if role in ("TYOIKAISET_SOSTYO", "LS_AVOHUOLTO", "IAK_SOSTYO"):
        return SOCIAL_WORK_LINES
    if role == "LS_PERHEHOITO":
        return FOSTER_LINES
    if role.startswith(("IAK_", "VAM_", "MTP_")):
        return CARE_LINES
    return HEALTH_LINES


def _valid(cc: dict, m: date) -> bool:
    return cc["valid_from"] <= month_end(m) and (cc["valid_to"] is None or cc["valid_to"] >= m)


class Ledger:
    """Builds one month of postings at a time."""

    def __init__(self, ctx: Ctx, org: Org, staff: dict[tuple[str, date], list[tuple[str, float]]]) -> None:
        self.ctx, self.org, self.staff = ctx, org, staff
        rng = ctx.rng
        self.companies = sorted(business_id(rng) for _ in range(24))
        self.public = {
            "S.1314": business_id(rng),
            "S.1311": business_id(rng),
            "S.13131": business_id(rng),
            "S.131321": business_id(rng),
        }
        self.seq = 0
        self.np_rng = np.random.default_rng(rng.getrandbits(64))
        self.payroll = []

    def month(self, m: date) -> list[dict]:
        """The month's postings except payroll (collected in ``self.payroll``, see ``payroll_table``)."""
        ctx, org, rng = self.ctx, self.org, self.ctx.rng
        self.seq = 0
        self.payroll: list[tuple[str, str, float]] = []
        rows: list[dict] = []
        centres = [c for c in org.cost_centers if _valid(c, m)]
        salaries_of = {c["cost_center"]: sum(a for _, a in self.staff.get((c["cost_center"], m), [])) for c in centres}
        staff_total = sum(salaries_of.values())
        staff_total *= 1 + sum(s for s, _, _ in SIDE_COSTS.values())
        target = TARGET_COST_PER_RESIDENT * ctx.residents / 12 * rng.uniform(0.97, 1.03)
        roles = {c["cost_center"]: _role(org, c) for c in centres}
        n_of_role: dict[str, int] = {}
        for r in roles.values():
            n_of_role[r] = n_of_role.get(r, 0) + 1
        weight_total = sum(COST_WEIGHTS[r] / n_of_role[r] for r in roles.values())
        other_total = max(target - staff_total, 0.3 * weight_total * ctx.residents / 12)
        period = f"{m.year}-{m.month:02d}"
        pairs = sum(len(_lines(r)) for r in roles.values())
        self.lines_per_pair = INVOICE_LINES_PER_RESIDENT * ctx.residents / 12 / max(pairs, 1)
        for c in sorted(centres, key=lambda c: c["cost_center"]):
            code = c["cost_center"]
            role = roles[code]
            salaries = salaries_of[code]
            self.payroll += [(code, e, amount) for e, amount in self.staff.get((code, m), [])]
            budget = other_total * COST_WEIGHTS[role] / n_of_role[role] / weight_total
            costs = salaries
            for account, share, sector, text in _lines(role):
                amount = budget * share * rng.uniform(0.8, 1.2)
                costs += amount
                rows += self._invoices(m, period, code, account, amount, sector, text)
            for account, share, sector, text in INCOME_LINES.get(role, []):
                amount = -costs * share * rng.uniform(0.9, 1.1)
                rows += self._invoices(m, period, code, account, amount, sector, text, n=1)
        rows += self._internal_meals(m, period, centres, roles)
        return rows

    def _row(
        self,
        m: date,
        period: str,
        doc: str,
        day: date,
        account: str,
        cc: str,
        amount: float,
        sector: str | None,
        text: str,
        supplier: str | None = None,
    ) -> dict:
        self.seq += 1
        counterparty = None
        if sector == "S.11":
            counterparty = supplier or self.ctx.rng.choice(self.companies)
        elif sector in self.public:
            counterparty = self.public[sector]
        return {
            "entry_id": f"{self.ctx.code}-GL{m.year}{m.month:02d}-{self.seq:05d}",
            "document_id": doc,
            "posting_date": day,
            "period": period,
            "account": account,
            "cost_center": cc,
            "amount_eur": round(amount, 2),
            "counterparty_sector": sector,
            "counterparty_id": counterparty,
            "description": text,
        }

    def payroll_table(self, m: date) -> tuple[pa.Table, dict[str, float]]:
        """The month's payroll: per employment a salary posting (4000) and its side costs
        (``SIDE_COSTS``), one document; returns the rows and the cost per cost centre."""
        rng = self.np_rng
        ccs = sorted({c for c, _, _ in self.payroll})
        cc_index = {c: i for i, c in enumerate(ccs)}
        n = len(self.payroll)
        salary = np.array([a for _, _, a in self.payroll], dtype=float)
        shares = np.array([1.0] + [share for share, _, _ in SIDE_COSTS.values()])
        k = len(shares)
        cents = np.round(np.repeat(salary, k) * np.tile(shares, n) * 100).astype(np.int64)
        cc = np.repeat(np.array([cc_index[c] for c, _, _ in self.payroll], dtype=np.int32), k)
        accounts = ["4000", *SIDE_COSTS]
        sectors = [None] + [sector for _, sector, _ in SIDE_COSTS.values()]
        texts = ["Palkat"] + [text for _, _, text in SIDE_COSTS.values()]
        account = np.tile(np.arange(k, dtype=np.int32), n)
        counterparties = [*self.companies, self.public["S.1314"]]
        sector_of = np.array([-1 if s is None else 0 for s in sectors])[account]
        company = rng.integers(0, len(self.companies), n * k)
        party = np.where(
            np.array([s == "S.11" for s in sectors])[account],
            company,
            np.where(np.array([s == "S.1314" for s in sectors])[account], len(self.companies), -1),
        )
        employment = np.repeat(np.arange(n, dtype=np.int32), k)
        day = month_end(m)
        while day.weekday() >= 5:
            day -= timedelta(days=1)

        def text(values: list[str | None], idx: np.ndarray) -> pa.DictionaryArray:
            keep = np.array([v is not None for v in values])[idx] if len(idx) else np.zeros(0, bool)
            return pa.DictionaryArray.from_arrays(
                pa.array(idx.astype(np.int32), mask=~keep), pa.array([v or "" for v in values])
            )

        table = pa.table(
            {
                "seq": pa.array(np.arange(1, n * k + 1, dtype=np.int64)),
                "posting_date": pa.array(np.full(n * k, (day - date(1970, 1, 1)).days, np.int32), pa.date32()),
                "account": text(accounts, account),
                "cost_center": pa.DictionaryArray.from_arrays(pa.array(cc), pa.array(ccs or [""])),
                "cents": pa.array(cents),
                "counterparty_sector": text(sectors, np.where(sector_of < 0, 0, account)),
                "counterparty_id": text(counterparties + [None], np.where(party < 0, len(counterparties), party)),
                "text": text(texts, account),
                "employment_id": pa.DictionaryArray.from_arrays(
                    pa.array(employment), pa.array([e for _, e, _ in self.payroll] or [""])
                ),
            }
        )
        cost: dict[str, float] = {}
        for c, amount in zip(np.repeat([c for c, _, _ in self.payroll], k), cents, strict=True):
            cost[c] = cost.get(c, 0.0) + amount / 100
        return table, cost

    def _invoices(
        self,
        m: date,
        period: str,
        cc: str,
        account: str,
        amount: float,
        sector: str | None,
        text: str,
        n: int | None = None,
    ) -> list[dict]:
        rng = self.ctx.rng
        if n is None:  # invoice lines: INVOICE_LINES_PER_RESIDENT over the month's (centre, account) pairs
            whole = int(self.lines_per_pair)
            n = max(1, whole + (1 if rng.random() < self.lines_per_pair - whole else 0))
        # The lines differ in amount (to the cent, summing to the amount) and an
        # invoice has one supplier: equal lines on one document are what
        # suspected_duplicate_postings reports as a posting booked twice.
        weights = [rng.uniform(0.5, 1.5) for _ in range(n)]
        total = sum(weights)
        cents = [round(amount * 100 * w / total) for w in weights]
        cents[-1] = round(amount * 100) - sum(cents[:-1])
        rows = []
        for i in range(n):
            if i % 3 == 0:  # up to three lines per invoice
                day = rand_date(rng, m, month_end(m))
                doc = f"{self.ctx.code}-OL{m.year}{m.month:02d}{self.seq + 1:06d}"
                supplier = rng.choice(self.companies) if sector == "S.11" else None
            rows.append(self._row(m, period, doc, day, account, cc, cents[i] / 100, sector, text, supplier))
        return rows

    def _internal_meals(self, m: date, period: str, centres: list[dict], roles: dict[str, str]) -> list[dict]:
        """Catering charges wards and 24-hour units; the two sides net to zero."""
        rng = self.ctx.rng
        eaters = [
            c["cost_center"]
            for c in centres
            if roles[c["cost_center"]]
            in ("IAK_TEHOSTETTU", "VAM_TEHOSTETTU", "ESH_SOMAATTINEN_OSASTO", "PTH_VUODEOSASTO", "ESH_PSYK_OSASTO")
        ]
        per_month = INTERNAL_MEALS_EUR_PER_RESIDENT * self.ctx.residents / 12
        doc = f"{self.ctx.code}-SIS{m.year}{m.month:02d}"
        day, rows, total = month_end(m), [], 0.0
        for cc in sorted(eaters):
            amount = round(per_month / len(eaters) * rng.uniform(0.8, 1.2), 2)
            total += amount
            rows.append(self._row(m, period, doc, day, "4410", cc, amount, None, "Sisäinen ateriaveloitus"))
        rows.append(
            self._row(
                m,
                period,
                doc,
                day,
                "4410",
                self.org.overhead["catering"],
                -round(total, 2),
                None,
                "Sisäinen ateriaveloitus",
            )
        )
        return rows


@dataclass
class LedgerTotals:
    """What the budget and the manifest need of the ledger (its rows are not kept)."""

    #: (year, cost centre, budget account) -> amount
    yearly: dict[tuple[int, str, str], float] = field(default_factory=dict)
    #: (year, cost centre) -> periods with postings
    months: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    operating_cost_eur: float = 0.0

    def add(self, rows: list[dict]) -> None:
        for r in rows:
            year = int(r["period"][:4])
            key = (year, r["cost_center"], _budget_account(r["account"]))
            self.yearly[key] = self.yearly.get(key, 0.0) + r["amount_eur"]
            self.months.setdefault((year, r["cost_center"]), set()).add(r["period"])
            if "4000" <= r["account"] <= "4995":
                self.operating_cost_eur += r["amount_eur"]


def write_ledger(ctx: Ctx, org: Org, staff: dict[tuple[str, date], list[tuple[str, float]]]) -> LedgerTotals:
    """One ``gl_entries`` file per month, a re-delivered March; returns the totals."""
    ledger, totals = Ledger(ctx, org, staff), LedgerTotals()
    cols = [
        "entry_id",
        "document_id",
        "posting_date",
        "period",
        "account",
        "cost_center",
        "amount_eur",
        "counterparty_sector",
        "counterparty_id",
        "description",
    ]
    for m in month_starts(ctx.start, ctx.end):
        rows = ledger.month(m)
        unknown = {r["account"] for r in rows} - ctx.accounts
        if unknown:  # pragma: no cover - a programming error, not a user error
            raise RuntimeError(f"accounts missing from the chart of accounts: {unknown}")
        totals.add(rows)
        first_year = m.year == ctx.first_year
        dialect = FINNISH if first_year and m.month in FINNISH_MONTHS else CANONICAL
        stem = f"gl_entries_{ctx.code}_{m.year}-{m.month:02d}"
        with CsvOut(ctx.out, ctx.manifest, "finance/gl_entries", ctx.path("finance", stem), cols, dialect) as out:
            if first_year and m.month == 8:
                out.plan_bad(
                    len(rows) // 2,
                    "invalid_number",
                    lambda r: dict(r, entry_id=r["entry_id"] + "-B1", amount_eur="12,3x"),
                )
            for r in rows:
                out.write(r)
        if first_year and m.month == REDELIVERED_MONTH:
            _redeliver(ctx, ledger, m, rows, cols)
        _write_payroll(ctx, ledger, m, dialect, totals)
    return totals


def _write_payroll(ctx: Ctx, ledger: Ledger, m: date, dialect: Dialect, totals: LedgerTotals) -> None:
    """The month's payroll postings in a file of their own, ``gl_entries_<county>_<YYYY-MM>_palkat``."""
    from tietopohja.generator.bulk import write_table

    table, cost = ledger.payroll_table(m)
    if not table.num_rows:
        return
    period = f"{m.year}-{m.month:02d}"
    for cc, amount in cost.items():
        totals.yearly[(m.year, cc, "4000")] = totals.yearly.get((m.year, cc, "4000"), 0.0) + amount
        totals.months.setdefault((m.year, cc), set()).add(period)
        totals.operating_cost_eur += amount
    date_fmt = "%-d.%-m.%Y" if dialect is FINNISH else "%Y-%m-%d"
    amount = "printf('%.2f', cents / 100.0)"
    stem = f"gl_entries_{ctx.code}_{period}_palkat"
    write_table(
        ctx,
        "finance/gl_entries",
        ctx.path("finance", stem),
        table,
        {
            "entry_id": f"'{ctx.code}-GL{m.year}{m.month:02d}-P' || lpad(CAST(seq AS VARCHAR), 7, '0')",
            "document_id": f"'{ctx.code}-PAL{m.year}{m.month:02d}'",
            "posting_date": f"strftime(posting_date, '{date_fmt}')",
            "period": f"'{period}'",
            "account": "account",
            "cost_center": "cost_center",
            "amount_eur": amount if dialect.decimal == "." else f"replace({amount}, '.', ',')",
            "counterparty_sector": "counterparty_sector",
            "counterparty_id": "counterparty_id",
            "description": f"text || ' {m.month:02d}/{m.year} ' || employment_id",
        },
        dialect,
    )


def _redeliver(ctx: Ctx, ledger: Ledger, m: date, rows: list[dict], cols: list[str]) -> None:
    """The same month again, a few amounts corrected and one entry added."""
    rng = ctx.rng
    fixed = set(rng.sample(range(len(rows)), min(5, len(rows))))
    stem = f"gl_entries_{ctx.code}_{m.year}-{m.month:02d}_redelivery"
    with CsvOut(ctx.out, ctx.manifest, "finance/gl_entries", ctx.path("finance", stem), cols) as out:
        for i, r in enumerate(rows):
            if i in fixed:
                r = dict(
                    r,
                    amount_eur=round(r["amount_eur"] * rng.uniform(0.85, 1.15), 2),
                    description=r["description"] + " (korjattu)",
                )
            out.write(r)
        extra = dict(rows[-1])
        ledger.seq = len(rows)
        extra.update(
            ledger._row(
                m,
                f"{m.year}-{m.month:02d}",
                extra["document_id"],
                extra["posting_date"],
                "4940",
                extra["cost_center"],
                125.40,
                "S.11",
                "Jälkikirjaus",
            )
        )
        out.write(extra)
    ctx.manifest.entity("finance/gl_entries")["superseded_rows"] += len(rows)


def _budget_account(account: str) -> str:
    return next(b for lo, hi, b in BUDGET_ACCOUNT_RANGES if lo <= account <= hi)


def write_budget(ctx: Ctx, org: Org, gl: LedgerTotals) -> None:
    """``budget`` for every month and two forecasts a year (``forecast_YYYY-MM``)."""
    rng = ctx.rng
    yearly, months_valid = gl.yearly, gl.months
    cols = ["version", "period", "cost_center", "account", "amount_eur"]
    dialect = FINNISH if ctx.county_index % 2 == 1 else CANONICAL
    with CsvOut(
        ctx.out, ctx.manifest, "finance/budget", ctx.path("finance", f"budget_{ctx.code}"), cols, dialect
    ) as out:
        for (year, cc, account), total in sorted(yearly.items()):
            periods = sorted(months_valid[(year, cc)])
            plan = total / len(periods) * rng.uniform(0.95, 1.03)
            for period in periods:
                out.write(
                    {
                        "version": "budget",
                        "period": period,
                        "cost_center": cc,
                        "account": account,
                        "amount_eur": round(plan, 2),
                    }
                )
            for made in (4, 9):
                change = rng.uniform(0.98, 1.08)
                for period in periods:
                    if int(period[5:]) > made:
                        out.write(
                            {
                                "version": f"forecast_{year}-{made:02d}",
                                "period": period,
                                "cost_center": cc,
                                "account": account,
                                "amount_eur": round(plan * change, 2),
                            }
                        )


def write_allocation_drivers(ctx: Ctx, org: Org) -> None:
    """Facilities by floor area every month, catering by meals in the first year.

    ICT has no drivers: the build falls back to the default key (HTV).
    """
    rng = ctx.rng
    area = {c["cost_center"]: float(rng.randint(150, 1800)) for c in org.service_centres()}
    if org.reorg:  # the new centre keeps the reorganised unit's premises
        area[org.reorg[2]] = area[org.reorg[1]]
    meals = {
        c["cost_center"]: rng.randint(400, 3000)
        for c in org.service_centres()
        if c["service_code"]
        in ("IAK_TEHOSTETTU", "VAM_TEHOSTETTU", "ESH_SOMAATTINEN_OSASTO", "PTH_VUODEOSASTO", "ESH_PSYK_OSASTO")
    }
    cols = ["period", "support_cost_center", "receiving_cost_center", "driver", "quantity"]
    with CsvOut(
        ctx.out, ctx.manifest, "finance/allocation_drivers", ctx.path("finance", f"allocation_drivers_{ctx.code}"), cols
    ) as out:
        for m in month_starts(ctx.start, ctx.end):
            period = f"{m.year}-{m.month:02d}"
            for c in sorted(org.service_centres(), key=lambda c: c["cost_center"]):
                if _valid(c, m):
                    out.write(
                        {
                            "period": period,
                            "support_cost_center": org.overhead["facilities"],
                            "receiving_cost_center": c["cost_center"],
                            "driver": "m2",
                            "quantity": area[c["cost_center"]],
                        }
                    )
            if m.year != ctx.first_year:
                continue
            for cc, n in sorted(meals.items()):
                out.write(
                    {
                        "period": period,
                        "support_cost_center": org.overhead["catering"],
                        "receiving_cost_center": cc,
                        "driver": "meals",
                        "quantity": float(round(n * rng.uniform(0.9, 1.1))),
                    }
                )
