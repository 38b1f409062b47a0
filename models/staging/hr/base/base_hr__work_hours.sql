{{ config(materialized='table') }}

{{ tietopohja.landing_base('hr', 'work_hours') }}
