{{ config(**tietopohja.landing_base_config('social', 'cases')) }}

{{ tietopohja.landing_base('social', 'cases') }}
