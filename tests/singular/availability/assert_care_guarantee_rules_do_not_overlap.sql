{#-
  The dated rule table is unambiguous: two rows of the same rule, service
  group, client condition and urgency scope never both apply to one wait
  (their validity periods and age bands must not overlap). Returns the
  overlapping pairs.
-#}
select
    first_row.rule,
    first_row.applies_to,
    first_row.client_condition,
    first_row.valid_from as first_valid_from,
    second_row.valid_from as second_valid_from,
    first_row.age_from as first_age_from,
    second_row.age_from as second_age_from
from {{ ref('care_guarantee_rules') }} as first_row
inner join {{ ref('care_guarantee_rules') }} as second_row
    on
        {{ tietopohja.keys_match(
            'first_row', 'second_row', ['rule', 'applies_to', 'urgency_scope'], ['client_condition']
        ) }}
        and (
            first_row.valid_from < second_row.valid_from
            or (first_row.valid_from = second_row.valid_from and first_row.age_from < second_row.age_from)
        )
where
    coalesce(first_row.valid_to, cast('9999-12-31' as date)) >= second_row.valid_from
    and coalesce(second_row.valid_to, cast('9999-12-31' as date)) >= first_row.valid_from
    and first_row.age_to >= second_row.age_from
    and second_row.age_to >= first_row.age_from
