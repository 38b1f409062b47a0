{#-
  Kustannuspaikkojen täsmäytys — every cost centre code that appears in the
  finance master, the ledger, the HR employments or behind the units, side by
  side: the reconciliation counties do by hand between their finance, HR,
  patient and social-care systems. `findings` lists what does not agree
  (NULL = all systems agree).
-#}
with codes as (
    select cost_center from {{ ref('stg_finance__cost_centers') }}
    union
    select cost_center from {{ ref('stg_finance__gl_entries') }}
    union
    select cost_center from {{ ref('stg_hr__employments') }}
    union
    select cost_center from {{ ref('stg_org__units') }}
),

ledger as (
    select
        cost_center,
        count(*) as ledger_rows,
        sum(amount_eur) as ledger_amount_eur,
        min(posting_date) as first_posting_date,
        max(posting_date) as last_posting_date
    from {{ ref('stg_finance__gl_entries') }}
    group by cost_center
),

hr as (
    select
        cost_center,
        count(*) as employments
    from {{ ref('stg_hr__employments') }}
    group by cost_center
),

units as (
    select
        cost_center,
        count(distinct unit_id) as units
    from {{ ref('stg_org__units') }}
    group by cost_center
),

joined as (
    select
        codes.cost_center,
        master.county_code,
        master.cost_center_kind,
        master.service_code,
        master.cost_center is not null as is_in_cost_centers,
        cast(coalesce(ledger.ledger_rows, 0) as {{ dbt.type_bigint() }}) as ledger_rows,
        cast(coalesce(ledger.ledger_amount_eur, 0) as decimal(18, 2)) as ledger_amount_eur,
        ledger.first_posting_date,
        ledger.last_posting_date,
        cast(coalesce(hr.employments, 0) as {{ dbt.type_bigint() }}) as employments,
        cast(coalesce(units.units, 0) as {{ dbt.type_bigint() }}) as units
    from codes
    left join {{ ref('stg_finance__cost_centers') }} as master
        on codes.cost_center = master.cost_center
    left join ledger on codes.cost_center = ledger.cost_center
    left join hr on codes.cost_center = hr.cost_center
    left join units on codes.cost_center = units.cost_center
)

select
    joined.*,
    {{ tietopohja.concat_non_null([
        "case when not is_in_cost_centers and ledger_rows > 0 then 'in_ledger_not_in_cost_centers' end",
        "case when not is_in_cost_centers and employments > 0 then 'in_hr_not_in_cost_centers' end",
        "case when not is_in_cost_centers and units > 0 then 'behind_units_not_in_cost_centers' end",
        "case when cost_center_kind = 'service' and ledger_rows = 0 then 'service_centre_without_postings' end",
        "case when cost_center_kind = 'service' and units = 0 then 'service_centre_without_units' end",
        "case when units > 0 and ledger_rows = 0 then 'units_book_to_centre_without_postings' end",
    ], '; ') }} as findings
from joined
