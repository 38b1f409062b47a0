{{ config(**tietopohja.landing_base_config('finance', 'gl_entries')) }}

{{ tietopohja.landing_base('finance', 'gl_entries') }}
