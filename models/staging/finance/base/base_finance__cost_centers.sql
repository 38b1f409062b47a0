{{ config(**tietopohja.landing_base_config('finance', 'cost_centers')) }}

{{ tietopohja.landing_base('finance', 'cost_centers') }}
