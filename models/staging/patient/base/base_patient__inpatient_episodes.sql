{{ config(materialized='table') }}

{{ tietopohja.landing_base('patient', 'inpatient_episodes') }}
