"""API of the household register: /api/v1/democracy/…"""

from ninja import Router

router = Router(tags=["democracy"])
