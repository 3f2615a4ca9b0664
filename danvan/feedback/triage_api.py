"""Part of the feedback API under /api/v1/feedback/… (see api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["feedback"])
