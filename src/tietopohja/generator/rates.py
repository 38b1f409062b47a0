"""The generator's volumes in one place: rates per resident and year, with their sources.

Every rate that sets how many rows the generator writes is here, with the
public figure it is calibrated to and where that figure comes from. Where no
public figure was found the rate is an assumption, said so, with the reason.
``tests/python/test_generator_rates.py`` checks that a generated county
realises these rates within a stated tolerance; the README's table lists them.

Population used to turn national totals into rates: 5.56 million residents
(31.12.2022, THL Sotkanet indicator 127, ``seeds/reference/ref_counties.csv``).
"""

from __future__ import annotations

# --------------------------------------------------------------------------
# Health care: events per resident and year (patient/*)
# --------------------------------------------------------------------------

#: Primary-care outpatient visits and remote contacts at the health stations
#: (``PTH_VASTAANOTTO``, Avohilmo "avosairaanhoito"): 15.7 million care events
#: in 2024 ÷ 5.6 million = 2.8 per resident. Source: THL, Perusterveydenhuollon
#: avohoito 2024 (statistical report, thl.fi/tilastot-ja-data/.../perusterveydenhuolto).
#: Part of them are the treatment visits that follow a contact (``CONTACT_RATE``).
PRIMARY_CARE_VISITS = 2.8

#: Oral-care visits (``SUUN_TH``): 4.9 million in 2022 ÷ 5.56 million = 0.88.
#: Source: THL, Terveyskeskuskäynnit vähenivät viidesosan vuonna 2022 (7.6.2023).
ORAL_CARE_VISITS = 0.88

#: Home-care visits (``IAK_KOTIHOITO`` units, contact type R20 home visit):
#: 38.7 million visits in 2019 ÷ 5.525 million = 7.0 per resident. Source: THL,
#: Kotihoito 2019 (statistical report, table 2: Kotihoidon käynnit 2018–2019).
#: The visits go to the clients of the generated home-care service periods.
HOME_CARE_VISITS = 7.0

#: Specialised-care outpatient visits (somatic outpatient clinics and
#: adult/youth psychiatry): about 2 per resident. Assumption: THL's Hilmo
#: report "Erikoissairaanhoito" was not readable here; the order of magnitude
#: (11 million outpatient contacts a year) is the report's usual total.
SPECIALISED_OUTPATIENT_VISITS = 2.0
#: of which emergency-department visits (``PAIVYSTYS``). Assumption (Hilmo
#: emergency-care visits, about 1.5 million a year): 0.27 per resident.
EMERGENCY_VISITS = 0.27
#: outpatient mental-health and substance-abuse services (``MTP_AVO``).
#: Assumption (no published per-resident figure found): 0.25.
MENTAL_HEALTH_VISITS = 0.25

#: Primary-care contacts with a care-need assessment (``patient/contacts``).
#: Assumption: every treatment need is first a contact; about one contact per
#: resident a year (52 % of residents were avosairaanhoito clients in 2024,
#: THL, op. cit.), a third of the contacts end without a later visit.
CONTACT_RATE = 1.0

#: Referrals to specialised care. Assumption: 0.15 per resident (most
#: specialised-care patients come by referral; about 830,000 patients a year).
REFERRAL_RATE = 0.15

#: Ward episodes (somatic specialised wards, health-centre wards, psychiatric
#: wards), readmissions included. Assumption calibrated to Hilmo's order of
#: magnitude (about 0.15 inpatient periods per resident a year; musculoskeletal
#: alone: 7 per 1,000, THL Somaattinen erikoissairaanhoito 2022, tunnusluvut
#: päädiagnooseittain M00–M99).
EPISODE_RATE = 0.12

#: Client feedback answers. Assumption: 0.2 per resident a year.
FEEDBACK_RATE = 0.2

#: visits of a home-care client per day by intensity class (share of regular
#: clients, visits a day). Source: THL, Kotihoito 2019, table 4 (käyntitaajuus:
#: under one a week 9,521; 1–2 a week 17,770; 3–6 a week 20,452; once a day
#: 23,7xx; more: the rest), Kotihoito 2022 (17 % three or more a day).
HOME_CARE_INTENSITY = (
    (0.08, 0.1),
    (0.16, 0.2),
    (0.18, 0.65),
    (0.21, 1.0),
    (0.20, 2.0),
    (0.17, 3.5),
)

# --------------------------------------------------------------------------
# Social care (social/*): prevalence of service periods by age
# --------------------------------------------------------------------------
# The programmes' shares (social.PROGRAMS) follow THL: regular home care
# 8 % of 75–84-year-olds, 30 % of 85–94 (Kotihoito 2022); 24-hour care about
# 9 % of the 75+ (Sosiaalihuollon laitos- ja asumispalvelut 2015). Cases: one
# per new period plus the case-only services below.

#: case-only services: (service, min age, max age, cases per eligible resident
#: and year). Assumption: working-age adult social work 1.2 %, client guidance
#: of the 75+ 5 % a year.
CASE_ONLY = [("TYOIKAISET_SOSTYO", 18, 64, 0.012), ("IAK_SOSTYO", 75, 100, 0.05)]

# --------------------------------------------------------------------------
# Personnel (hr/*)
# --------------------------------------------------------------------------

#: Staff per 1,000 residents by service or overhead role (24-hour housing:
#: per client, ``WORK_HOUR_STAFF_PER_CLIENT``). The total, about 46 per
#: 1,000 with the 24-hour units, follows the 227,000 wage earners who moved to
#: the counties in 2023 ÷ 4.9 million residents outside Helsinki. Source:
#: KT Kuntatyönantajat, KT-lehti 6/2023 "Henkilöstömäärä nousi
#: ennätyslukemiin" (Statistics Finland, Kuntasektorin palkat 2022). The split
#: by service is an assumption.
STAFF_PER_1000 = {
    "PTH_VASTAANOTTO": 4.5,
    "SUUN_TH": 2.3,
    "PAIVYSTYS": 2.5,
    "ESH_SOMAATTINEN_AVO": 5.0,
    "ESH_SOMAATTINEN_OSASTO": 7.0,
    "ESH_PSYK_AIKUISET": 1.4,
    "ESH_PSYK_OSASTO": 1.4,
    "ESH_PSYK_NUORET": 0.9,
    "PTH_VUODEOSASTO": 2.8,
    "MTP_AVO": 1.4,
    "IAK_KOTIHOITO": 5.0,
    "IAK_SOSTYO": 0.5,
    "LS_AVOHUOLTO": 1.4,
    "LS_PERHEHOITO": 0.4,
    "TYOIKAISET_SOSTYO": 1.4,
    "VAM_PAIVATOIMINTA": 0.8,
    "VAM_HENKILOKOHTAINEN_APU": 0.4,
    "ict": 0.8,
    "facilities": 1.2,
    "catering": 1.2,
    "admin": 2.0,
}
#: 24-hour units: staff per average client. The legal minimum is 0.6
#: (vanhuspalvelulaki 20 §, from 1.12.2023); with part-timers, absences
#: and fixed-term replacements a headcount of about twice that. Assumption.
WORK_HOUR_STAFF_PER_CLIENT = {"IAK_TEHOSTETTU": 1.2, "VAM_TEHOSTETTU": 0.9}
#: share of days a full-time employee of a 24-hour unit works (about 250 of
#: 365 days, less absences). Source: KVTES working time (38.25 h a week).
WORKED_DAY_SHARE = 0.69
#: absences per employee and year: sick-leave spells (up to 6 draws at 0.5:
#: about 3 spells, 12–15 days), training (about 1.6), annual leave (1–2).
#: Source for the level: KT Kuntatyönantajat, sickness absence in the
#: municipal sector about 18 days per person-year (Kunta10). The spells'
#: split is an assumption.
SICK_SPELL_DRAWS, SICK_SPELL_P = 6, 0.5

# --------------------------------------------------------------------------
# Ledger (finance/gl_entries) and organisation
# --------------------------------------------------------------------------

#: Payroll is posted per employment, month and account: salary (4000),
#: holiday-pay accrual (4060), pension (4110), social security (4190),
#: other side costs (4210). A county posts its payroll to the ledger per
#: employee and pay type; five accounts is the least. Assumption.
PAYROLL_ACCOUNTS_PER_EMPLOYMENT_MONTH = 5

#: Purchase-invoice lines per resident and year. Assumption (no published
#: figure found): a county of 550,000 receives about 350,000 purchase
#: invoices a year with 2–3 lines each, about 1.6 lines per resident. The
#: other non-staff costs (the ledger total follows
#: ``finance.TARGET_COST_PER_RESIDENT``) are split into that many lines.
INVOICE_LINES_PER_RESIDENT = 1.6

#: Organisation units per 1,000 residents by service (the hospital's clinics
#: and wards, home-care teams, housing units, health stations). Assumptions
#: from the national counts: about 370 health stations (1 per 15,000), about
#: 1,900 24-hour housing units for older people (THL, Sosiaalihuollon laitos-
#: ja asumispalvelut), home-care teams of 15–25 staff. Each scaled unit books
#: to a cost centre of its own: real counties have hundreds to thousands of
#: cost centres.
UNITS_PER_1000 = {
    "PTH_VASTAANOTTO": 0.067,
    "SUUN_TH": 0.08,
    "MTP_AVO": 0.05,
    "IAK_KOTIHOITO": 0.4,
    "IAK_TEHOSTETTU": 0.35,
    "VAM_TEHOSTETTU": 0.1,
    "ESH_SOMAATTINEN_AVO": 0.03,
    "ESH_SOMAATTINEN_OSASTO": 0.03,
}
