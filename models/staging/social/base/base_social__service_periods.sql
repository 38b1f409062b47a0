{{ config(**tietopohja.landing_base_config('social', 'service_periods')) }}

{{ tietopohja.landing_base('social', 'service_periods') }}
