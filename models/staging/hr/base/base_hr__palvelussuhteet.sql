{{ config(**tietopohja.landing_base_config('hr', 'palvelussuhteet')) }}

{{ tietopohja.landing_base('hr', 'palvelussuhteet') }}
