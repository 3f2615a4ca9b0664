from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Schema

from danvan.notifications.models import Notification

MAX_ID = 2**63 - 1


class NotificationOut(Schema):
    id: int
    kind: str
    message: str
    case_id: int | None
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    is_read: bool

    @staticmethod
    def resolve_is_read(obj: Notification) -> bool:
        return obj.read_at is not None


class NotificationReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        None, max_length=1000, description="Bỏ trống: đánh dấu tất cả là đã đọc."
    )


class MarkedOut(Schema):
    marked: int
