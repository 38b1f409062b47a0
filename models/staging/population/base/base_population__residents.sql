{{ config(**tietopohja.landing_base_config('population', 'residents')) }}

{{ tietopohja.landing_base('population', 'residents') }}
