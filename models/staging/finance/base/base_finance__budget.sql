{{ config(materialized='table') }}

{{ tietopohja.landing_base('finance', 'budget') }}
