-- The published clients_per_1000 (whole county, by service, by
-- municipality) equals the service_use_per_1000 mart's value for the same
-- period and breakdown: the key figure and the themed mart tell one story.
-- The mart has rows where there are clients; the key figure also where there
-- are residents and no clients (0, person_count 0). Periods the mart marks
-- not_delivered are left out: the mart's values are NULL there.
select
    figures.county_code,
    figures.period_grain,
    figures.period_start,
    figures.service_code,
    figures.municipality_code,
    figures.value,
    mart.clients_per_1000
from {{ ref('int_key_figures__need') }} as figures
left join {{ ref('service_use_per_1000') }} as mart
    on
        {{ tietopohja.keys_match(
            'figures', 'mart', ['county_code', 'period_grain', 'period_start'], ['service_code', 'municipality_code']
        ) }}
        and mart.segment is null
        and mart.age_group is null
where
    figures.measure_code = 'clients_per_1000'
    -- a period without data is NULL in the mart (value_status not_delivered)
    and (mart.value_status is null or mart.value_status <> 'not_delivered')
    and (
        (mart.clients_per_1000 is null and not (figures.value = 0 and figures.person_count = 0))
        or abs(figures.value - mart.clients_per_1000) > 1e-9
        or figures.person_count <> mart.clients
    )
