{{ config(materialized='table') }}

{{ tietopohja.landing_base('patient', 'contacts') }}
