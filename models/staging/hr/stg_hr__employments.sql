{#-
  One row per employment across both payroll systems. The canonical layout
  (`employments`) and the second system's layout (`palvelussuhteet`, already
  translated to canonical columns and codes in its base model) share
  employment ids. An employment found in both is one employment: it starts
  on the earliest start date of its rows; its other attributes (cost centre,
  end date and reason, work time) come from the row that starts last, and on
  a tie from the newer system (var `hr_newer_layout`, default the second
  layout `palvelussuhteet`), because the newer system knows how the
  employment went on after the switch.
-#}
with unioned as (
    select
        employment_id,
        employee_id,
        cost_center,
        title,
        occupation_code,
        employment_type,
        start_date,
        end_date,
        end_reason,
        work_time_pct,
        'employments' as source_layout,
        _source_file,
        _source_line
    from {{ ref('base_hr__employments') }}
    where _status = 'staged'
    union all
    select
        employment_id,
        employee_id,
        cost_center,
        title,
        occupation_code,
        employment_type,
        start_date,
        end_date,
        end_reason,
        work_time_pct,
        'palvelussuhteet' as source_layout,
        _source_file,
        _source_line
    from {{ ref('base_hr__palvelussuhteet') }}
    where _status = 'staged'
),

ranked as (
    select
        *,
        min(start_date) over (partition by employment_id) as first_start_date,
        count(*) over (partition by employment_id) as layout_count,
        row_number() over (
            partition by employment_id
            order by
                start_date desc,
                case when source_layout = '{{ var("hr_newer_layout") }}' then 0 else 1 end
        ) as row_rank
    from unioned
)

select
    employment_id,
    {{ tietopohja.pseudonym('employee_id', 'employee') }} as employee_pseudonym,
    cost_center,
    title,
    occupation_code,
    employment_type,
    first_start_date as start_date,
    end_date,
    end_reason,
    work_time_pct,
    case when layout_count > 1 then 'both' else source_layout end as source_layout,
    _source_file,
    _source_line
from ranked
where row_rank = 1
