{#-
  Kuntien väliset erot, julkaistava — marts.municipality_use_disparity for
  publication (macros/publishable/publishable.sql: the small-number rule
  tietopohja.is_small_number(), 1–4 hidden, 0 shown). The highest and the
  lowest municipal rate are computed from the clients (clients_per_1000,
  outputs_per_1000) or the visit clients (visit_clients_per_1000) of that
  municipality in service_use_by_resident_group (all sexes and age
  groups): those counts are added as highest_person_count and
  lowest_person_count, and a rate (and the ratio) built on 1–4 persons is
  hidden. Which municipality is highest or lowest is not recomputed from
  the published rates (that would be a second rule); the municipality codes
  stay, only the values built on few persons are hidden.
-#}
{%- set disparity_with_counts -%}
(
    select
        disparity.county_code,
        disparity.period_grain,
        disparity.period_start,
        disparity.measure,
        disparity.municipalities,
        disparity.highest_municipality_code,
        case disparity.measure
            when 'visit_clients_per_1000' then highest.visit_clients
            else highest.clients
        end as highest_person_count,
        disparity.highest_value,
        disparity.lowest_municipality_code,
        case disparity.measure
            when 'visit_clients_per_1000' then lowest.visit_clients
            else lowest.clients
        end as lowest_person_count,
        disparity.lowest_value,
        disparity.ratio_highest_to_lowest,
        disparity.value_status
    from {{ ref('municipality_use_disparity') }} as disparity
    left join {{ ref('service_use_by_resident_group') }} as highest
        on
            {{ tietopohja.keys_match('disparity', 'highest', ['county_code', 'period_grain', 'period_start']) }}
            and disparity.highest_municipality_code = highest.municipality_code
            and highest.sex is null
            and highest.age_group is null
    left join {{ ref('service_use_by_resident_group') }} as lowest
        on
            {{ tietopohja.keys_match('disparity', 'lowest', ['county_code', 'period_grain', 'period_start']) }}
            and disparity.lowest_municipality_code = lowest.municipality_code
            and lowest.sex is null
            and lowest.age_group is null
)
{%- endset -%}
{{ tietopohja.publishable_mart(
    disparity_with_counts,
    key_columns=['county_code', 'measure'],
    keep=[
        'county_code',
        'period_grain',
        'period_start',
        'measure',
        'municipalities',
        'highest_municipality_code',
        'lowest_municipality_code',
    ],
    person_counts={
        'highest_person_count': [],
        'lowest_person_count': [],
    },
    computed={
        'highest_value': ['highest_person_count'],
        'lowest_value': ['lowest_person_count'],
        'ratio_highest_to_lowest': ['highest_person_count', 'lowest_person_count'],
    }) }}
