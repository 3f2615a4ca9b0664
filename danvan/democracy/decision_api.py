"""API of community decisions (dân bàn và quyết định, Art. 15–22): /api/v1/democracy/…"""

from ninja import Router

router = Router(tags=["democracy"])
