{{ config(**tietopohja.landing_base_config('finance', 'allocation_drivers')) }}

{{ tietopohja.landing_base('finance', 'allocation_drivers') }}
