"""Figures of consultations (tham gia ý kiến, Art. 25–28) for the statistics page (``danvan.democracy.figures``)."""
