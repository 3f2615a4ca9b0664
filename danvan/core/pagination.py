"""The API's one pagination: ``?limit=&offset=`` answering ``{"items": [...], "count": N}``.

Bounds both numbers: ninja's default accepts any offset, and an offset past
2**63 makes SQLite fail with "datatype mismatch" (a 500 that fuzzing finds).
"""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Số mục mỗi trang (tối đa 100).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu mục đầu.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
