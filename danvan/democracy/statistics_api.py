"""API of the statistics of grassroots democracy: /api/v1/democracy/statistics…"""

from ninja import Router

router = Router(tags=["democracy"])
