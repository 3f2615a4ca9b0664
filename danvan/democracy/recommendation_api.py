"""API of The one recommendation tracker (docs/decisions/0023), under /api/v1/democracy/…"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["democracy"])
