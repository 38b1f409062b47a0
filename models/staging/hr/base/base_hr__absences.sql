{{ config(**tietopohja.landing_base_config('hr', 'absences')) }}

{{ tietopohja.landing_base('hr', 'absences') }}
