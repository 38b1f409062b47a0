"""``tietopohja seeds``: rebuild the reference seeds from ``../shared/reference``.

The public reference files (Statistics Finland, THL, Valtiokonttori) are kept
as they were published; this command selects and renames their columns into
the project's seeds, so the seeds can be regenerated and diffed when a new
classification year is published. The rule tables (service catalogue,
care-guarantee deadlines, staffing minimums, segment age bands) are written
by hand from the specification and are not touched here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from tietopohja.errors import UserError
from tietopohja.paths import REFERENCE_SEEDS_DIR, SHARED_REFERENCE_DIR

#: Paavo age bands: column name -> (first age, last age)
PAAVO_AGE_BANDS = {
    "age_0_2": (0, 2),
    "age_3_6": (3, 6),
    "age_7_12": (7, 12),
    "age_13_15": (13, 15),
    "age_16_17": (16, 17),
    "age_18_19": (18, 19),
    "age_20_24": (20, 24),
    "age_25_29": (25, 29),
    "age_30_34": (30, 34),
    "age_35_39": (35, 39),
    "age_40_44": (40, 44),
    "age_45_49": (45, 49),
    "age_50_54": (50, 54),
    "age_55_59": (55, 59),
    "age_60_64": (60, 64),
    "age_65_69": (65, 69),
    "age_70_74": (70, 74),
    "age_75_79": (75, 79),
    "age_80_84": (80, 84),
    "age_85_plus": (85, 100),
}


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise UserError(f"reference file not found: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def build_seeds(src: Path = SHARED_REFERENCE_DIR, out: Path = REFERENCE_SEEDS_DIR) -> dict[str, int]:
    """Write the reference seeds; return rows written per seed."""
    written: dict[str, int] = {}

    kunta = _read(src / "kunta_hyvinvointialue_2023_2026.csv")
    written["ref_municipality_county"] = _write(
        out / "ref_municipality_county.csv",
        ["year", "municipality_code", "municipality_name_fi", "municipality_name_sv", "county_code", "county_name_fi"],
        sorted(
            (
                r["year"],
                r["kunta_code"],
                r["kunta_name_fi"],
                r["kunta_name_sv"],
                r["hyvinvointialue_code"],
                r["hyvinvointialue_name_fi"],
            )
            for r in kunta
        ),
    )

    counties = _read(src / "hyvinvointialueet.csv")
    written["ref_counties"] = _write(
        out / "ref_counties.csv",
        [
            "county_code",
            "county_name_fi",
            "county_name_sv",
            "county_name_en",
            "collaborative_area_code",
            "population_2022",
        ],
        (
            (
                r["hyvinvointialue_code"],
                r["hyvinvointialue_name_fi"],
                r["hyvinvointialue_name_sv"],
                r["hyvinvointialue_name_en"],
                r["yhteistyoalue_code"],
                r["pop_2022_sotkanet"],
            )
            for r in counties
        ),
    )

    aura = _read(src / "aura_palveluluokat_2021_2023.csv")
    written["ref_aura_service_classes"] = _write(
        out / "ref_aura_service_classes.csv",
        ["year", "aura_class", "aura_class_name_fi", "unspecified_parent_name_fi"],
        sorted((r["year"], r["palveluluokka"], r["nimi"], r["erittelematon_ylaluokka"]) for r in aura),
    )

    accounts = _read(src / "tililuettelo_tuloslaskelma_2021_2023.csv")
    written["ref_chart_of_accounts"] = _write(
        out / "ref_chart_of_accounts.csv",
        ["year", "account", "account_name_fi", "account_group_fi"],
        sorted((r["year"], r["tili"], r["nimi"], " ".join(r["tiliryhma"].split())) for r in accounts),
    )

    paavo = _read(src / "paavo_population_by_kunta_agegroup_sex_2018.csv")
    written["ref_population_age_bands_2018"] = _write(
        out / "ref_population_age_bands_2018.csv",
        ["municipality_code", "age_from", "age_to", "residents"],
        (
            (r["kunta_code"], lo, hi, r[col])
            for r in paavo
            if r["area_level"] == "kunta"
            for col, (lo, hi) in PAAVO_AGE_BANDS.items()
        ),
    )

    sotkanet = _read(src / "sotkanet_population_by_kunta_2000_2022.csv")
    written["ref_population_by_municipality"] = _write(
        out / "ref_population_by_municipality.csv",
        ["year", "municipality_code", "residents"],
        ((r["year"], r["kunta_code"], r["population"]) for r in sotkanet if r["year"] >= "2018"),
    )
    return written


def register(sub) -> None:
    p = sub.add_parser(
        "seeds",
        help="rebuild reference seeds from ../shared/reference",
        description="Rewrite the public reference seeds (seeds/reference/) from the reference files shipped "
        "beside the repository.",
    )
    p.add_argument(
        "--source",
        type=Path,
        default=SHARED_REFERENCE_DIR,
        help="folder of the public reference files (default: %(default)s)",
    )
    p.add_argument("--out", type=Path, default=REFERENCE_SEEDS_DIR, help="seed folder to write (default: %(default)s)")
    p.set_defaults(func=_run)


def _run(args) -> int:
    for name, n in build_seeds(args.source, args.out).items():
        print(f"{name}: {n} rows")
    return 0
