{{ config(materialized='table') }}

{{ tietopohja.landing_base('finance', 'allocation_drivers') }}
