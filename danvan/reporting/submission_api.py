"""Part of the reporting API (see api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["reporting"])
