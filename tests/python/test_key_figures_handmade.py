"""Key figures of tests/landing/key_figures_handmade, computed by hand.

The folder holds one county (08 Pirkanmaa: municipalities 837 Tampere, 536
Nokia, 604 Pirkkala). Every number below was worked out from the files and
the definitions in ../shared/spec/minimum-data.md ("Published key figures",
"Calendar rules", "Availability", "Costs", "Personnel") and
../shared/spec/landing-contract.md, without reading the models.

Reporting periods: the earliest client event is referral R3/R4/R6 received on
2024-08-01, the latest events are in February 2025 (visits V16/V17 on
2025-02-28), so the months are 2024-08 ... 2025-02, the quarters 2024Q3,
2024Q4, 2025Q1 and the years 2024 and 2025. Open episodes/service periods run
to 2025-02-28 (README: "End of the data").

What the folder exercises (all contract-valid):
- Finnish-locale CSVs (`;`, decimal comma, `D.M.YYYY`, thousands space) with
  BOM and CRLF; Parquet files (gl_entries_2025-02, inpatient_episodes,
  work_hours) with native types;
- re-deliveries in later files (G2 in gl_entries_2025-01.csv, G13 in the
  Parquet file, V13 in visits_2025-02.csv, the 2025-01 budget row in
  budget_2025_korjaus.csv); keys repeated inside one file (G1, V8);
- bad rows that go to quarantine (G10 amount `12x`, V5 wrong check character,
  residents sex 3, SP9 and A7 end before start, F9 score 11);
- temporary hetu individual numbers 900-999 and century signs - A Y X;
- the second payroll layout overlapping the first (E2, E3 and absences B1/B2
  overlapping A2/A3).

Persons: P1 F b. 1990-03-15 (34), P2 M b. 2005-06-10 (19), P3 F b. 1940-02-02
(84), P4 M b. 1935-08-20 (89, home 837 until November, 604 from December),
P5 F b. 2012-12-01 (12), P6 M b. 1960-06-15 (64), P7 F b. 1950-07-07 (74),
P8 M b. 2002-01-20 (22 until 20.1.2025, then 23; a client of a 24-hour unit for
disabled people from 17.2.2025).

Also contract-valid format variations that must not change any figure:
columns in another order and optional columns left out (units without
valid_to, cost_centers without department/section/valid_*, contacts without
channel, visits_2025-01 without specialty/diagnoses/urgent), timestamps with
seconds, ISO dates inside a Finnish-locale file (referrals.csv), booleans
kyllä / 1 / 0 in canonical files.
"""

from __future__ import annotations

import pytest

from conftest import close, rel, row

AUG, SEP, OCT, NOV, DEC = "2024-08-01", "2024-09-01", "2024-10-01", "2024-11-01", "2024-12-01"
JAN, FEB = "2025-01-01", "2025-02-01"
Q3, Q4, Q1 = "2024-07-01", "2024-10-01", "2025-01-01"
Y24, Y25 = "2024-01-01", "2025-01-01"

# residents (Finnish-locale residents.csv; the sex-3 row is quarantined)
# 31.12.2023: 837 = 100+200+50 = 350, 536 = 80+40 = 120, 604 = 30+25+20 = 75 -> 545
# 31.12.2024: 837 = 105+195+48+3 = 351, 536 = 82+41 = 123, 604 = 31+25+19 = 75 -> 549
# A period uses the latest year-end on or before its last day (README choice):
# Aug-Nov 2024 and 2024Q3 -> 545; Dec 2024, 2024Q4, 2024, 2025 (all) -> 549.
R23, R24 = 545, 549

# ---- costs -----------------------------------------------------------------
# Ledger after re-deliveries (G2 8000 -> 8500 from gl_entries_2025-01.csv;
# G13 9000 -> 9100 from gl_entries_2025-02.parquet; G1 repeat and G10 quarantined):
# Nov: G1 20000 PTH, G2 8500 TEH (4300 purchased), G4 3000 ICT, G5 2000 TILA, G6 1000 HALL,
#      G7 12000 ESH, G8 5000 SUU = 51500; income G3 -1500
# Dec: G11 21000.50 PTH, G12 1200 SUU (4315 voucher), G13 9100 TEH, G15 3000 ICT, G16 1000 HALL,
#      G17 4000 ESH (4300 purchased), G18 100 ESH (4340 own) = 39400.50; income G14 -500.25;
#      G19 4996 700 is outside 4000-4995
# Jan: G21 22000 PTH, G22 10000 TEH, G23 3000 ICT, G24 2000 TILA, G25 6000 ESH = 43000; income G26 -1000
# Feb: G31 20000 PTH, G32 3000 SOS, G33 1000 HALL = 24000
OPC = {NOV: 51500.0, DEC: 39400.50, JAN: 43000.0, FEB: 24000.0}

# Paid HTV-days (days x work_time_pct/100) by cost centre, used as the allocation key.
# Nov (30 d): PTH E1 30 + E4 (11.-30.11. = 20 d x 0.5) 10 = 40; TEH E2 30 x 0.8 = 24; ESH E3 30;
#             SOS E6 30; ICT E7 30 -> service centres 124, county 154
# Dec (31 d): PTH 31 + 15.5 = 46.5; TEH E2 24.8 + E5 (16.-31.12. = 16) = 40.8; ESH 31; SOS 31;
#             ICT 31 -> service 149.3, county 180.3
# Jan (31 d): PTH 31 + E4 (31 - 5 unpaid) x 0.5 = 13 -> 44; TEH 24.8 + 31 = 55.8; ESH E3 1.-15.1. = 15;
#             SOS E6 1.-19.1. = 19; ICT 31 -> service 133.8, county 164.8
# Feb (28 d): PTH 28 + E4 1.-10.2. 5 = 33; TEH 22.4 + E5 1.-14.2. 14 = 36.4; ICT 28 -> service 69.4, county 97.4
ALLOC = {
    # Nov: TILA 2000 by drivers 300:100 m2 -> PTH 1500, TEH 500; ICT 3000 + HALL 1000 = 4000 by HTV
    (NOV, "PTH_VASTAANOTTO"): 20000 + 1500 + 4000 * 40 / 124,
    (NOV, "IAK_TEHOSTETTU"): 8500 + 500 + 4000 * 24 / 124,
    (NOV, "ESH_SOMAATTINEN_OSASTO"): 12000 + 4000 * 30 / 124,
    (NOV, "IAK_SOSTYO"): 4000 * 30 / 124,
    (NOV, "SUUN_TH"): 5000.0,
    # Dec: no drivers -> ICT 3000 + HALL 1000 by HTV (149.3)
    (DEC, "PTH_VASTAANOTTO"): 21000.50 + 4000 * 46.5 / 149.3,
    (DEC, "IAK_TEHOSTETTU"): 9100 + 4000 * 40.8 / 149.3,
    (DEC, "ESH_SOMAATTINEN_OSASTO"): 4100 + 4000 * 31 / 149.3,
    (DEC, "IAK_SOSTYO"): 4000 * 31 / 149.3,
    (DEC, "SUUN_TH"): 1200.0,
    # Jan: TILA 2000 by m2 300:100:100 -> 1200/400/400; ICT 3000 by ict_users PTH 3, SOS 1, TEH 0 -> 2250/750
    (JAN, "PTH_VASTAANOTTO"): 22000 + 1200 + 2250,
    (JAN, "IAK_TEHOSTETTU"): 10000 + 400,
    (JAN, "ESH_SOMAATTINEN_OSASTO"): 6000 + 400,
    (JAN, "IAK_SOSTYO"): 750.0,
    # Feb: HALL 1000 by HTV: PTH 33, TEH 36.4 (69.4)
    (FEB, "PTH_VASTAANOTTO"): 20000 + 1000 * 33 / 69.4,
    (FEB, "IAK_TEHOSTETTU"): 1000 * 36.4 / 69.4,
    (FEB, "IAK_SOSTYO"): 3000.0,
}

# clients (distinct persons with a visit of any contact type, a care day or a service day)
# Nov: P1 (V1, V2), P4 (V3), P3 (SP1), P7 (EP1) = 4
# Dec: P2 (V6), P1 (V7), P4 (V8, SP2), P3 (SP1), P7 (EP1, EP2) = 5
# Jan: P1 (V9, V10), P2 (V11), P6 (V12), P4 (V13, SP2), P3 (SP1, EP3), P7 (EP2 1.-2.1.) = 6
# Feb: P5 (V14), P6 (V15), P1 (V16, V17; EP4 has no care day), P3 (SP1), P2 (EP5), P8 (SP10) = 6
# 2024Q4 = {P1,P2,P3,P4,P7} = 5; 2025Q1 = all eight = 8

# HR days (see ALLOC): county paid HTV-days Aug 148.8 (E1 31, E2 24.8, E3 31, E6 31, E7 31),
# Sep 144, Oct 148.8, Nov 154, Dec 180.3, Jan 164.8, Feb 97.4; 2024 has 366 days, 2025 365.
PAID = {AUG: 148.8, SEP: 144.0, OCT: 148.8, NOV: 154.0, DEC: 180.3, JAN: 164.8, FEB: 97.4}


def kf(build, measure, grain, start, table="key_figures", **breakdown):
    cols = ("service_code", "segment", "production_mode", "municipality_code")
    where = " and ".join(f"{c} = ?" if breakdown.get(c) is not None else f"{c} is null" for c in cols)
    params = [measure, grain, start] + [breakdown[c] for c in cols if breakdown.get(c) is not None]
    rows = build.query(
        f"select value, is_suppressed, unit from {rel(table)} where county_code = '08' "
        f"and measure_code = ? and period_grain = ? and period_start = cast(? as date) and {where}",
        params,
    )
    assert len(rows) == 1, (measure, grain, start, breakdown, rows)
    return rows[0]


def value(build, measure, grain, start, **breakdown):
    return kf(build, measure, grain, start, **breakdown)[0]


WHOLE = [
    # ---- costs
    # coverage: now NULL, not_delivered — the ledger (derived) starts in November
    ("operating_cost_eur", "month", AUG, None),
    ("operating_cost_eur", "month", NOV, 51500.0),
    ("operating_cost_eur", "month", DEC, 39400.50),
    ("operating_cost_eur", "month", JAN, 43000.0),
    ("operating_cost_eur", "month", FEB, 24000.0),
    ("operating_cost_eur", "quarter", Q3, None),  # coverage: now NULL, not_delivered — no ledger month in Q3
    ("operating_cost_eur", "quarter", Q4, 51500 + 39400.50),
    ("operating_cost_eur", "quarter", Q1, 43000 + 24000.0),
    ("operating_cost_eur", "year", Y24, 90900.50),
    ("operating_cost_eur", "year", Y25, 67000.0),
    # income: Nov 1500, Dec 500.25, Jan 1000 (as positive numbers)
    ("operating_income_eur", "month", NOV, 1500.0),
    ("operating_income_eur", "month", DEC, 500.25),
    ("operating_income_eur", "month", JAN, 1000.0),
    ("operating_income_eur", "month", FEB, 0.0),
    ("operating_income_eur", "quarter", Q4, 2000.25),
    ("net_cost_eur", "month", NOV, 50000.0),
    ("net_cost_eur", "month", DEC, 38900.25),
    ("net_cost_eur", "quarter", Q4, 88900.25),
    ("net_cost_eur", "quarter", Q1, 66000.0),
    # budget (version `budget`, cost accounts only): Nov 19000 + 8000; Dec 19000;
    # Jan 20500 (re-delivered row replaces 20000; the 3295 income row is not a cost); forecast row ignored
    ("budget_cost_eur", "month", NOV, 27000.0),
    ("budget_cost_eur", "month", DEC, 19000.0),
    ("budget_cost_eur", "month", JAN, 20500.0),
    ("budget_cost_eur", "month", FEB, 0.0),
    ("budget_cost_eur", "quarter", Q4, 46000.0),
    # allocated = operating costs (invariant)
    ("allocated_cost_eur", "month", NOV, 51500.0),
    ("allocated_cost_eur", "month", DEC, 39400.50),
    ("allocated_cost_eur", "month", FEB, 24000.0),
    ("allocated_cost_eur", "quarter", Q4, 90900.50),
    ("cost_per_resident_eur", "month", AUG, None),  # coverage: now NULL, not_delivered — before the ledger
    ("cost_per_resident_eur", "month", NOV, 51500 / R23),
    ("cost_per_resident_eur", "month", DEC, 39400.50 / R24),
    ("cost_per_resident_eur", "month", JAN, 43000 / R24),
    ("cost_per_resident_eur", "quarter", Q4, 90900.50 / R24),
    ("cost_per_resident_eur", "year", Y25, 67000 / R24),
    ("cost_per_client_eur", "month", NOV, 51500 / 4),
    ("cost_per_client_eur", "month", DEC, 39400.50 / 5),
    ("cost_per_client_eur", "month", JAN, 43000 / 6),
    ("cost_per_client_eur", "month", FEB, 24000 / 6),
    ("cost_per_client_eur", "quarter", Q4, 90900.50 / 5),
    ("cost_per_client_eur", "quarter", Q1, 67000 / 8),
    # ---- population
    ("residents", "month", AUG, R23),
    ("residents", "month", NOV, R23),
    ("residents", "month", DEC, R24),
    ("residents", "month", FEB, R24),
    ("residents", "quarter", Q3, R23),
    ("residents", "quarter", Q4, R24),
    ("residents", "year", Y24, R24),
    # 2023: (0-14: 100 + 30) + (65+: 50 + 40) = 220 over 15-64: 200 + 80 + 25 + 20 = 325
    ("dependency_ratio", "month", NOV, 220 / 325),
    # 2024: (0-14: 105) + (65+: 48 + 3 (age 100) + 41 + 19 (age 65)) = 216 over 195 + 82 + 31 (age 15) + 25 = 333
    ("dependency_ratio", "month", JAN, 216 / 333),
    ("dependency_ratio", "year", Y24, 216 / 333),
    # ---- clients
    ("clients", "month", AUG, 0),
    ("clients", "month", NOV, 4),
    ("clients", "month", DEC, 5),
    ("clients", "month", JAN, 6),
    ("clients", "month", FEB, 6),
    ("clients", "quarter", Q3, 0),
    ("clients", "quarter", Q4, 5),
    ("clients", "quarter", Q1, 8),
    ("clients", "year", Y24, 5),
    ("clients", "year", Y25, 8),
    # no clients but 545 residents: a rate of 0, not "nothing to average"
    ("clients_per_1000", "month", AUG, 0.0),
    ("clients_per_1000", "quarter", Q3, 0.0),
    ("clients_per_1000", "month", NOV, 4 / R23 * 1000),
    ("clients_per_1000", "month", JAN, 6 / R24 * 1000),
    ("clients_per_1000", "month", FEB, 6 / R24 * 1000),
    ("clients_per_1000", "quarter", Q1, 8 / R24 * 1000),
    # ---- outputs
    # outpatient: Nov V1 R10, V3 R10 (V2 R50 no); Dec V6 R10, V7 R20 (V8 R60 kept, its R10 repeat quarantined);
    # Jan V9 R10, V10 R41, V11 R52 (V12 R56 no; V13 re-delivered as R50); Feb V14, V15, V16 R10, V17 R40
    ("outpatient_visits", "month", AUG, 0),
    ("outpatient_visits", "month", NOV, 2),
    ("outpatient_visits", "month", DEC, 2),
    ("outpatient_visits", "month", JAN, 3),
    ("outpatient_visits", "month", FEB, 4),
    ("outpatient_visits", "quarter", Q4, 4),
    ("outpatient_visits", "quarter", Q1, 7),
    # care days (admission day counts, discharge day not; a person's day once):
    # Nov: SP1 P3 4.-30.11. 27 + EP1 P7 20.-30.11. 11 = 38
    # Dec: SP1 31 + SP2 P4 2.-31.12. 30 + EP1 1.-4.12. 4 + EP2 20.-31.12. 12 = 77
    # Jan: SP1 31 (EP3 10.-13.1. is the same person's days) + SP2 1.-7.1. 7 + EP2 1.-2.1. 2 = 40
    # Feb: SP1 28 + EP5 (open) 20.-28.2. 9 + EP4 (same day) 0 + SP10 P8 17.-28.2. 12 = 49
    ("care_days", "month", NOV, 38),
    ("care_days", "month", DEC, 77),
    ("care_days", "month", JAN, 40),
    ("care_days", "month", FEB, 49),
    ("care_days", "quarter", Q4, 115),
    ("care_days", "quarter", Q1, 89),
    ("care_days", "year", Y24, 115),
    # ---- primary care assessment (business days; day 0 = contact day)
    # Nov: C3 Sat 9.11. -> Wed 13.11. = 3 (at the limit); C9 Fri 29.11. -> Sat 30.11. = 0
    # Dec: C1 Fri 20.12. -> Fri 27.12. = 2 (24.-26.12. holidays); C2 Mon 2.12. -> Mon 9.12. = 4 (6.12. holiday);
    #      C4 Fri 29.11. -> Thu 5.12. = 4
    # Jan: C5 Thu 2.1. -> Wed 8.1. = 3 (6.1. Epiphany); C7 same day = 0; C8 Mon 20.1. -> Tue 21.1. = 1;
    #      C11 Tue 14.1. -> Wed 15.1. = 1
    # Feb: C10 Mon 3.2. -> Tue 4.2. = 1 (no treatment needed)
    ("pc_assessment_waits", "month", AUG, 0),
    ("pc_assessment_waits", "month", NOV, 2),
    ("pc_assessment_waits", "month", DEC, 3),
    ("pc_assessment_waits", "month", JAN, 4),
    ("pc_assessment_waits", "month", FEB, 1),
    ("pc_assessment_waits", "quarter", Q4, 5),
    ("pc_assessment_waits", "quarter", Q1, 5),
    ("pc_assessment_over_limit", "month", NOV, 0),
    ("pc_assessment_over_limit", "month", DEC, 2),
    ("pc_assessment_over_limit", "month", JAN, 0),
    ("pc_assessment_over_limit", "quarter", Q4, 2),
    ("pc_assessment_mean_bdays", "month", NOV, (3 + 0) / 2),
    ("pc_assessment_mean_bdays", "month", DEC, (2 + 4 + 4) / 3),
    ("pc_assessment_mean_bdays", "month", JAN, (3 + 0 + 1 + 1) / 4),
    ("pc_assessment_mean_bdays", "month", FEB, 1.0),
    ("pc_assessment_mean_bdays", "quarter", Q4, (3 + 0 + 2 + 4 + 4) / 5),
    ("pc_assessment_mean_bdays", "quarter", Q1, (3 + 0 + 1 + 1 + 1) / 5),
    # ---- primary care treatment (calendar days; rule in force on the assessment day)
    # Nov: C3 13.11. -> 27.11. = 14 (limit 14 d, not over)
    # Dec: C2 9.12. -> 24.12. = 15 (> 14, over)
    # Jan: C1 27.12. -> 10.1. = 14 (2024 rule 14 d, not over); C4 5.12. -> 20.1. = 46 (2024 rule 14 d: over,
    #      although the 2025 adult rule would give 3 months); C7 P2 aged 19, 13.1. -> 28.1. = 15 (under 23: 14 d, over)
    # Feb: C5 SUUN_TH P5 8.1. -> 10.2. = 33 (3 months); C8 P6 aged 64 21.1. -> 21.2. = 31 (3 months);
    #      C9 SUUN_TH 30.11. -> 28.2. = 90 (3 months from 30.11. clamps to 28.2.: exactly at the limit);
    #      C11 P8 aged 22 on the start day 15.1. (23 on 20.1.) -> 5.2. = 21 (under 23: 14 d, over)
    ("pc_treatment_over_limit", "month", NOV, 0),
    ("pc_treatment_over_limit", "month", DEC, 1),
    ("pc_treatment_over_limit", "month", JAN, 2),
    ("pc_treatment_over_limit", "month", FEB, 1),
    ("pc_treatment_over_limit", "quarter", Q4, 1),
    ("pc_treatment_over_limit", "quarter", Q1, 3),
    ("pc_treatment_mean_days", "month", NOV, 14.0),
    ("pc_treatment_mean_days", "month", DEC, 15.0),
    ("pc_treatment_mean_days", "month", JAN, (14 + 46 + 15) / 3),
    ("pc_treatment_mean_days", "month", FEB, (33 + 31 + 90 + 21) / 4),
    ("pc_treatment_mean_days", "quarter", Q4, (14 + 15) / 2),
    ("pc_treatment_mean_days", "quarter", Q1, (14 + 46 + 15 + 33 + 31 + 90 + 21) / 7),
    # ---- specialised care
    # handling: R6 1.8. -> 26.8. = 25 d (Aug, over); R3 1 d, R4 8 d, R5 1 d; R1 1.11. -> 22.11. = 21 (not over);
    #           R2 4.11. -> 26.11. = 22 (Nov, over)
    ("sc_handling_over_limit", "month", AUG, 1),
    ("sc_handling_over_limit", "month", NOV, 1),
    ("sc_handling_over_limit", "month", DEC, 0),
    ("sc_handling_over_limit", "quarter", Q3, 1),
    ("sc_handling_over_limit", "quarter", Q4, 1),
    # treatment: R1 25.11. -> 10.12. (Dec, no); R3 5.8. -> 6.2. (6 months + 1 day, over);
    # R4 12.8. -> 12.2. (exactly 6 months)
    ("sc_treatment_over_limit", "month", DEC, 0),
    # R7 (specialty 75, P5 aged 11): 20.9.2024 -> 27.1.2025 = 4 months 7 days: the key figure counts
    # "more than 6 months after the assessment was done", so not counted (the 3-month child rule is not this figure)
    ("sc_treatment_over_limit", "month", JAN, 0),
    ("sc_treatment_over_limit", "month", FEB, 1),
    ("sc_treatment_over_limit", "quarter", Q1, 1),
    # open: R5 assessed 20.8., untreated: over 6 months from 20.2. -> 31.1. no, 28.2. yes;
    # R6 (assessed 27.8.) was cancelled 15.2. and leaves the queue; R2 (2.12.) never over 6 months
    ("sc_open_over_6m", "month", DEC, 0),
    ("sc_open_over_6m", "month", JAN, 0),
    ("sc_open_over_6m", "month", FEB, 1),
    ("sc_open_over_6m", "quarter", Q4, 0),
    # 2025Q1: R5 is still open on the quarter's last day (31.3.) - and on the last day of the data (28.2.) -
    # and has waited more than 6 months either way; R2 (2.12. + 6 months = 2.6.) is not over
    # (a quarter or year that runs past the data takes its stock on the data's last day, 28.2.: README)
    ("sc_open_over_6m", "quarter", Q1, 1),
    ("sc_open_over_6m", "year", Y25, 1),
    # ---- social care
    # assessment (75+ / highest care allowance): S2 P4 89 Fri 1.11. -> Wed 13.11. = 8 bdays (Nov, over);
    # S1 P3 Fri 13.12. -> Fri 27.12. = 7 (24.-26.12. holidays; not over); S3 P6 64 with highest allowance
    # Thu 2.1. -> Tue 14.1. = 7 (6.1. Epiphany; not over); S4 (P1 34) and S6 (P7 74) are outside the rule
    ("social_assessment_over_limit", "month", AUG, 0),
    # child welfare S7 (LS_AVOHUOLTO, P5): Mon 2.9. -> Thu 12.9. = 8 business days (Sep, over)
    ("social_assessment_over_limit", "month", SEP, 1),
    ("social_assessment_over_limit", "quarter", Q3, 1),
    ("social_assessment_over_limit", "year", Y24, 2),
    ("social_assessment_over_limit", "month", NOV, 1),
    ("social_assessment_over_limit", "month", DEC, 0),
    ("social_assessment_over_limit", "month", JAN, 0),
    ("social_assessment_over_limit", "quarter", Q4, 1),
    # implementation (non-urgent, 3 months from pending): S2 1.11. -> 3.2. (over); S4 4.11. -> 5.2. (over);
    # S6 1.11. -> 1.2. (exactly 3 months); S1 13.12. -> 15.1. (no); S5 urgent; S3 denied
    ("social_implementation_over_limit", "month", DEC, 0),
    ("social_implementation_over_limit", "month", JAN, 0),
    ("social_implementation_over_limit", "month", FEB, 2),
    ("social_implementation_over_limit", "quarter", Q1, 2),
    # ---- personnel
    ("htv_paid", "month", AUG, None),  # coverage: now NULL, not_delivered — HR data (derived) from November
    ("htv_paid", "month", NOV, 154 / 366),
    ("htv_paid", "month", DEC, 180.3 / 366),
    ("htv_paid", "month", JAN, 164.8 / 365),
    ("htv_paid", "month", FEB, 97.4 / 365),
    # Q4 is partial (personnel covered from November): the sum of November and December
    ("htv_paid", "quarter", Q4, (154 + 180.3) / 366),
    # worked: Nov - E1 sick 28.-30.11. 3; Dec - E1 sick 1.-3.12. 3 - E2 annual 23.-31.12. 9 x 0.8;
    # Jan - E1 sick 13.-16.1. (A3 13.-15. and B2 14.-16. overlap: 4 days) - E2 annual 1.-3.1. 3 x 0.8
    #     (A2 23.-31.12. and B1 30.12.-3.1. overlap); Feb - E5 family leave 10.-14.2. 5 (E4 training is work)
    ("htv_worked", "month", NOV, (154 - 3) / 366),
    ("htv_worked", "month", DEC, (180.3 - 3 - 7.2) / 366),
    ("htv_worked", "month", JAN, (164.8 - 4 - 2.4) / 365),
    ("htv_worked", "month", FEB, (97.4 - 5) / 365),
    ("htv_worked", "quarter", Q4, (151 + 170.1) / 366),  # partial: November and December
    ("sick_days_per_htv", "month", OCT, None),  # coverage: now NULL, not_delivered — HR data from November
    ("sick_days_per_htv", "month", NOV, 3 / (154 / 366)),
    ("sick_days_per_htv", "month", DEC, 3 / (180.3 / 366)),
    ("sick_days_per_htv", "month", JAN, 4 / (164.8 / 365)),
    ("sick_days_per_htv", "month", FEB, 0.0),
    ("sick_days_per_htv", "quarter", Q4, 6 / ((148.8 + 154 + 180.3) / 366)),
    # turnover: permanent headcount (employments) at start/end; E3 retires 15.1. (its reason comes from the
    # second system), E6 internal transfer 19.1. (not turnover), E5 resigns 14.2., E4 is fixed-term
    # Jan: 1 / ((6 + 4) / 2) x 100; Feb: 1 / ((4 + 3) / 2) x 100; 2025Q1: 2 / ((6 + 3) / 2) x 100
    ("turnover_permanent_pct", "month", NOV, 0.0),
    ("turnover_permanent_pct", "month", DEC, 0.0),
    ("turnover_permanent_pct", "month", JAN, 20.0),
    ("turnover_permanent_pct", "month", FEB, 100 / 3.5),
    ("turnover_permanent_pct", "quarter", Q4, 0.0),
    ("turnover_permanent_pct", "quarter", Q1, 200 / 4.5),
    # staffing U_TEH (elderly 24 h): week 50 (9.-15.12.) 49 h / 38.25 / 2 clients = 0.6405 < 0.65;
    # week 52 (23.-29.12.) only indirect hours -> 0 < 0.65; week 1/2025 (Thu 2.1.) 0.6405 >= 0.60;
    # week 2/2025 30 h / 38.25 / (9/7 clients: SP2 ends 8.1., its end day not present) = 0.610 >= 0.60;
    # week 5/2025 22.95 h / 38.25 / 1 = 0.60 exactly (not below); week 47/2024 (18.-24.11.) has a client
    # every day and no work-hour rows at all -> 0 h -> below; all other weeks clearly above.
    # U_VAM (VAM_TEHOSTETTU, disabled people, 24 h) has no hours in weeks 8-9/2025 but is not elderly care
    ("staffing_weeks_below_minimum", "month", NOV, 1),
    ("staffing_weeks_below_minimum", "month", DEC, 2),
    ("staffing_weeks_below_minimum", "month", JAN, 0),
    ("staffing_weeks_below_minimum", "month", FEB, 0),
    ("staffing_weeks_below_minimum", "quarter", Q4, 3),
    ("staffing_weeks_below_minimum", "year", Y24, 3),
    ("staffing_weeks_below_minimum", "year", Y25, 0),
    # ---- quality
    # discharges: Dec EP1 (5.12.; P7 readmitted 20.12.) -> 100 %; Jan EP2 (3.1.), EP3 (14.1.) -> 0 %;
    # Feb EP4 (3.2.) -> 0 %
    ("readmissions_30d_pct", "month", DEC, 100.0),
    ("readmissions_30d_pct", "month", JAN, 0.0),
    ("readmissions_30d_pct", "quarter", Q4, 100.0),
    # NPS: Nov 10, 9, 7, 6, 0 -> 40 - 40 = 0; Dec 10, 8 -> 50; Jan 3 (11 quarantined) -> -100;
    # 2024Q4: promoters 3/7, detractors 2/7
    ("feedback_nps", "month", NOV, 0.0),
    ("feedback_nps", "month", DEC, 50.0),
    ("feedback_nps", "month", JAN, -100.0),
    ("feedback_nps", "quarter", Q4, 100 * (3 - 2) / 7),
    # ---- coordination (social services = IAK_TEHOSTETTU periods; cases are not outputs)
    # Nov: social {P3}, health {P1,P4,P7} -> 0; Dec: social {P3,P4}, health {P1,P2,P4,P7} -> 1;
    # Jan: social {P3,P4}, health {P1,P2,P3 (EP3),P4 (V13),P6,P7} -> 2; Feb: social {P3} -> 0
    ("clients_health_and_social", "month", NOV, 0),
    ("clients_health_and_social", "month", DEC, 1),
    ("clients_health_and_social", "month", JAN, 2),
    ("clients_health_and_social", "month", FEB, 0),
    ("clients_health_and_social", "quarter", Q4, 1),
    ("clients_health_and_social", "quarter", Q1, 2),
    # top 10 %: ceil(clients x 0.10) persons; a client's cost = allocated cost of the service per output x outputs.
    # Nov (4 clients -> 1): PTH 22790.32 over V1, V2 (P1) and V3 (P4) -> P1 15193.55; ESH 12967.74 -> P7;
    # TEH 9774.19 -> P3; SUUN_TH and IAK_SOSTYO have no outputs (not attributable to a client).
    # share = 15193.55 / (22790.32 + 12967.74 + 9774.19)
    (
        "top10_cost_share_pct",
        "month",
        NOV,
        100
        * ALLOC[(NOV, "PTH_VASTAANOTTO")]
        * 2
        / 3
        / (ALLOC[(NOV, "PTH_VASTAANOTTO")] + ALLOC[(NOV, "ESH_SOMAATTINEN_OSASTO")] + ALLOC[(NOV, "IAK_TEHOSTETTU")]),
    ),
    # Feb (6 clients -> 1): PTH 20475.50 over V15 (P6) and V17 (P1) -> 10237.75 each; TEH 524.50 -> P3
    (
        "top10_cost_share_pct",
        "month",
        FEB,
        100 * ALLOC[(FEB, "PTH_VASTAANOTTO")] / 2 / (ALLOC[(FEB, "PTH_VASTAANOTTO")] + ALLOC[(FEB, "IAK_TEHOSTETTU")]),
    ),
]


@pytest.mark.parametrize(("measure", "grain", "start", "expected"), WHOLE)
def test_whole_county(handmade_build, measure, grain, start, expected):
    got = value(handmade_build, measure, grain, start)
    assert got is None if expected is None else got == pytest.approx(expected, rel=1e-9, abs=1e-9)


BREAKDOWN = [
    ("operating_cost_eur", {"production_mode": "own"}, NOV, 51500 - 8500.0),
    ("operating_cost_eur", {"production_mode": "purchased"}, NOV, 8500.0),
    ("operating_cost_eur", {"production_mode": "own"}, DEC, 21000.50 + 9100 + 3000 + 1000 + 100),
    ("operating_cost_eur", {"production_mode": "purchased"}, DEC, 4000.0),
    ("operating_cost_eur", {"production_mode": "voucher"}, DEC, 1200.0),
    *[("allocated_cost_eur", {"service_code": s}, m, v) for (m, s), v in ALLOC.items()],
    ("allocated_cost_eur", {"production_mode": "purchased"}, NOV, 8500.0),
    ("allocated_cost_eur", {"production_mode": "voucher"}, DEC, 1200.0),
    # segment: PTH (by_age) split by visits: Nov V1, V2 P1 (34) and V3 P4 (89) -> 2/3 working_age;
    # Jan all four PTH visits by working-age clients (P1, P2 19, P6 64)
    ("allocated_cost_eur", {"segment": "working_age"}, NOV, ALLOC[(NOV, "PTH_VASTAANOTTO")] * 2 / 3),
    ("allocated_cost_eur", {"segment": "working_age"}, JAN, ALLOC[(JAN, "PTH_VASTAANOTTO")]),
    ("cost_per_resident_eur", {"service_code": "PTH_VASTAANOTTO"}, JAN, ALLOC[(JAN, "PTH_VASTAANOTTO")] / R24),
    ("cost_per_client_eur", {"service_code": "PTH_VASTAANOTTO"}, JAN, ALLOC[(JAN, "PTH_VASTAANOTTO")] / 3),
    ("cost_per_client_eur", {"service_code": "IAK_TEHOSTETTU"}, JAN, ALLOC[(JAN, "IAK_TEHOSTETTU")] / 2),
    ("residents", {"municipality_code": "837"}, NOV, 350),
    ("residents", {"municipality_code": "604"}, NOV, 75),
    ("residents", {"municipality_code": "837"}, JAN, 351),
    ("residents", {"municipality_code": "536"}, JAN, 123),
    # 837 2024: (105 + 48 + 3) / 195; 604 2024: 19 / (31 + 25); 604 2023: 30 / (25 + 20)
    ("dependency_ratio", {"municipality_code": "837"}, JAN, 156 / 195),
    ("dependency_ratio", {"municipality_code": "604"}, JAN, 19 / 56),
    ("dependency_ratio", {"municipality_code": "604"}, NOV, 30 / 45),
    ("clients", {"service_code": "PTH_VASTAANOTTO"}, JAN, 3),
    ("clients", {"service_code": "SUUN_TH"}, JAN, 1),
    ("clients", {"service_code": "IAK_TEHOSTETTU"}, JAN, 2),
    ("clients", {"service_code": "ESH_SOMAATTINEN_OSASTO"}, JAN, 2),
    ("clients", {"service_code": "ESH_SOMAATTINEN_OSASTO"}, FEB, 1),
    ("clients", {"segment": "working_age"}, JAN, 3),
    ("clients", {"segment": "elderly"}, JAN, 3),
    ("clients", {"segment": "children_youth"}, FEB, 1),
    ("clients", {"segment": "working_age"}, FEB, 3),
    ("clients", {"segment": "disabled"}, FEB, 1),
    ("clients", {"municipality_code": "837"}, NOV, 2),
    ("clients", {"municipality_code": "604"}, DEC, 2),
    ("clients", {"municipality_code": "837"}, JAN, 2),
    ("clients", {"municipality_code": "536"}, JAN, 2),
    ("clients_per_1000", {"municipality_code": "837"}, JAN, 2 / 351 * 1000),
    ("clients_per_1000", {"municipality_code": "604"}, JAN, 2 / 75 * 1000),
    ("clients_per_1000", {"service_code": "PTH_VASTAANOTTO"}, JAN, 3 / R24 * 1000),
    # residents and no client (or cost) of the service / municipality in August: 0, not NULL
    ("clients_per_1000", {"service_code": "PTH_VASTAANOTTO"}, AUG, 0.0),
    ("clients_per_1000", {"municipality_code": "536"}, AUG, 0.0),
    ("cost_per_resident_eur", {"service_code": "PTH_VASTAANOTTO"}, AUG, None),  # not_delivered: before the ledger
    ("outpatient_visits", {"service_code": "SUUN_TH"}, JAN, 0),
    ("outpatient_visits", {"service_code": "SUUN_TH"}, FEB, 2),
    ("outpatient_visits", {"service_code": "PTH_VASTAANOTTO"}, JAN, 3),
    ("care_days", {"service_code": "IAK_TEHOSTETTU"}, DEC, 61),
    ("care_days", {"service_code": "ESH_SOMAATTINEN_OSASTO"}, DEC, 16),
    ("care_days", {"service_code": "ESH_SOMAATTINEN_OSASTO"}, JAN, 6),
    ("care_days", {"service_code": "IAK_TEHOSTETTU"}, JAN, 38),
    ("care_days", {"service_code": "ESH_SOMAATTINEN_OSASTO"}, FEB, 9),
    ("care_days", {"service_code": "VAM_TEHOSTETTU"}, FEB, 12),
    ("pc_assessment_waits", {"service_code": "SUUN_TH"}, NOV, 1),
    ("pc_assessment_mean_bdays", {"service_code": "SUUN_TH"}, JAN, 3.0),
    ("pc_assessment_mean_bdays", {"service_code": "PTH_VASTAANOTTO"}, DEC, 10 / 3),
    ("pc_treatment_over_limit", {"service_code": "PTH_VASTAANOTTO"}, JAN, 2),
    ("pc_treatment_over_limit", {"service_code": "PTH_VASTAANOTTO"}, FEB, 1),
    ("pc_treatment_mean_days", {"service_code": "SUUN_TH"}, FEB, (33 + 90) / 2),
    ("social_assessment_over_limit", {"service_code": "IAK_TEHOSTETTU"}, NOV, 1),
    ("social_implementation_over_limit", {"service_code": "IAK_TEHOSTETTU"}, FEB, 1),
    ("social_assessment_over_limit", {"service_code": "LS_AVOHUOLTO"}, SEP, 1),
    ("social_implementation_over_limit", {"service_code": "TYOIKAISET_SOSTYO"}, FEB, 1),
    ("feedback_nps", {"service_code": "PTH_VASTAANOTTO"}, DEC, 50.0),
]


@pytest.mark.parametrize(("measure", "breakdown", "start", "expected"), BREAKDOWN)
def test_breakdown(handmade_build, measure, breakdown, start, expected):
    got = value(handmade_build, measure, "month", start, **breakdown)
    assert got is None if expected is None else got == pytest.approx(expected, rel=1e-9, abs=1e-9)


NULLS = [
    # a mean or rate with nothing to average is NULL
    ("pc_assessment_mean_bdays", "month", AUG),
    ("pc_treatment_mean_days", "month", AUG),
    ("readmissions_30d_pct", "month", NOV),  # no discharge in November
    ("feedback_nps", "month", FEB),
    ("cost_per_client_eur", "month", AUG),  # 0 EUR over 0 clients
]


@pytest.mark.parametrize(("measure", "grain", "start"), NULLS)
def test_nothing_to_average_is_null(handmade_build, measure, grain, start):
    assert value(handmade_build, measure, grain, start) is None


def test_public_personnel_rates_on_few_persons_are_suppressed(handmade_build):
    """Jan 2025 turnover (20 %) rests on one retiring employee (E3): suppressed in key_figures_public;
    HTV is not a count of persons and is published."""
    value_, suppressed, _ = kf(handmade_build, "turnover_permanent_pct", "month", JAN, table="key_figures_public")
    assert suppressed and value_ is None
    assert value(handmade_build, "turnover_permanent_pct", "month", JAN) == pytest.approx(20.0)
    value_, suppressed, _ = kf(handmade_build, "htv_paid", "month", JAN, table="key_figures_public")
    assert not suppressed and value_ == pytest.approx(PAID[JAN] / 365)


def test_reporting_periods(handmade_build):
    rows = handmade_build.query(
        "select period_grain, min(period_start), max(period_start), count(distinct period_start) "
        "from marts.key_figures where county_code = '08' group by 1 order by 1"
    )
    got = {g: (str(a), str(b), n) for g, a, b, n in rows}
    # coverage (derived): the union of the groups' coverage — the population's year-end 31.12.2023
    # (December 2023) to the plan's, the population's and the work hours' March 2025
    assert got == {
        "month": ("2023-12-01", "2025-03-01", 16),
        "quarter": ("2023-10-01", "2025-01-01", 6),
        "year": ("2023-01-01", "2025-01-01", 3),
    }


def test_quarantine_and_redeliveries(handmade_build):
    """Rows read = staged + quarantined (+ superseded); the bad rows are quarantined, not dropped."""
    got = handmade_build.query("select entity, reason_code from marts.landing_quarantine")
    for expected in [
        ("finance/gl_entries", "duplicate_key_in_file"),
        ("finance/gl_entries", "invalid_number"),
        ("finance/gl_entries", "superseded"),
        ("finance/budget", "superseded"),
        ("patient/visits", "duplicate_key_in_file"),
        ("patient/visits", "invalid_hetu"),
        ("patient/visits", "superseded"),
        ("population/residents", "out_of_range"),
        ("patient/feedback", "out_of_range"),
        ("social/service_periods", "end_before_start"),
        ("hr/absences", "end_before_start"),
    ]:
        assert expected in got, (expected, got)
    acc = handmade_build.query(
        "select entity from marts.landing_row_accounting "
        "where rows_read <> rows_staged + rows_quarantined + rows_superseded"
    )
    assert acc == []


def test_personnel_marts_are_dense_within_the_window(handmade_build):
    # E6 (CC_SOS, 100 %) left on 19.1.2025 and is CC_SOS's only employee: February 2025 has a row
    # with 0 HTV and headcounts, rates NULL (nothing to divide by), change 0 - 19 / 365
    htv, start, end, turnover, sick, change = row(
        handmade_build,
        "select htv_paid, headcount_start, headcount_end, turnover_permanent_pct, sick_days_per_htv, "
        "htv_paid_change from marts.personnel_by_organisation where cost_center = 'CC_SOS' "
        "and period_grain = 'month' and period_start = date '2025-02-01'",
    )
    assert (htv, start, end, turnover, sick) == (0, 0, 0, None, None)
    assert close(change, -19 / 365)
    # E4 (occupation 3221, 50 %) started on 11.11.2024, and the HR data's coverage starts in
    # November 2024: October has a row without numbers (not_delivered, never 0), and no change is
    # computed from it into November
    assert row(
        handmade_build,
        "select htv_paid, headcount_end, value_status from marts.personnel_by_occupation "
        "where occupation_code = '3221' and period_grain = 'month' and period_start = date '2024-10-01'",
    ) == (None, None, "not_delivered")
    htv, change = row(
        handmade_build,
        "select htv_paid, htv_paid_change from marts.personnel_by_occupation where occupation_code = '3221' "
        "and period_grain = 'month' and period_start = date '2024-11-01'",
    )
    assert close(htv, 20 * 0.5 / 366)
    assert change is None


def test_htv_of_a_quarter_or_year_counts_all_its_days(handmade_build):
    # Coverage: the HR data's derived coverage starts in November 2024 (its first absences and
    # ended employments), so 2024Q3 is not_delivered and the partial 2024 sums its covered months
    # November (154 HTV-days) and December (180.3), no longer every day of the year
    # (was 441.6 / 366 and 1798.3 / 366).
    assert value(handmade_build, "htv_paid", "quarter", "2024-07-01") is None
    assert close(value(handmade_build, "htv_paid", "year", "2024-01-01"), (154 + 180.3) / 366)
