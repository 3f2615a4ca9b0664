"""API of consultations (tham gia ý kiến, Art. 25–28): /api/v1/democracy/…"""

from ninja import Router

router = Router(tags=["democracy"])
