{{ config(**tietopohja.landing_base_config('patient', 'contacts')) }}

{{ tietopohja.landing_base('patient', 'contacts') }}
