{{ config(materialized='table') }}

{{ tietopohja.landing_base('finance', 'cost_centers') }}
