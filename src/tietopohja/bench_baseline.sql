-- Baseline for `tietopohja bench`: a hand-written DuckDB script that computes
-- the heavy key figures straight from the landing files, in one pass, with no
-- dbt, no quarantine, no pseudonyms and no tests. It shows what the same
-- numbers cost at the engine's speed, so the dbt build's overhead can be
-- read as a ratio. Measures (per county and month): operating cost and
-- income, clients, outpatient visits, care days, residents.
-- {landing} is replaced by the landing folder.

create or replace macro pdate(x) as
    cast(try_strptime(nullif(trim(x), ''), ['%Y-%m-%d', '%d.%m.%Y']) as date);
create or replace macro pts(x) as
    cast(try_strptime(nullif(trim(x), ''), ['%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S', '%d.%m.%Y %H:%M']) as date);
create or replace macro pnum(x) as
    try_cast(replace(replace(nullif(trim(x), ''), ' ', ''), ',', '.') as double);

create or replace temp view units as
select distinct on (unit_id) unit_id, cost_center, service_code
from read_csv('{landing}/org/units*.csv', union_by_name = true, all_varchar = true)
order by unit_id, pdate(valid_from) desc;

create or replace temp view centres as
select cost_center, lpad(county_code, 2, '0') as county_code
from read_csv('{landing}/finance/cost_centers*.csv', union_by_name = true, all_varchar = true);

create or replace temp view ledger as
select
    c.county_code,
    cast(g.period || '-01' as date) as month_start,
    sum(case when g.account between '4000' and '4995' then pnum(g.amount_eur) else 0 end) as operating_cost_eur,
    -sum(case when g.account between '3000' and '3799' then pnum(g.amount_eur) else 0 end) as operating_income_eur
from (
    select distinct on (entry_id) *
    from read_csv('{landing}/finance/gl_entries*.csv', union_by_name = true, all_varchar = true, filename = true)
    order by entry_id, filename desc
) as g
join centres as c using (cost_center)
group by all;

create or replace temp view visits as
select
    v.hetu,
    u.cost_center,
    date_trunc('month', pts(v.visit_at)) as month_start,
    v.contact_type in ('R10', 'R20', 'R30', 'R40', 'R41', 'R52') as is_outpatient
from read_csv('{landing}/patient/visits*.csv', union_by_name = true, all_varchar = true) as v
join units as u using (unit_id);

create or replace temp view care_days as
select e.hetu, u.cost_center, d.day
from read_csv('{landing}/patient/inpatient_episodes*.csv', union_by_name = true, all_varchar = true) as e
join units as u using (unit_id)
cross join lateral (
    select unnest(generate_series(pts(e.admitted_at), coalesce(pts(e.discharged_at), date '2099-01-01') - 1, interval 1 day)) as day
) as d
where d.day <= (select max(month_start) + interval 1 month - interval 1 day from ledger)
union
select p.hetu, u.cost_center, d.day
from read_csv('{landing}/social/service_periods*.csv', union_by_name = true, all_varchar = true) as p
join units as u using (unit_id)
cross join lateral (
    select unnest(generate_series(pdate(p.start_date), coalesce(pdate(p.end_date), date '2099-01-01') - 1, interval 1 day)) as day
) as d
where d.day <= (select max(month_start) + interval 1 month - interval 1 day from ledger);

create or replace temp table baseline_key_figures as
with outputs as (
    select c.county_code, v.month_start, v.hetu, v.is_outpatient, 0 as is_day
    from visits as v join centres as c using (cost_center)
    union all
    select c.county_code, date_trunc('month', d.day), d.hetu, false, 1
    from care_days as d join centres as c using (cost_center)
),
per_month as (
    select
        county_code,
        month_start,
        count(distinct hetu) as clients,
        sum(case when is_outpatient then 1 else 0 end) as outpatient_visits,
        sum(is_day) as care_days
    from outputs
    group by all
),
residents as (
    select m.county_code, year(pdate(r.stat_date)) as stat_year, sum(cast(r.residents as bigint)) as residents
    from read_csv('{landing}/population/residents*.csv', union_by_name = true, all_varchar = true) as r
    join (select distinct municipality_code, county_code from read_csv('{seeds}/ref_municipality_county.csv', all_varchar = true)) as m
        on lpad(r.municipality_code, 3, '0') = m.municipality_code
    group by all
)
select
    coalesce(l.county_code, p.county_code) as county_code,
    coalesce(l.month_start, p.month_start) as month_start,
    l.operating_cost_eur,
    l.operating_income_eur,
    p.clients,
    p.outpatient_visits,
    p.care_days,
    r.residents
from ledger as l
full join per_month as p on l.county_code = p.county_code and l.month_start = p.month_start
left join residents as r
    on r.county_code = coalesce(l.county_code, p.county_code)
    and r.stat_year = year(coalesce(l.month_start, p.month_start)) - 1;
