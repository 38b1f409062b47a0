{{ config(**tietopohja.landing_base_config('patient', 'visits')) }}

{{ tietopohja.landing_base('patient', 'visits') }}
