{{ config(**tietopohja.landing_base_config('hr', 'employments')) }}

{{ tietopohja.landing_base('hr', 'employments') }}
