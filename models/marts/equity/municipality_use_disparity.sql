{#-
  Kuntien väliset erot palvelujen käytössä — per county, period and
  measure (clients_per_1000, visit_clients_per_1000, outputs_per_1000 of
  service_use_by_resident_group, all sexes and age groups), the
  municipality with the highest and the lowest rate and the ratio of the
  highest to the lowest, with the persons each of the two rates is computed
  from (the clients, or the visit clients for visit_clients_per_1000, of
  that municipality: what the publishable version suppresses by). Every municipality with residents takes part (a
  municipality without clients has rate 0, and the ratio is then NULL). Ties
  are broken by municipality code.
-#}
with municipal as (
    select
        county_code,
        period_grain,
        period_start,
        municipality_code,
        clients_per_1000,
        visit_clients_per_1000,
        outputs_per_1000,
        clients,
        visit_clients,
        value_status
    from {{ ref('service_use_by_resident_group') }}
    where
        municipality_code is not null
        and sex is null
        and age_group is null
        and residents > 0
),

long_rates as (
    {%- for m in ['clients_per_1000', 'visit_clients_per_1000', 'outputs_per_1000'] %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        county_code,
        period_grain,
        period_start,
        '{{ m }}' as measure,
        municipality_code,
        {{ m }} as rate,
        {{ 'visit_clients' if m == 'visit_clients_per_1000' else 'clients' }} as person_count,
        value_status
    from municipal
    {%- endfor %}
),

ranked as (
    select
        long_rates.*,
        row_number() over (
            partition by long_rates.county_code, long_rates.period_grain, long_rates.period_start, long_rates.measure
            order by long_rates.rate desc, long_rates.municipality_code asc
        ) as rank_high,
        row_number() over (
            partition by long_rates.county_code, long_rates.period_grain, long_rates.period_start, long_rates.measure
            order by long_rates.rate asc, long_rates.municipality_code asc
        ) as rank_low,
        count(*)
            over (
                partition by
                    long_rates.county_code, long_rates.period_grain, long_rates.period_start, long_rates.measure
            )
            as municipalities
    from long_rates
)

select
    highest.county_code,
    highest.period_grain,
    highest.period_start,
    highest.measure,
    cast({{ tietopohja.delivered('highest.municipalities', 'highest.value_status') }} as {{ dbt.type_bigint() }})
        as municipalities,
    {{ tietopohja.delivered('highest.municipality_code', 'highest.value_status') }} as highest_municipality_code,
    cast({{ tietopohja.delivered('highest.person_count', 'highest.value_status') }} as {{ dbt.type_bigint() }})
        as highest_person_count,
    cast({{ tietopohja.delivered('highest.rate', 'highest.value_status') }} as double) as highest_value,
    {{ tietopohja.delivered('lowest.municipality_code', 'highest.value_status') }} as lowest_municipality_code,
    cast({{ tietopohja.delivered('lowest.person_count', 'highest.value_status') }} as {{ dbt.type_bigint() }})
        as lowest_person_count,
    cast({{ tietopohja.delivered('lowest.rate', 'highest.value_status') }} as double) as lowest_value,
    cast(
        {{ tietopohja.delivered('highest.rate / nullif(lowest.rate, 0)', 'highest.value_status') }} as double
    ) as ratio_highest_to_lowest,
    highest.value_status
from ranked as highest
inner join ranked as lowest
    on
        {{ tietopohja.keys_match('highest', 'lowest', ['county_code', 'period_grain', 'period_start', 'measure']) }}
        and lowest.rank_low = 1
where highest.rank_high = 1
