{#-
  Tilit ryhmiteltyinä — one row per account of the AURA chart of accounts
  with its name and account group (kulu- tai tuottolaji) from the latest
  reference year that has the account. Accounts of the ledger or budget
  missing from the chart get the group `unknown` where they are used.
-#}
with ranked as (
    select
        account,
        account_name_fi,
        account_group_fi,
        year,
        row_number() over (partition by account order by year desc) as year_rank
    from {{ ref('ref_chart_of_accounts') }}
)

select
    account,
    account_name_fi,
    account_group_fi as account_group,
    year as chart_year
from ranked
where year_rank = 1
