{#-
  Tunnusluvut: kustannukset — the costs theme's contribution to
  key_figures (minimum-data "Published key figures"), for every month,
  quarter and year of int_reporting_periods, rows only where there is data:
  - operating_cost_eur: ledger operating costs (4000–4995); whole county
    and by production_mode (from the account).
  - operating_income_eur: ledger operating income (3000–3799) as a
    positive number; whole county.
  - net_cost_eur: operating costs − operating income; whole county.
  - budget_cost_eur: version `budget`, operating cost accounts; whole county.
  - forecast_cost_eur: the latest forecast (per month the forecast version
    `forecast_YYYY-MM` with the latest YYYY-MM that has lines for the month,
    int_budget_lines_selected), operating cost accounts; whole county;
    quarters and years sum their months.
  - allocated_cost_eur: operating costs after allocating support and
    administration, summed once in int_allocated_costs_aggregated; whole
    county and by service, segment, production_mode, service × segment and
    service × production_mode. The whole equals operating_cost_eur
    (allocation invariant).
  - allocated_budget_cost_eur, allocated_forecast_cost_eur: the plan and
    the latest forecast allocated to services by the actual costs' rule
    (int_plan_costs_allocated, summed in int_allocated_costs_aggregated);
    whole county and by service.
  - cost_per_resident_eur: allocated cost ÷ year-end residents (latest
    year-end on or before the period's last day), from
    int_unit_costs_aggregated; whole and by service (every service the
    county has costs on in any period: 0 € in a period with residents and
    no cost of the service).
  - clients: distinct persons with an output in the period, counted over
    the whole period; whole, by service, by segment, by municipality (the
    client's home municipality); person_count = value. Counted in
    int_need_measures_aggregated (the need theme's clients), selected here.
  - cost_per_client_eur: allocated cost ÷ clients, from
    int_unit_costs_aggregated; whole and by service; person_count = clients.
  - ledger_cost_per_resident_eur, ledger_cost_per_client_eur: the ledger's
    operating costs ÷ residents / ÷ clients of all services (distinct
    persons, as `clients`), from int_unit_costs_aggregated; whole county;
    the per-client figure carries person_count = clients.
  Component slots (tietopohja.key_figure_component_slots, meaning per
  measure in seeds/rules/key_figure_component_slots.csv), from the same rows as
  the value: the ledger, budget and forecast sums; allocated cost (actual,
  plan, forecast) as direct + support share + administration share
  (int_allocated_costs_aggregated); the unit costs' numerator (allocated or
  ledger cost) and denominator (residents, clients); net cost as operating
  costs + (− operating income).
  The county of a posting is its cost centre's county. Monetary values are
  the exact (unrounded) sums as doubles.
-#}

with periods as (
    select
        county_code,
        period_grain,
        period_start,
        period_end
    from {{ ref('int_reporting_periods') }}
),

ledger as (
    select
        ledger.county_code,
        periods.period_grain,
        periods.period_start,
        ledger.account_class,
        ledger.production_mode,
        ledger.amount_eur
    from {{ ref('int_gl_entries_classified') }} as ledger
    inner join periods
        on {{ tietopohja.in_period('ledger') }}
    where ledger.account_class in ('operating_cost', 'operating_income')
),

operating_cost as (
    select
        county_code,
        period_grain,
        period_start,
        cast(null as {{ dbt.type_string() }}) as service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        production_mode,
        cast(null as {{ dbt.type_string() }}) as municipality_code,
        cast(sum(amount_eur) as double) as value
    from ledger
    where account_class = 'operating_cost'
    group by county_code, period_grain, period_start, rollup(production_mode)
),

ledger_totals as (
    select
        county_code,
        period_grain,
        period_start,
        sum(case when account_class = 'operating_cost' then amount_eur else 0 end) as cost_eur,
        sum(case when account_class = 'operating_income' then amount_eur else 0 end) as income_signed_eur,
        max(case when account_class = 'operating_income' then 1 else 0 end) as has_income
    from ledger
    group by county_code, period_grain, period_start
),

budget as (
    {#- plan_type `budget` and `forecast` (the latest forecast version with
        lines for the month: int_budget_lines_selected), operating cost
        accounts; a quarter or year sums its months -#}
    select
        budget.county_code,
        periods.period_grain,
        periods.period_start,
        cast(sum(case when budget.plan_type = 'budget' then budget.amount_eur else 0 end) as double) as value,
        cast(sum(case when budget.plan_type = 'forecast' then budget.amount_eur else 0 end) as double)
            as forecast_value,
        max(case when budget.plan_type = 'budget' then 1 else 0 end) as has_budget,
        max(case when budget.plan_type = 'forecast' then 1 else 0 end) as has_forecast
    from {{ ref('int_budget_lines_selected') }} as budget
    inner join periods
        on {{ tietopohja.in_period('budget') }}
    where budget.account_class = 'operating_cost'
    group by budget.county_code, periods.period_grain, periods.period_start
),

allocated_cost as (
    {#- allocated cost (actual, plan, forecast), summed once in
        int_allocated_costs_aggregated: the whole county and every breakdown
        there -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        production_mode,
        cast(null as {{ dbt.type_string() }}) as municipality_code,
        allocated_cost_eur,
        allocated_budget_cost_eur,
        allocated_forecast_cost_eur,
        allocated_direct_eur,
        allocated_support_eur,
        allocated_administration_eur,
        budget_direct_eur,
        budget_support_eur,
        budget_administration_eur,
        forecast_direct_eur,
        forecast_support_eur,
        forecast_administration_eur
    from {{ ref('int_allocated_costs_aggregated') }}
),

clients as (
    {#- the clients are counted once, in int_need_measures_aggregated: its
        rows of the whole county, a service, a segment and a municipality
        that have clients -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        segment,
        cast(null as {{ dbt.type_string() }}) as production_mode,
        municipality_code,
        clients as value
    from {{ ref('int_need_measures_aggregated') }}
    where
        clients > 0
        and age_group is null
        and unit_id is null
        and (
            (segment is null and municipality_code is null)
            or (service_code is null and (segment is null or municipality_code is null))
        )
),

unit_costs as (
    {#- cost per resident and per client, computed once in
        int_unit_costs_aggregated (all segments). Filters: cost per
        resident for the whole county and every service with euros in some
        period, where the county has residents (0 € in a period with
        residents and no cost); cost per client where there are clients -#}
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        residents,
        has_costs,
        clients,
        allocated_cost_eur,
        ledger_cost_eur,
        cost_per_resident_eur,
        cost_per_client_eur,
        ledger_cost_per_resident_eur,
        ledger_cost_per_client_eur
    from {{ ref('int_unit_costs_aggregated') }}
    where segment is null
),

cost_per_resident as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        cast(null as {{ dbt.type_string() }}) as production_mode,
        cast(null as {{ dbt.type_string() }}) as municipality_code,
        cost_per_resident_eur as value,
        allocated_cost_eur,
        residents
    from unit_costs
    where residents is not null and (service_code is null or has_costs)
),

cost_per_client as (
    select
        county_code,
        period_grain,
        period_start,
        service_code,
        cast(null as {{ dbt.type_string() }}) as segment,
        cast(null as {{ dbt.type_string() }}) as production_mode,
        cast(null as {{ dbt.type_string() }}) as municipality_code,
        cost_per_client_eur as value,
        clients as person_count,
        allocated_cost_eur
    from unit_costs
    where clients > 0
),

measures as (
    {#- per measure: its CTE, value and person count (default: the CTE's
        columns `value`, no person count) and, for the whole-county CTEs
        without breakdown columns, `whole_county` -#}
    {%- set addends = {
        'actual': {'addend_1': 'allocated_direct_eur', 'addend_2': 'allocated_support_eur',
            'addend_3': 'allocated_administration_eur'},
        'budget': {'addend_1': 'budget_direct_eur', 'addend_2': 'budget_support_eur',
            'addend_3': 'budget_administration_eur'},
        'forecast': {'addend_1': 'forecast_direct_eur', 'addend_2': 'forecast_support_eur',
            'addend_3': 'forecast_administration_eur'},
    } %}
    {%- for m in [
        {'code': 'operating_cost_eur', 'relation': 'operating_cost', 'slots': {'addend_1': 'value'}},
        {'code': 'operating_income_eur', 'relation': 'ledger_totals', 'whole_county': true,
            'value': 'cast(-income_signed_eur as double)', 'where': 'has_income = 1',
            'slots': {'addend_1': '-income_signed_eur'}},
        {'code': 'net_cost_eur', 'relation': 'ledger_totals', 'whole_county': true,
            'value': 'cast(cost_eur + income_signed_eur as double)',
            'slots': {'addend_1': 'cost_eur', 'addend_2': 'income_signed_eur'}},
        {'code': 'budget_cost_eur', 'relation': 'budget', 'whole_county': true, 'where': 'has_budget = 1',
            'slots': {'addend_1': 'value'}},
        {'code': 'allocated_cost_eur', 'relation': 'allocated_cost', 'value': 'allocated_cost_eur',
            'where': 'allocated_cost_eur is not null', 'slots': addends.actual},
        {'code': 'cost_per_resident_eur', 'relation': 'cost_per_resident',
            'slots': {'numerator': 'allocated_cost_eur', 'denominator': 'residents'}},
        {'code': 'clients', 'relation': 'clients', 'value': 'cast(value as double)', 'person_count': 'value',
            'slots': {'addend_1': 'value'}},
        {'code': 'cost_per_client_eur', 'relation': 'cost_per_client', 'person_count': 'person_count',
            'slots': {'numerator': 'allocated_cost_eur', 'denominator': 'person_count'}},
        {'code': 'forecast_cost_eur', 'relation': 'budget', 'whole_county': true,
            'value': 'forecast_value', 'where': 'has_forecast = 1', 'slots': {'addend_1': 'forecast_value'}},
        {'code': 'allocated_budget_cost_eur', 'relation': 'allocated_cost', 'value': 'allocated_budget_cost_eur',
            'where': 'allocated_budget_cost_eur is not null', 'slots': addends.budget},
        {'code': 'allocated_forecast_cost_eur', 'relation': 'allocated_cost', 'value': 'allocated_forecast_cost_eur',
            'where': 'allocated_forecast_cost_eur is not null', 'slots': addends.forecast},
        {'code': 'ledger_cost_per_resident_eur', 'relation': 'unit_costs', 'whole_county': true,
            'value': 'ledger_cost_per_resident_eur', 'where': 'service_code is null and residents is not null',
            'slots': {'numerator': 'ledger_cost_eur', 'denominator': 'residents'}},
        {'code': 'ledger_cost_per_client_eur', 'relation': 'unit_costs', 'whole_county': true,
            'value': 'ledger_cost_per_client_eur', 'person_count': 'clients',
            'where': 'service_code is null and clients > 0',
            'slots': {'numerator': 'ledger_cost_eur', 'denominator': 'clients'}},
    ] %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        county_code,
        '{{ m.code }}' as measure_code,
        period_grain,
        period_start,
        {%- if m.whole_county %}
        {{- tietopohja.key_figure_breakdowns(none) }}
        {%- else %}
        service_code,
        segment,
        production_mode,
        municipality_code,
        {%- endif %}
        {{ m.get('value', 'value') }} as value,
        {{ m.get('person_count', 'cast(null as ' ~ dbt.type_bigint() ~ ')') }} as person_count,
        {{ tietopohja.key_figure_component_values(m.slots) }}
    from {{ m.relation }}
    {%- if m.where %}
    where {{ m.where }}
    {%- endif %}
    {%- endfor %}
)

select
    county_code,
    measure_code,
    period_grain,
    period_start,
    service_code,
    segment,
    production_mode,
    municipality_code,
    cast(value as double) as value,
    cast(person_count as {{ dbt.type_bigint() }}) as person_count,
    {{ tietopohja.key_figure_component_slots() | join(',\n    ') }}
from measures
