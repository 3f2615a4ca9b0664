"""Imports each module that registers computed indicators (``indicators.register``)."""

from danvan.reporting import sources_cases, sources_democracy, sources_initiatives  # noqa: F401
