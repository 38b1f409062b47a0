"""delivery/coverage: the extraction window of each system the generator writes.

Every system's extract covers the generated years (``ctx.start`` … ``ctx.end``);
the population's year-ends begin with the one before the first year (31.12. of
``first_year - 1``), so the population covers that December too. Service periods
and employments that began before the window are in the extract (they were
open during it) but do not widen the coverage: that is what the file says.
"""

from __future__ import annotations

from tietopohja.generator.common import Ctx
from tietopohja.generator.writer import CsvOut

COLUMNS = ["county_code", "system", "entity", "first_month", "last_month"]


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def write_coverage(ctx: Ctx) -> None:
    """One row per system (empty entity = every entity of the system)."""
    first, last = _month(ctx.start.year, ctx.start.month), _month(ctx.end.year, ctx.end.month)
    rows = [
        ("finance", first, last),
        ("patient", first, last),
        ("social", first, last),
        ("hr", first, last),
        ("population", _month(ctx.first_year - 1, 12), last),
    ]
    with CsvOut(
        ctx.out, ctx.manifest, "delivery/coverage", ctx.path("delivery", f"coverage_{ctx.code}"), COLUMNS
    ) as out:
        for system, first_month, last_month in rows:
            out.write(
                {
                    "county_code": ctx.code,
                    "system": system,
                    "entity": None,
                    "first_month": first_month,
                    "last_month": last_month,
                }
            )
