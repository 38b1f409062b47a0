"""Organisation: cost centres (division → department → section) and units.

One unit is reorganised during the period: its second row has a new
``valid_from`` and a new cost centre, the first row ends the day before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from tietopohja.generator.common import Ctx
from tietopohja.generator.rates import UNITS_PER_1000
from tietopohja.generator.writer import CsvOut

HEALTH, SOCIAL = "Terveyspalvelut", "Sosiaalipalvelut"
SUPPORT, ADMIN = "Tukipalvelut", "Hallinto- ja konsernipalvelut"
#: service -> (division, department, section)
SERVICE_ORG = {
    "PTH_VASTAANOTTO": (HEALTH, "Perusterveydenhuolto", "Vastaanottopalvelut"),
    "SUUN_TH": (HEALTH, "Perusterveydenhuolto", "Suun terveydenhuolto"),
    "PTH_VUODEOSASTO": (HEALTH, "Perusterveydenhuolto", "Terveyskeskussairaala"),
    "PAIVYSTYS": (HEALTH, "Erikoissairaanhoito", "Päivystys"),
    "ESH_SOMAATTINEN_AVO": (HEALTH, "Erikoissairaanhoito", "Poliklinikat"),
    "ESH_SOMAATTINEN_OSASTO": (HEALTH, "Erikoissairaanhoito", "Vuodeosastot"),
    "ESH_PSYK_AIKUISET": (HEALTH, "Psykiatria", "Aikuispsykiatria"),
    "ESH_PSYK_OSASTO": (HEALTH, "Psykiatria", "Psykiatrinen osastohoito"),
    "ESH_PSYK_NUORET": (HEALTH, "Psykiatria", "Lasten- ja nuorisopsykiatria"),
    "MTP_AVO": (SOCIAL, "Mielenterveys- ja päihdepalvelut", "Avopalvelut"),
    "IAK_KOTIHOITO": (SOCIAL, "Ikääntyneiden palvelut", "Kotihoito"),
    "IAK_TEHOSTETTU": (SOCIAL, "Ikääntyneiden palvelut", "Ympärivuorokautinen hoiva"),
    "IAK_SOSTYO": (SOCIAL, "Ikääntyneiden palvelut", "Asiakasohjaus"),
    "LS_AVOHUOLTO": (SOCIAL, "Perhe- ja sosiaalipalvelut", "Lastensuojelu"),
    "LS_PERHEHOITO": (SOCIAL, "Perhe- ja sosiaalipalvelut", "Lastensuojelu"),
    "TYOIKAISET_SOSTYO": (SOCIAL, "Perhe- ja sosiaalipalvelut", "Aikuissosiaalityö"),
    "VAM_TEHOSTETTU": (SOCIAL, "Vammaispalvelut", "Asumispalvelut"),
    "VAM_PAIVATOIMINTA": (SOCIAL, "Vammaispalvelut", "Päivä- ja työtoiminta"),
    "VAM_HENKILOKOHTAINEN_APU": (SOCIAL, "Vammaispalvelut", "Henkilökohtainen apu"),
}
#: (service, unit name ({m} = municipality), placement, own cost centre per unit)
#: placement: "main" = largest municipality, "bigN" = the N largest
UNIT_TEMPLATES = [
    ("PTH_VASTAANOTTO", "{m} terveysasema", "big3", True),
    ("SUUN_TH", "{m} hammashoitola", "big2", False),
    ("PAIVYSTYS", "Yhteispäivystys", "main", False),
    ("ESH_SOMAATTINEN_AVO", "Sisätautien poliklinikka", "main", False),
    ("ESH_SOMAATTINEN_AVO", "Kirurgian poliklinikka", "main", False),
    ("ESH_SOMAATTINEN_OSASTO", "Sisätautien osasto", "main", False),
    ("ESH_SOMAATTINEN_OSASTO", "Kirurginen osasto", "main", False),
    ("ESH_PSYK_AIKUISET", "Psykiatrian poliklinikka", "main", False),
    ("ESH_PSYK_OSASTO", "Psykiatrian osasto", "main", False),
    ("ESH_PSYK_NUORET", "Nuorisopsykiatrian poliklinikka", "main", False),
    ("PTH_VUODEOSASTO", "Terveyskeskussairaalan osasto", "main", False),
    ("MTP_AVO", "Mielenterveys- ja päihdepalvelut {m}", "big2", False),
    ("IAK_KOTIHOITO", "Kotihoito {m}", "big2", True),
    ("IAK_KOTIHOITO", "Kotihoito, ostopalvelut ja palveluseteli", "main", False),
    ("IAK_TEHOSTETTU", "Palvelukoti {m}", "big2", True),
    ("IAK_SOSTYO", "Ikäihmisten asiakasohjaus", "main", False),
    ("LS_AVOHUOLTO", "Lastensuojelun avohuolto", "main", False),
    ("LS_PERHEHOITO", "Perhehoito", "main", False),
    ("TYOIKAISET_SOSTYO", "Aikuissosiaalityö", "main", False),
    ("VAM_TEHOSTETTU", "Asumisyksikkö Kotipesä", "main", False),
    ("VAM_PAIVATOIMINTA", "Päivätoimintakeskus", "main", False),
    ("VAM_HENKILOKOHTAINEN_APU", "Henkilökohtaisen avun yksikkö", "main", False),
]
#: support and administration centres: (name, kind, section, role)
OVERHEAD_CENTRES = [
    ("Tietohallinto", "support", "Tukipalvelut", "ict"),
    ("Tilapalvelut", "support", "Tukipalvelut", "facilities"),
    ("Ravintopalvelut", "support", "Tukipalvelut", "catering"),
    ("Hallinto ja johto", "administration", "Yleishallinto", "admin"),
]
#: the hierarchy starts before the generated period
ORG_VALID_FROM = date(2023, 1, 1)


@dataclass
class Org:
    """The generated organisation and handy lookups."""

    cost_centers: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)
    #: service -> unit rows (the current row of each unit)
    units_by_service: dict[str, list[dict]] = field(default_factory=dict)
    #: role (ict, facilities, catering, admin) -> cost centre code
    overhead: dict[str, str] = field(default_factory=dict)
    #: the reorganised unit: (unit_id, old cost centre, new cost centre, date)
    reorg: tuple[str, str, str, date] | None = None

    def own_units(self, service: str) -> list[dict]:
        """The service's units that are not purchased services (cached: the organisation is built first)."""
        cache = self.__dict__.setdefault("_own_units", {})
        if service not in cache:
            cache[service] = [u for u in self.units_by_service[service] if "ostopalvelut" not in u["unit_name"]]
        return cache[service]

    def purchased_units(self, service: str) -> list[dict]:
        """The service's purchased-service units (cached like ``own_units``)."""
        cache = self.__dict__.setdefault("_purchased_units", {})
        if service not in cache:
            cache[service] = [u for u in self.units_by_service[service] if "ostopalvelut" in u["unit_name"]]
        return cache[service]

    def local_units(self, service: str, municipality: str) -> list[dict]:
        """The service's own units in a municipality (cached)."""
        cache = self.__dict__.setdefault("_local_units", {})
        if service not in cache:
            by_muni: dict[str, list[dict]] = {}
            for u in self.own_units(service):
                by_muni.setdefault(u["municipality_code"], []).append(u)
            cache[service] = by_muni
        return cache[service].get(municipality, [])

    def cc(self, code: str) -> dict:
        return next(c for c in self.cost_centers if c["cost_center"] == code)

    def service_centres(self) -> list[dict]:
        return [c for c in self.cost_centers if c["cost_center_kind"] == "service"]

    def units_of_cc(self, code: str) -> list[dict]:
        return [u for u in self.units if u["cost_center"] == code]


def _placements(ctx: Ctx, placement: str, service: str, scaled: bool) -> list[tuple[str, str, int]]:
    """(municipality, name, number within the municipality) of a template's units.

    The placement gives the least ("main": one unit in the largest municipality,
    "bigN": one in each of the N largest); a scaled service has
    ``UNITS_PER_1000`` units per 1,000 residents, in the main municipality
    ("main") or spread over the municipalities by population.
    """
    munis = ctx.county.municipalities
    base = munis[:1] if placement == "main" else munis[: int(placement[3:])]
    n = round(UNITS_PER_1000.get(service, 0.0) * ctx.residents / 1000) if scaled else 0
    if n <= len(base):
        return [(m, name, 1) for m, name, _ in base]
    if placement == "main":
        m, name, _ = munis[0]
        return [(m, name, k) for k in range(1, n + 1)]
    total = sum(pop for *_, pop in munis) or 1
    counts = [max(round(n * pop / total), 1 if i < len(base) else 0) for i, (*_, pop) in enumerate(munis)]
    return [(m, name, k) for (m, name, _), c in zip(munis, counts, strict=True) for k in range(1, c + 1)]


def build_org(ctx: Ctx) -> Org:
    """Cost centres and units of the county (every unit maps to a centre)."""
    org, seq = Org(), {"1": 0, "2": 0, "8": 0, "9": 0}
    shared: dict[str, str] = {}

    # the organisation exists from a year before the first generated year
    # (ORG_VALID_FROM for the default 2024), earlier when the data start earlier
    org_valid_from = min(ORG_VALID_FROM, date(ctx.first_year - 1, 1, 1))

    def new_cc(
        name: str,
        division: str,
        department: str,
        section: str,
        service: str | None,
        kind: str,
        valid_from: date | None = None,
    ) -> str:
        digit = {HEALTH: "1", SOCIAL: "2", SUPPORT: "8"}.get(division, "9")
        seq[digit] += 1
        code = f"{ctx.code}-{digit}{seq[digit]:03d}"
        org.cost_centers.append(
            {
                "cost_center": code,
                "cost_center_name": name,
                "division": division,
                "department": department,
                "section": section,
                "county_code": ctx.code,
                "service_code": service,
                "cost_center_kind": kind,
                "valid_from": valid_from or org_valid_from,
                "valid_to": None,
            }
        )
        return code

    for service, template, placement, own_cc in UNIT_TEMPLATES:
        division, department, section = SERVICE_ORG[service]
        places = _placements(ctx, placement, service, scaled="ostopalvelut" not in template)
        for muni, muni_name, k in places:
            name = template.format(m=muni_name) + (f" {k}" if k > 1 else "")
            if own_cc or len(places) > 2:
                cc = new_cc(name, division, department, section, service, "service")
            elif service in org.units_by_service:  # books to the first unit's centre
                cc = org.units_by_service[service][0]["cost_center"]
            else:
                if service not in shared:
                    shared[service] = new_cc(
                        ctx.catalogue[service]["name_fi"], division, department, section, service, "service"
                    )
                cc = shared[service]
            unit = {
                "unit_id": ctx.next_id("U", 3),
                "unit_name": name,
                "cost_center": cc,
                "service_code": service,
                "municipality_code": muni,
                "is_24h_care": ctx.catalogue[service]["is_24h"] == "true",
                "valid_from": org_valid_from,
                "valid_to": None,
            }
            org.units.append(unit)
            org.units_by_service.setdefault(service, []).append(unit)
    for name, kind, section, role in OVERHEAD_CENTRES:
        division = SUPPORT if kind == "support" else ADMIN
        org.overhead[role] = new_cc(name, division, section, name, None, kind)
    _reorganise(ctx, org, new_cc)
    return org


def _reorganise(ctx: Ctx, org: Org, new_cc) -> None:
    """Move one unit (an own home-care unit if possible) to a new cost centre."""
    for service in ("IAK_KOTIHOITO", "PTH_VASTAANOTTO"):
        alone = [u for u in org.units_by_service[service] if len(org.units_of_cc(u["cost_center"])) == 1]
        if alone:
            unit = alone[-1]
            break
    else:  # pragma: no cover - every county has a health centre of its own
        return
    when = ctx.reorg_date
    old_cc = org.cc(unit["cost_center"])
    old_cc["valid_to"] = when - timedelta(days=1)
    section = "Kotiin annettavat palvelut" if unit["service_code"] == "IAK_KOTIHOITO" else old_cc["section"]
    code = new_cc(
        f"{unit['unit_name']} ({section.lower()})",
        old_cc["division"],
        old_cc["department"],
        section,
        unit["service_code"],
        "service",
        valid_from=when,
    )
    unit["valid_to"] = when - timedelta(days=1)
    moved = dict(unit, cost_center=code, valid_from=when, valid_to=None)
    org.units.insert(org.units.index(unit) + 1, moved)
    same = org.units_by_service[unit["service_code"]]
    same[same.index(unit)] = moved
    org.reorg = (unit["unit_id"], old_cc["cost_center"], code, when)


def cost_center_on(org: Org, unit_id: str, day: date) -> str:
    """The unit's cost centre valid on ``day``."""
    for u in org.units:
        if u["unit_id"] == unit_id and u["valid_from"] <= day and (u["valid_to"] is None or day <= u["valid_to"]):
            return u["cost_center"]
    raise KeyError(unit_id)


def write_org(ctx: Ctx, org: Org) -> None:
    """``org/units`` and ``finance/cost_centers``; the first county's units have a BOM."""
    cols = [
        "unit_id",
        "unit_name",
        "cost_center",
        "service_code",
        "municipality_code",
        "is_24h_care",
        "valid_from",
        "valid_to",
    ]
    with CsvOut(
        ctx.out, ctx.manifest, "org/units", ctx.path("org", f"units_{ctx.code}"), cols, bom=ctx.county_index == 0
    ) as out:
        for u in org.units:
            out.write(u)
    cols = [
        "cost_center",
        "cost_center_name",
        "division",
        "department",
        "section",
        "county_code",
        "service_code",
        "cost_center_kind",
        "valid_from",
        "valid_to",
    ]
    with CsvOut(
        ctx.out, ctx.manifest, "finance/cost_centers", ctx.path("finance", f"cost_centers_{ctx.code}"), cols
    ) as out:
        for c in sorted(org.cost_centers, key=lambda c: c["cost_center"]):
            out.write(c)
