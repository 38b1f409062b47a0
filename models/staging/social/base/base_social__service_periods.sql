{{ config(materialized='table') }}

{{ tietopohja.landing_base('social', 'service_periods') }}
