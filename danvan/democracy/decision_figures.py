"""Figures of community decisions (dân bàn và quyết định, Art. 15–22) for the statistics page (``danvan.democracy.figures``)."""
