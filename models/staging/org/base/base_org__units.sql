{{ config(**tietopohja.landing_base_config('org', 'units')) }}

{{ tietopohja.landing_base('org', 'units') }}
