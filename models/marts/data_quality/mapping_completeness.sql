{#-
  Mäppäykset — every unit, cost centre, account, service code and
  municipality code that does not map onto the organisation-independent
  services, the AURA classes or the reference classifications: the mapping
  report counties keep by hand. One row per object and issue, with how many
  source rows it affects and when they occurred. Empty when everything maps.
-#}
with events as (
    select * from {{ ref('int_client_events_mapped') }}
),

event_unit_issues as (
    select
        county_code,
        'unit' as object_type,
        unit_id as object_code,
        case unit_match
            when 'unknown_unit' then 'unit_not_in_org_units'
            else 'unit_not_valid_on_event_date'
        end as issue_code,
        {{ dbt.concat(["'events of type '", "min(event_type)", "' and others refer to it'"]) }} as issue_detail,
        min(event_date) as first_seen,
        max(event_date) as last_seen,
        count(*) as affected_rows
    from events
    where unit_match <> 'valid'
    group by county_code, unit_id, unit_match
),

event_service_issues as (
    select
        county_code,
        'service_code' as object_type,
        service_code as object_code,
        'service_not_in_catalogue' as issue_code,
        {{ dbt.concat(["'used by '", "min(event_type)", "' events'"]) }} as issue_detail,
        min(event_date) as first_seen,
        max(event_date) as last_seen,
        count(*) as affected_rows
    from events
    where service_code is not null and not is_service_known
    group by county_code, service_code
),

event_municipality_issues as (
    select
        events.county_code,
        'municipality' as object_type,
        events.home_municipality_code as object_code,
        'home_municipality_not_in_classification' as issue_code,
        'client home municipality is not in the municipality classification' as issue_detail,
        min(events.event_date) as first_seen,
        max(events.event_date) as last_seen,
        count(*) as affected_rows
    from events
    left join (select distinct municipality_code from {{ ref('ref_municipality_county') }}) as known
        on events.home_municipality_code = known.municipality_code
    where known.municipality_code is null
    group by events.county_code, events.home_municipality_code
),

unit_master_issues as (
    select
        county_code,
        'unit' as object_type,
        unit_id as object_code,
        case
            when not is_cost_center_known then 'unit_cost_center_not_in_cost_centers'
            else 'unit_service_not_in_catalogue'
        end as issue_code,
        {{ dbt.concat([
            "'cost centre '", "cost_center", "', service '", "coalesce(service_code, '')"
        ]) }} as issue_detail,
        min(valid_from) as first_seen,
        max(coalesce(valid_to, valid_from)) as last_seen,
        count(*) as affected_rows
    from {{ ref('int_units_mapped') }}
    where not is_cost_center_known or not is_service_known
    group by county_code, unit_id, is_cost_center_known, is_service_known, cost_center, service_code
),

cost_center_issues as (
    select
        county_code,
        'cost_center' as object_type,
        cost_center as object_code,
        case
            when service_code is null then 'service_cost_center_without_service'
            else 'cost_center_service_not_in_catalogue'
        end as issue_code,
        {{ dbt.concat(["'service '", "coalesce(service_code, '(none)')"]) }} as issue_detail,
        valid_from as first_seen,
        valid_to as last_seen,
        1 as affected_rows
    from {{ ref('int_cost_centers_mapped') }}
    where not is_mapped
),

ledger_cost_center_issues as (
    select
        cast(null as {{ dbt.type_string() }}) as county_code,
        'cost_center' as object_type,
        ledger.cost_center as object_code,
        'ledger_cost_center_not_in_cost_centers' as issue_code,
        {{ dbt.concat([
            "'ledger postings total '", dbt.safe_cast("sum(ledger.amount_eur)", dbt.type_string()), "' EUR'"
        ]) }} as issue_detail,
        min(ledger.posting_date) as first_seen,
        max(ledger.posting_date) as last_seen,
        count(*) as affected_rows
    from {{ ref('stg_finance__gl_entries') }} as ledger
    left join {{ ref('stg_finance__cost_centers') }} as cost_centers
        on ledger.cost_center = cost_centers.cost_center
    where cost_centers.cost_center is null
    group by ledger.cost_center
),

account_issues as (
    select
        cost_centers.county_code,
        'account' as object_type,
        ledger.account as object_code,
        'account_not_in_chart_of_accounts' as issue_code,
        'account is not in the AURA chart of accounts (reference years)' as issue_detail,
        min(ledger.posting_date) as first_seen,
        max(ledger.posting_date) as last_seen,
        count(*) as affected_rows
    from {{ ref('stg_finance__gl_entries') }} as ledger
    left join {{ ref('stg_finance__cost_centers') }} as cost_centers
        on ledger.cost_center = cost_centers.cost_center
    left join (select distinct account from {{ ref('ref_chart_of_accounts') }}) as chart
        on ledger.account = chart.account
    where chart.account is null
    group by cost_centers.county_code, ledger.account
),

hr_cost_center_issues as (
    select
        cast(null as {{ dbt.type_string() }}) as county_code,
        'cost_center' as object_type,
        employments.cost_center as object_code,
        'hr_cost_center_not_in_cost_centers' as issue_code,
        'employments book to a cost centre the finance system does not have' as issue_detail,
        min(employments.start_date) as first_seen,
        max(employments.start_date) as last_seen,
        count(*) as affected_rows
    from {{ ref('stg_hr__employments') }} as employments
    left join {{ ref('stg_finance__cost_centers') }} as cost_centers
        on employments.cost_center = cost_centers.cost_center
    where cost_centers.cost_center is null
    group by employments.cost_center
),

catalogue_issues as (
    select
        cast(null as {{ dbt.type_string() }}) as county_code,
        'service_code' as object_type,
        service_code as object_code,
        'service_aura_class_not_in_reference' as issue_code,
        {{ dbt.concat(["'AURA class '", "aura_class"]) }} as issue_detail,
        cast(null as date) as first_seen,
        cast(null as date) as last_seen,
        1 as affected_rows
    from {{ ref('int_services_classified') }}
    where not is_aura_class_known
),

unioned as (
    select * from event_unit_issues
    union all
    select * from event_service_issues
    union all
    select * from event_municipality_issues
    union all
    select * from unit_master_issues
    union all
    select * from cost_center_issues
    union all
    select * from ledger_cost_center_issues
    union all
    select * from account_issues
    union all
    select * from hr_cost_center_issues
    union all
    select * from catalogue_issues
)

select
    county_code,
    object_type,
    object_code,
    issue_code,
    issue_detail,
    first_seen,
    last_seen,
    cast(affected_rows as {{ dbt.type_bigint() }}) as affected_rows
from unioned
