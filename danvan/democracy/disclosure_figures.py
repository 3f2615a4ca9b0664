"""Figures of disclosures (dân biết, Art. 11–14) for the statistics page (``danvan.democracy.figures``)."""
