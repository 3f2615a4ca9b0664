"""Figures of year-end community meetings and dialogues (Art. 32–33) for the statistics page (``danvan.democracy.figures``)."""
