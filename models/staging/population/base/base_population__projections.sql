{{ config(materialized='table') }}

{{ tietopohja.landing_base('population', 'projections') }}
