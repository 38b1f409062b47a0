{{ config(materialized='table') }}

{{ tietopohja.landing_base('delivery', 'coverage') }}
