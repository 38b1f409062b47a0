{{ config(**tietopohja.landing_base_config('patient', 'feedback')) }}

{{ tietopohja.landing_base('patient', 'feedback') }}
