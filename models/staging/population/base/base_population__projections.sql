{{ config(**tietopohja.landing_base_config('population', 'projections')) }}

{{ tietopohja.landing_base('population', 'projections') }}
