"""Imports each module that registers computed indicators (``indicators.register``)."""
