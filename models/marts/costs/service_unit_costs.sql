{#-
  Yksikkökustannukset — allocated cost per resident, per client and per
  output, by county, period (month, quarter, year), service and client
  segment, with changes from the previous period and a year earlier.
  service_code NULL = all services, segment NULL = all segments.

  The measures (allocated cost, residents, clients, outputs of each kind
  and the persons behind them, the unit costs) are computed once, in
  int_unit_costs_aggregated (definitions there); this mart adds the value
  statuses, delivered() and the period changes. Filter: the groupings with
  euros or outputs in some period (has_costs or has_outputs), not the
  whole-county row the measure model keeps for a county with residents only
  (int_key_figures__costs gives its cost per resident, 0 €).

  The ledger view's unit costs are here too, where a controller compares
  them with the allocated ones: ledger_cost_eur, ledger_cost_per_resident_eur
  and ledger_cost_per_client_eur on the whole-county row (service_code and
  segment NULL; NULL on the other rows) — the ledger's operating costs ÷
  residents / ÷ clients of all services (key figures
  ledger_cost_per_resident_eur, ledger_cost_per_client_eur).
-#}
with combined as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        allocated_cost_eur,
        residents,
        clients,
        visits,
        visit_clients,
        care_days,
        care_day_clients,
        service_days,
        service_day_clients,
        cost_per_resident_eur,
        cost_per_client_eur,
        cost_per_visit_eur,
        cost_per_care_day_eur,
        cost_per_service_day_eur,
        ledger_cost_eur,
        ledger_cost_per_resident_eur,
        ledger_cost_per_client_eur
    from {{ ref('int_unit_costs_aggregated') }}
    where has_costs or has_outputs
),

with_ratios as (
    select
        combined.*,
        {{ tietopohja.value_status_column(['ledger'], 'any', 'combined') }} as ledger_status,
        {{ tietopohja.value_status_column(['patient', 'social'], 'any', 'combined') }} as client_status,
        {{ tietopohja.value_status_column(['population'], 'any', 'combined') }} as population_status,
        {{ tietopohja.source_group_value_status('ledger/patient+social', 'combined') }} as value_status
    from combined
),

with_changes as (
    {{ tietopohja.period_changes(
        'with_ratios',
        ['county_code', 'service_code', 'segment'],
        ['allocated_cost_eur', 'clients', 'cost_per_client_eur', 'ledger_cost_per_client_eur'],
        status_column={
            'allocated_cost_eur': 'ledger_status',
            'clients': 'client_status',
            'cost_per_client_eur': 'value_status',
            'ledger_cost_per_client_eur': 'value_status'
        }) }}
)

select
    with_changes.county_code,
    with_changes.period_grain,
    with_changes.period_start,
    with_changes.service_code,
    services.aura_class,
    services.structure_level,
    services.sector,
    with_changes.segment,
    {{ tietopohja.delivered('with_changes.allocated_cost_eur', 'with_changes.ledger_status') }}
        as allocated_cost_eur,
    {{ tietopohja.delivered('with_changes.residents', 'with_changes.population_status') }} as residents,
    {{ tietopohja.delivered('with_changes.clients', 'with_changes.client_status') }} as clients,
    {{ tietopohja.delivered('with_changes.visits', 'with_changes.client_status') }} as visits,
    {{ tietopohja.delivered('with_changes.visit_clients', 'with_changes.client_status') }} as visit_clients,
    {{ tietopohja.delivered('with_changes.care_days', 'with_changes.client_status') }} as care_days,
    {{ tietopohja.delivered('with_changes.care_day_clients', 'with_changes.client_status') }} as care_day_clients,
    {{ tietopohja.delivered('with_changes.service_days', 'with_changes.client_status') }} as service_days,
    {{ tietopohja.delivered('with_changes.service_day_clients', 'with_changes.client_status') }} as service_day_clients,
    cast(
        {{ tietopohja.delivered(
            tietopohja.delivered('with_changes.cost_per_resident_eur', 'with_changes.ledger_status'),
            'with_changes.population_status'
        ) }} as double
    ) as cost_per_resident_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_client_eur', 'with_changes.value_status') }} as double
    ) as cost_per_client_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_visit_eur', 'with_changes.value_status') }} as double
    ) as cost_per_visit_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_care_day_eur', 'with_changes.value_status') }} as double
    ) as cost_per_care_day_eur,
    cast(
        {{ tietopohja.delivered('with_changes.cost_per_service_day_eur', 'with_changes.value_status') }} as double
    ) as cost_per_service_day_eur,
    cast({{ tietopohja.delivered('with_changes.ledger_cost_eur', 'with_changes.ledger_status') }} as double)
        as ledger_cost_eur,
    cast(
        {{ tietopohja.delivered(
            tietopohja.delivered('with_changes.ledger_cost_per_resident_eur', 'with_changes.ledger_status'),
            'with_changes.population_status'
        ) }} as double
    ) as ledger_cost_per_resident_eur,
    cast(
        {{ tietopohja.delivered('with_changes.ledger_cost_per_client_eur', 'with_changes.value_status') }} as double
    ) as ledger_cost_per_client_eur,
    {{ tietopohja.period_change_columns({
        'allocated_cost_eur': tietopohja.type_double(),
        'clients': dbt.type_bigint(),
        'cost_per_client_eur': tietopohja.type_double(),
        'ledger_cost_per_client_eur': tietopohja.type_double()
    }, 'with_changes') }},
    with_changes.value_status
from with_changes
left join {{ ref('int_services_classified') }} as services
    on with_changes.service_code = services.service_code
