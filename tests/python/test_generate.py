"""Tests of ``tietopohja generate``: contract conformance, determinism, manifest.

The checks here (hetu rule, headers, dialects) are written from the landing
contract, independently of the generator's own code.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from tietopohja import cli
from tietopohja.generator import generate
from tietopohja.generator.core import add_projections
from tietopohja.paths import REFERENCE_SEEDS_DIR, SEEDS_DIR

SMALL = {"residents": 200, "years": 1, "counties": ["01", "17"], "first_year": 2024}

#: the landing contract's columns per entity (canonical layout and the second HR layout)
CONTRACT = {
    "org/units": "unit_id unit_name cost_center service_code municipality_code is_24h_care valid_from valid_to",
    "finance/cost_centers": "cost_center cost_center_name division department section "
    "county_code service_code cost_center_kind valid_from valid_to",
    "finance/gl_entries": "entry_id document_id posting_date period account cost_center "
    "amount_eur counterparty_sector counterparty_id description",
    "finance/budget": "version period cost_center account amount_eur",
    "finance/allocation_drivers": "period support_cost_center receiving_cost_center driver quantity",
    "population/residents": "stat_date municipality_code sex age residents",
    "population/area_indicators": "year municipality_code indicator value",
    "population/projections": "projection year municipality_code sex age residents",
    "patient/contacts": "contact_id hetu home_municipality_code unit_id service_code "
    "contacted_at channel assessed_at urgency treatment_needed treatment_at",
    "patient/visits": "visit_id hetu home_municipality_code unit_id visit_at contact_type "
    "professional_group specialty diagnosis_icd10 diagnosis_icpc2 urgent "
    "production_mode",
    "patient/referrals": "referral_id hetu home_municipality_code unit_id specialty received_at "
    "assessment_started_at assessment_completed_at treatment_started_at "
    "cancelled_at",
    "patient/inpatient_episodes": "episode_id hetu home_municipality_code unit_id admitted_at "
    "discharged_at specialty main_diagnosis_icd10 production_mode",
    "patient/feedback": "feedback_id unit_id answered_at score",
    "social/cases": "case_id hetu home_municipality_code unit_id service_code pending_at "
    "assessment_started_at assessment_completed_at decision_at decision "
    "service_started_at urgent highest_care_allowance",
    "social/service_periods": "period_id hetu home_municipality_code unit_id service_code "
    "start_date end_date production_mode",
    "hr/employments": "employment_id employee_id cost_center title occupation_code "
    "employment_type start_date end_date end_reason work_time_pct",
    "hr/absences": "absence_id employment_id absence_type start_date end_date paid",
    "hr/work_hours": "work_date employment_id unit_id hours work_category",
    "hr/palvelussuhteet": "palvelussuhde_id henkilonumero kustannuspaikka nimike ammattiluokka "
    "palvelussuhteen_tyyppi alkupvm loppupvm paattymissyy "
    "tyoaikaprosentti",
    "hr/poissaolot": "poissaolo_id palvelussuhde_id poissaolon_laji alkupvm loppupvm palkallinen",
    "delivery/coverage": "county_code system entity first_month last_month",
}
CONTRACT = {k: v.split() for k, v in CONTRACT.items()}
KEY = {e: [cols[0]] for e, cols in CONTRACT.items()}
KEY.update(
    {
        "org/units": ["unit_id", "valid_from"],
        "finance/budget": ["version", "period", "cost_center", "account"],
        "finance/allocation_drivers": ["period", "support_cost_center", "receiving_cost_center"],
        "population/residents": ["stat_date", "municipality_code", "sex", "age"],
        "population/area_indicators": ["year", "municipality_code", "indicator"],
        "population/projections": ["projection", "year", "municipality_code", "sex", "age"],
        "hr/work_hours": ["work_date", "employment_id", "unit_id", "work_category"],
        "delivery/coverage": ["county_code", "system", "entity"],
    }
)
REQUIRED = {
    "patient/referrals": ["referral_id", "hetu", "home_municipality_code", "unit_id", "specialty", "received_at"],
    "finance/gl_entries": ["entry_id", "posting_date", "period", "account", "cost_center", "amount_eur"],
}
CONTACT_TYPES = {"R10", "R20", "R30", "R40", "R41", "R50", "R52", "R56", "R60", "R71", "R72", "R80", "R90"}
ABSENCE_TYPES = {
    "sick_leave",
    "training",
    "annual_leave",
    "family_leave",
    "unpaid_leave",
    "other",
    "sairausloma",
    "koulutus",
    "vuosiloma",
    "perhevapaa",
    "palkaton vapaa",
    "muu",
}
HETU_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$")
CENTURY = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}


def hetu_is_valid(hetu: str) -> bool:
    """The contract's rule: real date, individual number 002–999, mod-31 check char."""
    m = HETU_RE.match(hetu)
    if not m:
        return False
    dd, mm, yy, sign, zzz, check = m.groups()
    try:
        date(CENTURY[sign] + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    if int(zzz) < 2:
        return False
    return "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(dd + mm + yy + zzz) % 31] == check


def parse_date(v: str) -> date:
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", v):
        d, m, y = v.split(".")
        return date(int(y), int(m), int(d))
    return date.fromisoformat(v)


def parse_ts(v: str) -> datetime:
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}", v):
        return datetime.strptime(v, "%d.%m.%Y %H:%M")
    return datetime.strptime(v, "%Y-%m-%d %H:%M")


def parse_number(v: str) -> float:
    return float(v.replace(",", "."))


def entity_of(rel: str) -> str:
    system, name = rel.split("/")
    matches = [e for e in CONTRACT if e.startswith(system + "/") and name.startswith(e.split("/")[1])]
    assert matches, rel
    return max(matches, key=len)


def read_csv(path: Path) -> tuple[list[str], list[list[str]], str]:
    """Header, data rows and delimiter (dialect recognised from the header line)."""
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    return rows[0], rows[1:], delimiter


def read_rows(out: Path, rel: str) -> list[dict[str, str]]:
    """Data rows of a CSV or Parquet file as dicts of text."""
    if rel.endswith(".parquet"):
        con = duckdb.connect()
        try:
            cur = con.execute(f"SELECT * FROM read_parquet('{(out / rel).as_posix()}')")
            names = [d[0] for d in cur.description]
            return [{n: "" if v is None else str(v) for n, v in zip(names, r, strict=True)} for r in cur.fetchall()]
        finally:
            con.close()
    header, rows, _ = read_csv(out / rel)
    return [dict(zip(header, r, strict=True)) for r in rows]


@pytest.fixture(scope="module")
def landing(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("landing")
    manifest = generate(SMALL["residents"], SMALL["years"], SMALL["counties"], 7, out, SMALL["first_year"])
    return out, manifest


def all_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "_manifest.json")


def test_same_seed_same_bytes_other_seed_differs(tmp_path, landing):
    out, _ = landing
    again = tmp_path / "again"
    generate(SMALL["residents"], SMALL["years"], SMALL["counties"], 7, again, SMALL["first_year"])
    assert all_files(out) == all_files(again)
    for rel in all_files(out) + ["_manifest.json"]:
        assert (out / rel).read_bytes() == (again / rel).read_bytes(), rel
    other = tmp_path / "other"
    generate(SMALL["residents"], SMALL["years"], SMALL["counties"], 8, other, SMALL["first_year"])
    differing = [rel for rel in all_files(out) if (out / rel).read_bytes() != (other / rel).read_bytes()]
    assert "patient/visits_01_2024.csv" in differing


def test_layout_and_headers_follow_the_contract(landing):
    out, manifest = landing
    assert set(manifest["entities"]) == set(CONTRACT)
    for rel in all_files(out):
        assert re.fullmatch(r"[a-z]+/[a-z_]+[A-Za-z0-9_\-]*\.(csv|parquet)", rel), rel
        entity = entity_of(rel)
        header = list(read_rows(out, rel)[0]) if rel.endswith(".parquet") else read_csv(out / rel)[0]
        assert sorted(header) == sorted(CONTRACT[entity]), rel


def test_hetus_of_good_rows_are_valid(landing):
    out, manifest = landing
    bad = {(b["file"], b["line"]) for e in manifest["entities"].values() for b in e["bad_rows"]}
    seen = 0
    for rel in all_files(out):
        if not rel.startswith(("patient/", "social/")) or "feedback" in rel:
            continue
        for line, row in enumerate(read_rows(out, rel), start=2):
            if (rel, line) not in bad:
                assert hetu_is_valid(row["hetu"]), (rel, line, row["hetu"])
                seen += 1
    assert seen > 1000


def test_hetu_validator_itself():
    assert hetu_is_valid("131052-308T")
    assert hetu_is_valid("010594Y9032")  # new century sign
    assert not hetu_is_valid("131052-308U")  # wrong check char
    assert not hetu_is_valid("310224A0026")  # 31 February


def test_century_signs_and_temporary_numbers_occur(tmp_path):
    out = tmp_path / "big"
    generate(3000, 1, ["17"], 3, out, 2024)
    hetus = {r["hetu"] for r in read_rows(out, "patient/contacts_17.csv")}
    signs = {h[6] for h in hetus}
    assert {"-", "A"} <= signs and signs & set("YXWVUBCDEF")
    assert any(int(h[7:10]) >= 900 for h in hetus)


def test_manifest_counts_match_the_files(landing):
    out, manifest = landing
    listed = set()
    for name, e in manifest["entities"].items():
        listed |= set(e["files"])
        rows = sum(len(read_rows(out, rel)) for rel in e["files"])
        assert rows == e["rows_written"], name
        assert e["expected_staged"] == (e["rows_written"] - len(e["bad_rows"]) - e["superseded_rows"])
    assert listed == set(all_files(out))
    total_bad = sum(len(e["bad_rows"]) for e in manifest["entities"].values())
    assert 8 * 2 <= total_bad <= 15 * 2


def _defect(reason: str, entity: str, row: dict[str, str], earlier: list[dict]) -> bool:
    """Whether ``row`` really has the defect ``reason`` says."""

    def fails(parse, v):
        try:
            parse(v)
        except ValueError:
            return True
        return False

    if reason == "invalid_hetu":
        return not hetu_is_valid(row["hetu"])
    if reason == "invalid_date":
        return any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) and fails(parse_date, v) for v in row.values())
    if reason == "invalid_timestamp":
        return any(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", v) and fails(parse_ts, v) for v in row.values())
    if reason == "invalid_number":
        return fails(parse_number, row["amount_eur"])
    if reason == "missing_required":
        return any(row[c] == "" for c in REQUIRED[entity])
    if reason == "unknown_code":
        value = row.get("contact_type") or row.get("absence_type") or row.get("poissaolon_laji")
        return value not in CONTACT_TYPES | ABSENCE_TYPES
    if reason == "out_of_range":
        if "score" in row:
            return not 0 <= int(row["score"]) <= 10
        if "hours" in row:
            return not 0 <= parse_number(row["hours"]) <= 24
        pct = parse_number(row.get("work_time_pct") or row.get("tyoaikaprosentti"))
        return not 0 < pct <= 100
    if reason == "end_before_start":
        start = row.get("start_date") or row.get("alkupvm")
        end = row.get("end_date") or row.get("loppupvm")
        return parse_date(end) < parse_date(start)
    if reason == "duplicate_key_in_file":
        key = [row[k] for k in KEY[entity]]
        return any([r[k] for k in KEY[entity]] == key for r in earlier)
    raise AssertionError(f"unknown reason {reason}")


def test_bad_rows_are_where_the_manifest_says_and_are_bad(landing):
    out, manifest = landing
    for name, e in manifest["entities"].items():
        for b in e["bad_rows"]:
            rows = read_rows(out, b["file"])
            row = rows[b["line"] - 2]
            assert _defect(b["reason"], name, row, rows[: b["line"] - 2]), b
    reasons = {b["reason"] for e in manifest["entities"].values() for b in e["bad_rows"]}
    assert reasons == {
        "invalid_hetu",
        "invalid_date",
        "invalid_timestamp",
        "invalid_number",
        "missing_required",
        "unknown_code",
        "out_of_range",
        "end_before_start",
        "duplicate_key_in_file",
    }


def test_good_rows_have_unique_keys_per_entity(landing):
    out, manifest = landing
    for name, e in manifest["entities"].items():
        bad = {(b["file"], b["line"]) for b in e["bad_rows"]}
        winners: dict[tuple, str] = {}
        repeated = 0
        for rel in sorted(e["files"]):
            for line, row in enumerate(read_rows(out, rel), start=2):
                if (rel, line) in bad:
                    continue
                key = tuple(row[k] for k in KEY[name])
                if key in winners:
                    assert winners[key] != rel, (name, rel, line)  # never twice in one file
                    repeated += 1
                winners[key] = rel
        assert repeated == e["superseded_rows"], name


def test_finnish_locale_files(landing):
    out, _ = landing
    finnish = [
        "hr/palvelussuhteet_01.csv",
        "hr/poissaolot_17.csv",
        "patient/visits_01_2024.csv",
        "finance/gl_entries_17_2024-08.csv",
    ]
    for rel in finnish:
        header, rows, delimiter = read_csv(out / rel)
        assert delimiter == ";", rel
        dates = [v for r in rows for v in r if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}( .*)?", v)]
        assert dates and not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", v) for r in rows for v in r), rel
    rows = [r for c in ("01", "17") for r in read_rows(out, f"hr/palvelussuhteet_{c}.csv")]
    assert {r["palvelussuhteen_tyyppi"] for r in rows} <= {"vakinainen", "määräaikainen"}
    assert {r["paattymissyy"] for r in rows} <= {
        "",
        "irtisanoutuminen",
        "eläköityminen",
        "irtisanominen",
        "määräajan päättyminen",
        "sisäinen siirto",
        "muu",
    }
    canonical = read_csv(out / "patient/visits_17_2024.csv")
    assert canonical[2] == ","
    assert (out / "org/units_01.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_parquet_reads_back_with_native_types(landing):
    out, _ = landing
    con = duckdb.connect()
    try:
        cur = con.execute(f"SELECT * FROM read_parquet('{(out / 'hr').as_posix()}/*.parquet')")
        types = {d[0]: str(d[1]) for d in cur.description}
        assert cur.fetchall()
    finally:
        con.close()
    assert types["work_date"] == "DATE"
    assert types["hours"].startswith("DECIMAL")


def test_organisation_maps_completely(landing):
    out, _ = landing
    centres = {r["cost_center"]: r for c in ("01", "17") for r in read_rows(out, f"finance/cost_centers_{c}.csv")}
    with (SEEDS_DIR / "rules" / "service_catalogue.csv").open(encoding="utf-8") as fh:
        services = {r["service_code"] for r in csv.DictReader(fh)}
    units = [r for c in ("01", "17") for r in read_rows(out, f"org/units_{c}.csv")]
    for u in units:
        assert u["cost_center"] in centres and u["service_code"] in services
    for c in centres.values():
        assert (c["cost_center_kind"] == "service") == bool(c["service_code"])
    reorganised = [u for u in units if sum(v["unit_id"] == u["unit_id"] for v in units) > 1]
    assert len(reorganised) == 4  # one unit per county, two rows each
    unit_ids = {u["unit_id"] for u in units}
    for rel in ("patient/visits_17_2024.csv", "social/service_periods_01.csv"):
        assert {r["unit_id"] for r in read_rows(out, rel)} <= unit_ids
    ledger = {r["cost_center"] for c in ("01", "17") for r in read_rows(out, f"finance/gl_entries_{c}_2024-05.csv")}
    assert ledger <= set(centres)


def test_ledger_accounts_and_magnitude(landing):
    out, manifest = landing
    with (REFERENCE_SEEDS_DIR / "ref_chart_of_accounts.csv").open(encoding="utf-8") as fh:
        accounts = {r["account"] for r in csv.DictReader(fh) if r["year"] == "2023"}
    rows = [
        r
        for rel in manifest["entities"]["finance/gl_entries"]["files"]
        if "redelivery" not in rel
        for r in read_rows(out, rel)
    ]
    assert {r["account"] for r in rows} <= accounts
    cost = sum(
        parse_number(r["amount_eur"]) for r in rows if "4000" <= r["account"] <= "4995" and "x" not in r["amount_eur"]
    )
    per_resident = cost / (SMALL["residents"] * 2)
    assert 4000 <= per_resident <= 5500


def test_payroll_switch_both_systems(landing):
    out, manifest = landing
    switch = date.fromisoformat(manifest["counties"]["01"]["payroll_switch_date"])
    assert switch.day != 1
    old = {r["employment_id"]: r for r in read_rows(out, "hr/employments_01.csv")}
    new = {r["palvelussuhde_id"]: r for r in read_rows(out, "hr/palvelussuhteet_01.csv")}
    both = set(old) & set(new)
    assert both
    for i in both:
        assert parse_date(old[i]["start_date"]) == parse_date(new[i]["alkupvm"])
        assert old[i]["end_date"] == ""
    assert all(parse_date(r["start_date"]) < switch for r in old.values())
    ended = [r for r in old.values() if r["end_date"]]
    assert all(parse_date(r["end_date"]) < switch for r in ended)


def test_unknown_county_is_a_one_line_error(tmp_path, capsys):
    rc = cli.main(
        [
            "generate",
            "--residents",
            "200",
            "--years",
            "1",
            "--county",
            "99",
            "--seed",
            "1",
            "--out",
            str(tmp_path / "x"),
        ]
    )
    err = capsys.readouterr().err
    assert rc == 2
    assert err.count("\n") == 1 and "unknown county code '99'" in err


def test_refuses_to_overwrite_a_foreign_folder(tmp_path, capsys):
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    rc = cli.main(
        ["generate", "--residents", "200", "--years", "1", "--county", "01", "--seed", "1", "--out", str(tmp_path)]
    )
    assert rc == 2 and (tmp_path / "mine.txt").exists()
    assert "not empty" in capsys.readouterr().err


def test_manifest_is_at_the_landing_root(landing):
    out, _ = landing
    data = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert data["generator_args"]["counties"] == ["01", "17"]
    assert not list(out.glob("*/_manifest.json"))


@pytest.mark.parametrize(("county", "first_year", "years"), [("90", 2022, 3), ("21", 2023, 1)])
def test_small_and_early_counties_generate(tmp_path, county, first_year, years):
    """Tiny counties and years before the default organisation start still
    get staff, units and cost centres valid from the first day."""
    manifest = generate(150, years, [county], 3, tmp_path / "out", first_year)
    assert manifest["entities"]["hr/employments"]["rows_written"] > 0
    text = (tmp_path / "out" / "org" / f"units_{county}.csv").read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    valid_from = {row["valid_from"] for row in csv.DictReader(text.splitlines(), delimiter=delimiter)}
    first = {f"{first_year - 1}-01-01", f"1.1.{first_year - 1}"}
    assert valid_from & first, valid_from


def test_population_projection_is_the_last_year_end_aged_forward(tmp_path, landing):
    out, manifest = landing
    rows = read_rows(out, "population/projections_01.csv")
    # named after the seed; the 10 years after the last generated year-end (31.12.2024)
    assert {r["projection"] for r in rows} == {"synthetic_7"}
    assert sorted({int(r["year"]) for r in rows}) == list(range(2025, 2035))
    residents = read_rows(out, "population/residents_01.csv")
    last = sum(int(r["residents"]) for r in residents if r["stat_date"] == "2024-12-31")
    by_year = {}
    for r in rows:
        by_year[int(r["year"])] = by_year.get(int(r["year"]), 0) + float(r["residents"])
        assert float(r["residents"]) > 0 and 0 <= int(r["age"]) <= 100 and r["sex"] in ("1", "2")
    # births, deaths and migration change a county by at most a couple of per cent a year
    assert 0.97 * last < by_year[2025] < 1.03 * last
    assert all(0.97 < by_year[y + 1] / by_year[y] < 1.03 for y in range(2025, 2034))
    # newborns every year; the age-0 cohort of 2025 is 1-year-olds in 2026, a little fewer (deaths) or
    # more (migration), never doubled
    born = {y: sum(float(r["residents"]) for r in rows if r["year"] == str(y) and r["age"] == "0") for y in by_year}
    assert all(v > 0 for v in born.values())
    ones_2026 = sum(float(r["residents"]) for r in rows if r["year"] == "2026" and r["age"] == "1")
    assert 0.97 * born[2025] < ones_2026 < 1.03 * born[2025]
    # --projection-only writes the same projection into a folder that has none (the bundled sample's step)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    for rel in manifest["entities"]["population/projections"]["files"]:
        (copy / rel).unlink()
    entry = add_projections(copy)
    assert entry["files"] == manifest["entities"]["population/projections"]["files"]
    for rel in entry["files"]:
        assert (copy / rel).read_bytes() == (out / rel).read_bytes(), rel
