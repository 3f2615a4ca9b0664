"""Imports each module that registers computed indicators (``indicators.register``)."""

from danvan.reporting import sources_dossiers  # noqa: F401  (dossiers: CCHC indicators)
