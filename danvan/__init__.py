"""danvan: mass-mobilization work and grassroots democracy, digital and lawful."""
