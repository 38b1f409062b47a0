{{ config(**tietopohja.landing_base_config('hr', 'work_hours')) }}

{{ tietopohja.landing_base('hr', 'work_hours') }}
