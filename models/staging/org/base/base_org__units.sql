{{ config(materialized='table') }}

{{ tietopohja.landing_base('org', 'units') }}
