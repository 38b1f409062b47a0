{{ config(materialized='table') }}

{{ tietopohja.landing_base('hr', 'employments') }}
