"""Imports each module that registers computed indicators (``indicators.register``)."""

from danvan.reporting import sources_dossiers  # noqa: E402, F401  (dossiers: CCHC indicators)
