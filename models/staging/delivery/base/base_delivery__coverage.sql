{{ config(**tietopohja.landing_base_config('delivery', 'coverage')) }}

{{ tietopohja.landing_base('delivery', 'coverage') }}
