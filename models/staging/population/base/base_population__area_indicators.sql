{{ config(materialized='table') }}

{{ tietopohja.landing_base('population', 'area_indicators') }}
