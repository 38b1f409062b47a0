{{ config(**tietopohja.landing_base_config('finance', 'budget')) }}

{{ tietopohja.landing_base('finance', 'budget') }}
