"""The foundation on real builds: landing files → base → staging → mapping.

Two builds (session fixtures in conftest.py):

- ``small_build``: tests/landing/landing_small, a hand-made landing folder
  whose every file was written with known bad rows, dialects and edge cases.
  The expected values below were worked out by hand from those files.
- ``sample_build``: the bundled generated sample, checked against the
  generator's own record of what it wrote (``_manifest.json``).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from conftest import PSEUDONYM_KEY, plain
from tietopohja.paths import SAMPLE_LANDING_DIR

# --------------------------------------------------------------------------
# landing_small: quarantine and row accounting
# --------------------------------------------------------------------------

#: (entity, source_file, source_line, status, reason_code): every row of
#: landing_small that does not reach staging.
EXPECTED_QUARANTINE = {
    # E2 is delivered again in gl_entries_2024-01_redelivery.csv: the later file wins
    ("finance/gl_entries", "finance/gl_entries_2024-01.csv", 3, "superseded", "superseded"),
    # amount 'abc'
    ("finance/gl_entries", "finance/gl_entries_2024-01.csv", 7, "quarantined", "invalid_number"),
    # E1 again in the same file
    ("finance/gl_entries", "finance/gl_entries_2024-01.csv", 8, "quarantined", "duplicate_key_in_file"),
    # 30.2.2024
    ("finance/gl_entries", "finance/gl_entries_2024-02.csv", 4, "quarantined", "invalid_date"),
    # sex 3
    ("population/residents", "population/residents.csv", 10, "quarantined", "out_of_range"),
    # 010150-123B: wrong check character (should be A)
    ("patient/contacts", "patient/contacts.csv", 4, "quarantined", "invalid_hetu"),
    # contact type R99
    ("patient/visits", "patient/visits_2024-01.csv", 4, "quarantined", "unknown_code"),
    # 300224A1234: 30.02.2024 does not exist
    ("patient/visits", "patient/visits_2024-02.csv", 4, "quarantined", "invalid_hetu"),
    # assessment started (4.1.) before the referral arrived (5.1.)
    ("patient/referrals", "patient/referrals.csv", 3, "quarantined", "end_before_start"),
    # decision 'maybe'
    ("social/cases", "social/cases.csv", 3, "quarantined", "unknown_code"),
    # ends 1.2. before it starts 1.3.
    ("social/service_periods", "social/service_periods.csv", 4, "quarantined", "end_before_start"),
    # work time 130 %
    ("hr/employments", "hr/employments.csv", 4, "quarantined", "out_of_range"),
    # 'osa-aikainen' is not an employment type
    ("hr/palvelussuhteet", "hr/palvelussuhteet.csv", 4, "quarantined", "unknown_code"),
    # A5 ends 8.3. before it starts 10.3.
    ("hr/poissaolot", "hr/poissaolot.csv", 4, "quarantined", "end_before_start"),
    # 25 hours in a day
    ("hr/work_hours", "hr/work_hours.csv", 4, "quarantined", "out_of_range"),
}

#: entity -> (files_read, rows_read, staged, quarantined, superseded), counted by hand
EXPECTED_ACCOUNTING = {
    "org/units": (1, 5, 5, 0, 0),
    "finance/cost_centers": (1, 6, 6, 0, 0),
    "finance/gl_entries": (3, 12, 8, 3, 1),
    "finance/budget": (1, 2, 2, 0, 0),
    "finance/allocation_drivers": (0, 0, 0, 0, 0),
    "population/residents": (1, 9, 8, 1, 0),
    "population/area_indicators": (0, 0, 0, 0, 0),
    "population/projections": (0, 0, 0, 0, 0),
    "patient/contacts": (1, 3, 2, 1, 0),
    "patient/visits": (2, 6, 4, 2, 0),
    "patient/referrals": (1, 2, 1, 1, 0),
    "patient/inpatient_episodes": (1, 2, 2, 0, 0),
    "patient/feedback": (0, 0, 0, 0, 0),
    "social/cases": (1, 2, 1, 1, 0),
    "social/service_periods": (1, 3, 2, 1, 0),
    "hr/employments": (1, 3, 2, 1, 0),
    "hr/palvelussuhteet": (1, 3, 2, 1, 0),
    "hr/absences": (1, 3, 3, 0, 0),
    "hr/poissaolot": (1, 3, 2, 1, 0),
    "hr/work_hours": (1, 3, 2, 1, 0),
    "delivery/coverage": (0, 0, 0, 0, 0),  # optional: landing_small declares no coverage
}


def test_small_quarantine_is_exactly_the_known_bad_rows(small_build):
    rows = small_build.query(
        "select entity, source_file, source_line, status, reason_code from marts.landing_quarantine"
    )
    assert len(rows) == len(set(rows)), "a landing row is in the quarantine twice"
    assert set(rows) == EXPECTED_QUARANTINE


def test_small_quarantine_names_the_failing_column(small_build):
    reasons = dict(
        ((f, line), r)
        for f, line, r in small_build.query("select source_file, source_line, reasons from marts.landing_quarantine")
    )
    assert reasons[("finance/gl_entries_2024-01.csv", 7)] == "invalid_number(amount_eur)"
    assert reasons[("population/residents.csv", 10)] == "out_of_range(sex)"
    assert reasons[("patient/referrals.csv", 3)] == "end_before_start(assessment_started_at)"
    assert reasons[("hr/palvelussuhteet.csv", 4)] == "unknown_code(employment_type)"
    assert reasons[("finance/gl_entries_2024-01.csv", 3)] == (
        "superseded: the key was delivered again in finance/gl_entries_2024-01_redelivery.csv"
    )


def test_small_row_accounting(small_build):
    rows = small_build.query(
        "select entity, files_read, rows_read, rows_staged, rows_quarantined, rows_superseded "
        "from marts.landing_row_accounting"
    )
    got = {r[0]: tuple(r[1:]) for r in rows}
    assert got == EXPECTED_ACCOUNTING
    for entity, (_, read, staged, quarantined, superseded) in got.items():
        assert read == staged + quarantined + superseded, entity


@pytest.mark.parametrize(
    ("model", "rows"),
    [
        ("stg_org__units", 5),
        ("stg_finance__cost_centers", 6),
        ("stg_finance__gl_entries", 8),
        ("stg_finance__budget", 2),
        ("stg_population__residents", 8),
        ("stg_patient__contacts", 2),
        ("stg_patient__visits", 4),
        ("stg_patient__referrals", 1),
        ("stg_patient__inpatient_episodes", 2),
        ("stg_social__cases", 1),
        ("stg_social__service_periods", 2),
        ("stg_hr__employments", 3),  # T1 (both layouts), T2, T4
        ("stg_hr__absences", 4),  # A1, A2, A3 (both layouts), A4
        ("stg_hr__work_hours", 2),
        # optional entities not delivered: the models exist and are empty
        ("stg_finance__allocation_drivers", 0),
        ("stg_patient__feedback", 0),
        ("stg_population__area_indicators", 0),
        ("stg_population__projections", 0),
    ],
)
def test_small_staging_row_counts(small_build, model, rows):
    assert small_build.scalar(f"select count(*) from staging.{model}") == rows


# --------------------------------------------------------------------------
# landing_small: dialects, re-delivery, normalisation
# --------------------------------------------------------------------------


def _gl(small_build) -> dict[str, tuple]:
    rows = small_build.query(
        "select entry_id, posting_date, amount_eur, description, _source_file, _source_line "
        "from staging.stg_finance__gl_entries"
    )
    return {r[0]: r[1:] for r in rows}


def test_finnish_dialect_numbers_and_dates(small_build):
    gl = _gl(small_build)
    # gl_entries_2024-02.csv: ';', decimal comma, space thousands, D.M.YYYY; BOM and CRLF
    assert gl["E7"][:2] == (date(2024, 2, 15), Decimal("10500.25"))  # '10 500,25'
    assert gl["E8"][:2] == (date(2024, 2, 29), Decimal("2000.00"))  # '29.2.2024', '2000,00'
    assert gl["E10"][:2] == (date(2024, 2, 29), Decimal("1000.00"))  # '"1 000,00"'
    # the BOM did not leak into the first column's name: E7 on line 2 was read by name
    assert gl["E7"][3:] == ("finance/gl_entries_2024-02.csv", 2)
    # CRLF: the last column has no carriage return
    assert gl["E7"][2] == "Palkat"


def test_quoted_delimiters_are_kept(small_build):
    gl = _gl(small_build)
    assert gl["E4"][2] == "Laitteet, näytöt"  # ',' inside quotes, canonical file
    assert gl["E10"][2] == "Palkat; helmikuu"  # ';' inside quotes, Finnish file


def test_finnish_timestamp_and_booleans(small_build):
    rows = small_build.query("select visit_id, visit_at, urgent from staging.stg_patient__visits")
    got = {r[0]: r[1:] for r in rows}
    assert got["V4"] == (datetime(2024, 2, 12, 9, 15), False)  # '12.2.2024 9:15', 'ei'
    assert got["V5"] == (datetime(2024, 2, 13, 14, 0), True)  # 'kyllä'
    assert got["V1"] == (datetime(2024, 1, 10, 10, 0), False)


def test_redelivery_wins(small_build):
    gl = _gl(small_build)
    assert gl["E2"] == (
        date(2024, 1, 20),
        Decimal("5100.50"),
        "Ostopalvelu korjattu",
        "finance/gl_entries_2024-01_redelivery.csv",
        2,
    )
    # the first valid E1 stays; its duplicate on line 8 (99999.00) does not
    assert gl["E1"][1:] == (Decimal("10000.00"), "Palkat", "finance/gl_entries_2024-01.csv", 2)
    assert sum(v[1] for v in gl.values()) == Decimal("10000.00") + Decimal("5100.50") - Decimal("800.00") + Decimal(
        "1200.00"
    ) + Decimal("3000.00") + Decimal("10500.25") + Decimal("2000.00") + Decimal("1000.00")


def test_code_normalisation(small_build):
    visits = {
        r[0]: r[1:]
        for r in small_build.query(
            "select visit_id, contact_type, professional_group, diagnosis_icd10, home_municipality_code "
            "from staging.stg_patient__visits"
        )
    }
    assert visits["V2"][:2] == ("R50", "nurse")  # 'r50', 'Nurse'
    assert visits["V1"][2] == "E119"  # 'E11.9'
    assert visits["V5"][2] == "F321"  # 'F32.1'
    episodes = dict(
        small_build.query("select episode_id, main_diagnosis_icd10 from staging.stg_patient__inpatient_episodes")
    )
    assert episodes == {"EP1": "I251", "EP2": "I219"}
    counties = dict(small_build.query("select cost_center, county_code from staging.stg_finance__cost_centers"))
    assert counties["CC_PTH"] == "01"  # delivered as '1'
    assert set(counties.values()) == {"01"}
    units = small_build.query(
        "select unit_id, valid_from, service_code, is_24h_care from staging.stg_org__units order by unit_id, valid_from"
    )
    # 'esh_somaattinen_osasto' upper-cased; '0' / missing booleans
    assert (
        "U_OSA",
        date(2024, 2, 1),
        "ESH_SOMAATTINEN_OSASTO",
        False,
    ) in units
    assert ("U_SUU", date(2020, 1, 1), "SUUN_TH", False) in units
    assert ("U_TEH", date(2020, 1, 1), "IAK_TEHOSTETTU", True) in units


def test_lower_case_hetu_is_accepted_upper_cased(small_build):
    """V2's hetu is delivered as '030310a331l': staged, pseudonymised as '030310A331L'."""
    expected = hashlib.sha256(f"{PSEUDONYM_KEY}|person|030310A331L".encode()).hexdigest()[:32]
    row = small_build.query(
        "select person_pseudonym, birth_date, sex from staging.stg_patient__visits where visit_id = 'V2'"
    )
    assert row == [(expected, date(2010, 3, 3), 1)]


# --------------------------------------------------------------------------
# landing_small: the two HR layouts merged
# --------------------------------------------------------------------------


def test_hr_employments_merged(small_build):
    rows = small_build.query(
        "select employment_id, source_layout, start_date, end_date, end_reason, employment_type, work_time_pct, "
        "cost_center from staging.stg_hr__employments"
    )
    got = {r[0]: r[1:] for r in rows}
    assert set(got) == {"T1", "T2", "T4"}  # T3 (130 %) and T5 ('osa-aikainen') quarantined
    # T1 in both layouts: earliest start, the end from the second system ('eläköityminen')
    assert got["T1"] == ("both", date(2020, 1, 1), date(2024, 4, 30), "retirement", "permanent", Decimal(100), "CC_PTH")
    assert got["T2"] == (
        "employments",
        date(2022, 6, 1),
        date(2024, 1, 31),
        "resignation",
        "permanent",
        Decimal(80),
        "CC_TEH",
    )
    # 'määräaikainen', '75,5' in the Finnish layout
    assert got["T4"] == ("palvelussuhteet", date(2024, 2, 16), None, None, "fixed_term", Decimal("75.5"), "CC_ICT")


def test_hr_absences_merged(small_build):
    rows = small_build.query(
        "select absence_id, employment_id, absence_type, start_date, end_date, paid, source_layout "
        "from staging.stg_hr__absences"
    )
    got = {r[0]: r[1:] for r in rows}
    assert got == {
        "A1": ("T1", "sick_leave", date(2024, 1, 8), date(2024, 1, 10), True, "absences"),
        "A2": ("T2", "annual_leave", date(2024, 1, 15), date(2024, 1, 19), True, "absences"),  # paid '1'
        # in both layouts: once, from the newer system (ends 16.2., not 15.2.)
        "A3": ("T1", "training", date(2024, 2, 14), date(2024, 2, 16), True, "poissaolot"),
        "A4": ("T4", "unpaid_leave", date(2024, 3, 1), date(2024, 3, 5), False, "poissaolot"),  # 'ei'
    }


def test_employee_pseudonyms_replace_personnel_numbers(small_build):
    got = dict(small_build.query("select employment_id, employee_pseudonym from staging.stg_hr__employments"))
    for employment_id, number in {"T1": "1001", "T2": "1002", "T4": "1004"}.items():
        assert got[employment_id] == hashlib.sha256(f"{PSEUDONYM_KEY}|employee|{number}".encode()).hexdigest()[:32]
    cols = [r[0] for r in small_build.query("describe staging.stg_hr__employments")]
    assert "employee_id" not in cols


# --------------------------------------------------------------------------
# landing_small: person columns derived from the hetu
# --------------------------------------------------------------------------

#: every valid hetu of the fixture: birth date and sex worked out by hand
FIXTURE_PERSONS = {
    "010150-123A": (date(1950, 1, 1), 1),  # 123 odd: male
    "150685Y246C": (date(1985, 6, 15), 2),  # Y: 1900s; 246 even: female
    "030310A331L": (date(2010, 3, 3), 1),  # delivered lower-case
    "241219B9025": (date(2019, 12, 24), 2),  # B: 2000s; temporary number 902
    "290244-1118": (date(1944, 2, 29), 1),  # leap day
    "050530X2225": (date(1930, 5, 5), 2),
}

#: staging model, id column -> id -> hetu in the fixture files
FIXTURE_EVENTS = {
    ("stg_patient__contacts", "contact_id"): {"C1": "010150-123A", "C2": "150685Y246C"},
    ("stg_patient__visits", "visit_id"): {
        "V1": "010150-123A",
        "V2": "030310A331L",
        "V4": "241219B9025",
        "V5": "150685Y246C",
    },
    ("stg_patient__referrals", "referral_id"): {"R1": "050530X2225"},
    ("stg_patient__inpatient_episodes", "episode_id"): {"EP1": "050530X2225", "EP2": "290244-1118"},
    ("stg_social__cases", "case_id"): {"S1": "050530X2225"},
    ("stg_social__service_periods", "period_id"): {"SP1": "050530X2225", "SP2": "290244-1118"},
}


def _check_char(nine_digits: str) -> str:
    return "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(nine_digits) % 31]


def test_fixture_hetus_are_what_the_fixture_claims():
    """Guards the fixture itself: the valid codes are valid, the bad ones bad."""
    assert _check_char("131052308") == "T"  # the textbook example 131052-308T
    for hetu in FIXTURE_PERSONS:
        assert _check_char(hetu[:6] + hetu[7:10]) == hetu[10], hetu
    assert _check_char("010150123") == "A"  # so contacts.csv's 010150-123B is wrong


@pytest.mark.parametrize(("model", "id_column"), list(FIXTURE_EVENTS))
def test_person_columns(small_build, model, id_column):
    rows = small_build.query(f"select {id_column}, person_pseudonym, birth_date, sex from staging.{model}")
    expected = {}
    for event_id, hetu in FIXTURE_EVENTS[(model, id_column)].items():
        pseudonym = hashlib.sha256(f"{PSEUDONYM_KEY}|person|{hetu}".encode()).hexdigest()[:32]
        expected[event_id] = (pseudonym, *FIXTURE_PERSONS[hetu])
    assert {r[0]: r[1:] for r in rows} == expected


def test_same_person_same_pseudonym_across_systems(small_build):
    """050530X2225 has a referral, a ward episode, a social case and a service period."""
    pseudonyms = set()
    for model, id_column, event_id in [
        ("stg_patient__referrals", "referral_id", "R1"),
        ("stg_patient__inpatient_episodes", "episode_id", "EP1"),
        ("stg_social__cases", "case_id", "S1"),
        ("stg_social__service_periods", "period_id", "SP1"),
    ]:
        pseudonyms.add(
            small_build.scalar(f"select person_pseudonym from staging.{model} where {id_column} = ?", [event_id])
        )
    assert len(pseudonyms) == 1


# --------------------------------------------------------------------------
# landing_small: mapping
# --------------------------------------------------------------------------


def _events(small_build) -> dict[tuple[str, str], tuple]:
    rows = small_build.query(
        "select event_type, event_id, unit_match, cost_center, service_code, segment, age_at_event, county_code "
        "from intermediate.int_client_events_mapped"
    )
    return {(r[0], r[1]): r[2:] for r in rows}


def test_mapping_follows_unit_validity(small_build):
    events = _events(small_build)
    # U_OSA books to CC_ESH until 31.1.2024 and to CC_ESH2 from 1.2.2024
    assert events[("inpatient_episode", "EP1")][:3] == ("valid", "CC_ESH2", "ESH_SOMAATTINEN_OSASTO")  # 1.3.2024
    assert events[("inpatient_episode", "EP2")][:3] == ("valid", "CC_ESH2", "ESH_SOMAATTINEN_OSASTO")  # 10.2.2024
    assert events[("referral", "R1")][:3] == ("valid", "CC_ESH", "ESH_SOMAATTINEN_OSASTO")  # received 3.1.2024


def test_mapping_segments_by_age(small_build):
    events = _events(small_build)
    assert events[("visit", "V1")][3:5] == ("elderly", 74)  # born 1.1.1950, visit 10.1.2024
    assert events[("visit", "V2")][3:5] == ("children_youth", 13)  # born 3.3.2010
    assert events[("visit", "V4")][3:5] == ("children_youth", 4)  # born 24.12.2019, visit 12.2.2024
    assert events[("visit", "V5")][3:5] == ("working_age", 38)  # born 15.6.1985, visit 13.2.2024
    assert events[("contact", "C2")][3:5] == ("working_age", 38)
    # IAK_TEHOSTETTU has the fixed segment 'elderly'
    assert events[("service_period", "SP2")][3] == "elderly"


def test_mapping_is_complete_on_small(small_build):
    events = _events(small_build)
    assert set(events) == {
        ("contact", "C1"),
        ("contact", "C2"),
        ("visit", "V1"),
        ("visit", "V2"),
        ("visit", "V4"),
        ("visit", "V5"),
        ("referral", "R1"),
        ("inpatient_episode", "EP1"),
        ("inpatient_episode", "EP2"),
        ("social_case", "S1"),
        ("service_period", "SP1"),
        ("service_period", "SP2"),
    }
    assert {v[0] for v in events.values()} == {"valid"}
    assert {v[5] for v in events.values()} == {"01"}
    assert small_build.scalar("select count(*) from marts.mapping_completeness") == 0


# --------------------------------------------------------------------------
# The bundled sample against the generator's manifest
# --------------------------------------------------------------------------

MANIFEST = json.loads((SAMPLE_LANDING_DIR / "_manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entity", sorted(MANIFEST["entities"]))
def test_sample_row_accounting_matches_manifest(sample_build, entity):
    spec = MANIFEST["entities"][entity]
    got = sample_build.query(
        "select files_read, rows_read, rows_staged, rows_quarantined, rows_superseded "
        "from marts.landing_row_accounting where entity = ?",
        [entity],
    )
    assert got == [
        (
            len(spec["files"]),
            spec["rows_written"],
            spec["expected_staged"],
            len(spec["bad_rows"]),
            spec["superseded_rows"],
        )
    ]


@pytest.mark.parametrize("entity", sorted(MANIFEST["entities"]))
def test_sample_bad_rows_are_quarantined_with_their_reason(sample_build, entity):
    spec = MANIFEST["entities"][entity]
    quarantined = set(
        sample_build.query(
            "select source_file, source_line, reason_code from marts.landing_quarantine "
            "where entity = ? and status = 'quarantined'",
            [entity],
        )
    )
    assert quarantined == {(b["file"], b["line"], b["reason"]) for b in spec["bad_rows"]}


def test_sample_superseded_rows_point_to_a_later_delivery(sample_build):
    rows = sample_build.query("select source_file, reasons from marts.landing_quarantine where status = 'superseded'")
    assert len(rows) == sum(e["superseded_rows"] for e in MANIFEST["entities"].values())
    for source_file, reasons in rows:
        later = reasons.removeprefix("superseded: the key was delivered again in ")
        assert later > source_file, (source_file, later)  # file-name order: the later file wins


def test_sample_every_entity_in_manifest(sample_build):
    entities = {r[0] for r in sample_build.query("select entity from marts.landing_row_accounting")}
    assert entities == set(MANIFEST["entities"])


def test_sample_maps_completely(sample_build):
    assert sample_build.query("select * from marts.mapping_completeness") == []


def test_sample_build_has_no_errors_or_failures(sample_build):
    out = plain(sample_build.result.output)
    assert re.search(r"Done\. PASS=\d+ WARN=\d+ ERROR=0 SKIP=0", out), out[-2000:]
    bad = [line for line in out.splitlines() if re.search(r"\b(FAIL|ERROR)\b(?!=)", line)]
    assert bad == []


def test_small_build_has_no_errors_or_failures(small_build):
    out = plain(small_build.result.output)
    assert re.search(r"Done\. PASS=\d+ WARN=\d+ ERROR=0 SKIP=0", out), out[-2000:]
