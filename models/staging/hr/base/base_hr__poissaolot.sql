{{ config(**tietopohja.landing_base_config('hr', 'poissaolot')) }}

{{ tietopohja.landing_base('hr', 'poissaolot') }}
