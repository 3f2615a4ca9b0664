"""Imports each module that registers computed indicators (``indicators.register``)."""

from danvan.reporting import (  # noqa: F401
    sources_cases,
    sources_democracy,
    sources_dossiers,
    sources_feedback,
    sources_initiatives,
)
