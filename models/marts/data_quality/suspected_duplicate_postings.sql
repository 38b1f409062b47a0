{#-
  Epäillyt kaksoiskirjaukset — general-ledger postings that look like the
  same posting booked twice: two or more staged ledger rows with different
  entry ids but the same document (tosite), posting date, account, cost
  centre and amount. Every row of such a group is reported (nothing is
  removed: which row is the mistake is the finance team's call); the test
  on this mart warns when it is not empty.
  Choices the spec left open: a missing document_id counts as the same
  (empty) document, so two undocumented postings that agree on everything
  else are reported too; the group is named by its smallest entry id;
  county_code comes from the finance master's cost centre (NULL when the
  centre is unknown).
-#}
with ledger as (
    select * from {{ ref('stg_finance__gl_entries') }}
),

grouped as (
    select
        entry_id,
        document_id,
        posting_date,
        period,
        account,
        cost_center,
        amount_eur,
        _source_file as source_file,
        _source_line as source_line,
        count(*) over (
            partition by document_id, posting_date, account, cost_center, amount_eur
        ) as rows_in_group,
        min(entry_id) over (
            partition by document_id, posting_date, account, cost_center, amount_eur
        ) as duplicate_group
    from ledger
)

select
    grouped.duplicate_group,
    grouped.entry_id,
    grouped.document_id,
    grouped.posting_date,
    grouped.period,
    grouped.account,
    grouped.cost_center,
    cost_centers.county_code,
    cast(grouped.amount_eur as decimal(18, 2)) as amount_eur,
    cast(grouped.rows_in_group as {{ dbt.type_bigint() }}) as rows_in_group,
    grouped.source_file,
    cast(grouped.source_line as {{ dbt.type_bigint() }}) as source_line
from grouped
left join {{ ref('stg_finance__cost_centers') }} as cost_centers
    on grouped.cost_center = cost_centers.cost_center
where grouped.rows_in_group > 1
