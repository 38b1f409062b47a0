{{ config(**tietopohja.landing_base_config('patient', 'inpatient_episodes')) }}

{{ tietopohja.landing_base('patient', 'inpatient_episodes') }}
