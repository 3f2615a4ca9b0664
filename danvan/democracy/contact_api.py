"""API of Dialogues of heads of bodies with their staff, and HĐND deputies' voter contacts, under /api/v1/democracy/…"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["democracy"])
