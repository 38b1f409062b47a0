{{ config(materialized='table') }}

{{ tietopohja.landing_base('social', 'cases') }}
