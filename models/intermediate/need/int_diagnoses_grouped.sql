{#-
  Diagnoosit ryhmiteltyinä — the main ICD-10 diagnosis of every visit
  (patient/visits.diagnosis_icd10) and ward episode
  (patient/inpatient_episodes.main_diagnosis_icd10) matched to the ICD-10
  chapters and tracked disease groups of seeds/rules/icd10_groups.csv: a code
  belongs to a group when its three-character category (upper case, dots
  removed) lies in one of the group's ranges. One row per event and group
  (a code is in one chapter and at most one tracked group).

  Dates: a visit is on its visit day; an episode spans admission day to
  discharge day inclusive (NULL = still in care): for morbidity a client is
  "with an episode in the period" when the episode overlaps the period.
  Mapping (county, service, home municipality) from int_client_events_mapped.
  Visits and episodes without a diagnosis are not here.
-#}
with diagnoses as (
    select
        'visit' as event_type,
        visit_id as event_id,
        diagnosis_icd10
    from {{ ref('stg_patient__visits') }}
    where diagnosis_icd10 is not null
    union all
    select
        'inpatient_episode' as event_type,
        episode_id as event_id,
        main_diagnosis_icd10 as diagnosis_icd10
    from {{ ref('stg_patient__inpatient_episodes') }}
    where main_diagnosis_icd10 is not null
),

normalised as (
    select
        event_type,
        event_id,
        diagnosis_icd10,
        substring(upper(replace(diagnosis_icd10, '.', '')), 1, 3) as diagnosis_category
    from diagnoses
),

category_groups as (
    {#- each category that occurs placed in its groups' code ranges once, a
        row per category and group (two ranges of one group are one row):
        the diagnoses then join their groups by equality, a row per event
        and group without a DISTINCT over them all (the range join and the
        DISTINCT over every diagnosis were most of the model's time) -#}
    select distinct
        categories.diagnosis_category,
        icd10_groups.group_type,
        icd10_groups.group_code
    from (
        select distinct diagnosis_category
        from normalised
    ) as categories
    inner join {{ ref('icd10_groups') }} as icd10_groups
        on categories.diagnosis_category between icd10_groups.code_from and icd10_groups.code_to
)

select
    events.county_code,
    normalised.event_type,
    normalised.event_id,
    events.person_pseudonym,
    events.home_municipality_code,
    events.service_code,
    events.event_date,
    case when normalised.event_type = 'visit' then events.event_date else events.event_end_date end as event_end_date,
    normalised.diagnosis_icd10,
    normalised.diagnosis_category,
    category_groups.group_type,
    category_groups.group_code
from normalised
inner join {{ ref('int_client_events_mapped') }} as events
    on
        normalised.event_type = events.event_type
        and normalised.event_id = events.event_id
inner join category_groups
    on normalised.diagnosis_category = category_groups.diagnosis_category
