{{ config(**tietopohja.landing_base_config('patient', 'referrals')) }}

{{ tietopohja.landing_base('patient', 'referrals') }}
