"""API of People's Inspection Boards and Community Investment Supervision Boards (Luật 10/2022/QH15 Art. 36–45; NĐ 59/2023 Art. 12–19), under /api/v1/democracy/…"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["democracy"])
