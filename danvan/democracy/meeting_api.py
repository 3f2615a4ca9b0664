"""API of year-end community meetings and dialogues (Art. 32–33): /api/v1/democracy/…"""

from ninja import Router

router = Router(tags=["democracy"])
