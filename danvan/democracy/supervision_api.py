"""API of Fatherland Front supervision programmes and social-criticism sessions (Luật MTTQ; Luật 97/2025), under /api/v1/democracy/…"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["democracy"])
