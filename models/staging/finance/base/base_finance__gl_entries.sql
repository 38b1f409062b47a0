{{ config(materialized='table') }}

{{ tietopohja.landing_base('finance', 'gl_entries') }}
