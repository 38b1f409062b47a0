{{ config(**tietopohja.landing_base_config('population', 'area_indicators')) }}

{{ tietopohja.landing_base('population', 'area_indicators') }}
