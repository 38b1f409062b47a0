{#-
  Tililuokkasäännöt — the finance rules of minimum-data.md "Costs". The
  account ranges are data: seeds/rules/account_rules.csv (4-digit AURA
  chart-of-accounts numbers, inclusive ranges; within a rule set the first
  match by `precedence` wins):

  - account class: operating costs (toimintakulut) 4000–4995, operating
    income (toimintatuotot) 3000–3799 (negative in the ledger: credit);
    an account in no range is `other`
  - production mode: 4315 `voucher` (palveluseteli); other 4300–4339
    `purchased` (ostopalvelut); an account in no range is `own`
  - net cost = costs + income, both as signed in the ledger
  - internal item (sisäinen erä): empty counterparty sector

  The rules are applied by a join to the seed (its `ref` is written in
  `classified_accounts`, so the lineage shows it and it works on every
  engine; nothing is read at compile time).
-#}

{#- A select for a CTE: one row per distinct `account` of `source` (a
    relation or CTE name; NULL included) with its account_class and
    production_mode. Join it to the rows with
    tietopohja.null_safe_equal('<rows>.account', '<cte>.account'). -#}
{%- macro classified_accounts(source, account='account') -%}
    select
        account,
        coalesce(max(case when rule_set = 'account_class' and match_rank = 1 then rule_value end), 'other')
            as account_class,
        coalesce(max(case when rule_set = 'production_mode' and match_rank = 1 then rule_value end), 'own')
            as production_mode
    from (
        select
            accounts.account,
            rules.rule_set,
            rules.value as rule_value,
            row_number() over (
                partition by accounts.account, rules.rule_set
                order by rules.precedence asc nulls last, rules.account_from asc nulls last
            ) as match_rank
        from (select distinct {{ account }} as account from {{ source }}) as accounts
        left join {{ ref('account_rules') }} as rules
            on {{ tietopohja.account_number('accounts.account') }} between rules.account_from and rules.account_to
    ) as matched
    group by account
{%- endmacro -%}

{%- macro account_number(account) -%}
    {{ dbt.safe_cast(account, dbt.type_int()) }}
{%- endmacro -%}

{%- macro is_internal_item(counterparty_sector) -%}
    ({{ counterparty_sector }} is null or trim({{ counterparty_sector }}) = '')
{%- endmacro -%}
