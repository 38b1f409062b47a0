{#-
  Absences from both payroll systems. An absence id found in both layouts
  (an absence spanning the system switch) is one absence, taken from the
  newer system (var `hr_newer_layout`). Absences with different ids whose
  days overlap are kept as delivered; the personnel theme counts each
  calendar day of an employment once.
-#}
with unioned as (
    select
        absence_id,
        employment_id,
        absence_type,
        start_date,
        end_date,
        paid,
        'absences' as source_layout,
        _source_file,
        _source_line
    from {{ ref('base_hr__absences') }}
    where _status = 'staged'
    union all
    select
        absence_id,
        employment_id,
        absence_type,
        start_date,
        end_date,
        paid,
        'poissaolot' as source_layout,
        _source_file,
        _source_line
    from {{ ref('base_hr__poissaolot') }}
    where _status = 'staged'
),

ranked as (
    select
        *,
        row_number() over (
            partition by absence_id
            order by case when source_layout = '{{ var("hr_newer_absence_layout") }}' then 0 else 1 end
        ) as row_rank
    from unioned
)

select
    absence_id,
    employment_id,
    absence_type,
    start_date,
    end_date,
    paid,
    source_layout,
    _source_file,
    _source_line
from ranked
where row_rank = 1
