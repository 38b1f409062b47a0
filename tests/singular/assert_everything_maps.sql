{#- Every unit, cost centre, account and service code maps (the mapping
    report is empty). An error on the bundled sample, which must map
    completely; on a county's own data a warning by default, so a gap shows
    in the build log and in mapping_completeness without stopping the marts
    (var unmapped_severity: error makes it strict). -#}
{%- set on_sample = tietopohja.landing_dir() == 'sample_data/landing' -%}
{{ config(severity=('error' if on_sample else var('unmapped_severity', 'warn'))) }}

select * from {{ ref('mapping_completeness') }}
