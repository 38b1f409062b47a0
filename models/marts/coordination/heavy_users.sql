{#-
  Suurkäyttäjät — the heavy-user view (minimum-data spec, coordination):
  per county and period, the 10 % of clients with the highest allocated cost
  of their outputs and their share of the clients' allocated cost. The
  measures are computed once, in int_key_figures__coordination (which also
  gives key_figures its top10_cost_share_pct): "10 %" is ceil(clients ×
  0.10) persons (at least one; ties broken by pseudonym); the denominator is
  the allocated cost that belongs to clients. Periods with costed clients only.
-#}
with measures as (
    select
        county_code,
        period_grain,
        period_start,
        costed_clients as clients,
        top_clients,
        clients_allocated_cost_eur,
        top_allocated_cost_eur,
        value as top10_cost_share_pct
    from {{ ref('int_key_figures__coordination') }}
    where costed_clients > 0
),

statused as (
    select
        measures.*,
        {{ tietopohja.source_group_value_status('ledger/patient+social', 'measures') }} as value_status
    from measures
)

select
    county_code,
    period_grain,
    period_start,
    cast({{ tietopohja.delivered('clients') }} as {{ dbt.type_bigint() }}) as clients,
    cast({{ tietopohja.delivered('top_clients') }} as {{ dbt.type_bigint() }}) as top_clients,
    cast({{ tietopohja.delivered('top_clients * 100.0 / clients') }} as {{ tietopohja.type_double() }})
        as top_client_share_pct,
    cast({{ tietopohja.delivered('clients_allocated_cost_eur') }} as {{ tietopohja.type_double() }})
        as clients_allocated_cost_eur,
    cast({{ tietopohja.delivered('top_allocated_cost_eur') }} as {{ tietopohja.type_double() }})
        as top_allocated_cost_eur,
    cast({{ tietopohja.delivered('top10_cost_share_pct') }} as {{ tietopohja.type_double() }})
        as top10_cost_share_pct,
    value_status
from statused
