"""API of disclosures (dân biết, Art. 11–14): /api/v1/democracy/…"""

from ninja import Router

router = Router(tags=["democracy"])
