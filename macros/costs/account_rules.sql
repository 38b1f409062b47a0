{#-
  Tililuokkasäännöt — the finance rules of minimum-data.md "Costs", in one
  place. Accounts are 4-digit AURA chart-of-accounts numbers (text); every
  range is inclusive.

  - operating costs (toimintakulut): accounts 4000–4995
  - operating income (toimintatuotot): accounts 3000–3799 (negative in the
    ledger: credit)
  - net cost = costs + income, both as signed in the ledger
  - production mode: 4315 `voucher` (palveluseteli); other 4300–4339
    `purchased` (ostopalvelut); everything else `own`
  - internal item (sisäinen erä): empty counterparty sector
-#}

{%- macro cost_account_ranges() -%}
    {{ return({
        'operating_cost': [4000, 4995],
        'operating_income': [3000, 3799],
    }) }}
{%- endmacro -%}

{%- macro production_mode_account_rules() -%}
    {#- first match wins -#}
    {{ return([
        {'from': 4315, 'to': 4315, 'mode': 'voucher'},
        {'from': 4300, 'to': 4339, 'mode': 'purchased'},
    ]) }}
{%- endmacro -%}

{%- macro account_number(account) -%}
    {{ dbt.safe_cast(account, dbt.type_int()) }}
{%- endmacro -%}

{#- 'operating_cost', 'operating_income' or 'other' -#}
{%- macro account_class(account) -%}
    {%- set n = tietopohja.account_number(account) -%}
    case
        {%- for class_name, bounds in tietopohja.cost_account_ranges().items() %}
        when {{ n }} between {{ bounds[0] }} and {{ bounds[1] }} then '{{ class_name }}'
        {%- endfor %}
        else 'other'
    end
{%- endmacro -%}

{%- macro is_operating_cost_account(account) -%}
    {%- set bounds = tietopohja.cost_account_ranges()['operating_cost'] -%}
    coalesce({{ tietopohja.account_number(account) }} between {{ bounds[0] }} and {{ bounds[1] }}, false)
{%- endmacro -%}

{%- macro is_operating_income_account(account) -%}
    {%- set bounds = tietopohja.cost_account_ranges()['operating_income'] -%}
    coalesce({{ tietopohja.account_number(account) }} between {{ bounds[0] }} and {{ bounds[1] }}, false)
{%- endmacro -%}

{%- macro production_mode_from_account(account) -%}
    {%- set n = tietopohja.account_number(account) -%}
    case
        {%- for rule in tietopohja.production_mode_account_rules() %}
        when {{ n }} between {{ rule['from'] }} and {{ rule['to'] }} then '{{ rule['mode'] }}'
        {%- endfor %}
        else 'own'
    end
{%- endmacro -%}

{%- macro is_internal_item(counterparty_sector) -%}
    ({{ counterparty_sector }} is null or trim({{ counterparty_sector }}) = '')
{%- endmacro -%}
