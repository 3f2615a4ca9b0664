"""Schemas of the ranking of bodies by on-time answers to recommendations (``statistics_api``)."""

from __future__ import annotations

from ninja import Field, Schema

from danvan.core.schemas import UnitRef


class BodyRankOut(Schema):
    rank: int | None = Field(None, description="Hạng (cùng tỷ lệ thì cùng hạng); null khi chưa có kiến nghị đến hạn.")
    organization_id: int
    name: str
    unit_name: str
    raised: int = Field(..., description="Kiến nghị gửi cơ quan, nêu trong kỳ.")
    on_time: int = Field(..., description="Đã trả lời đúng hạn.")
    late: int = Field(..., description="Đã trả lời quá hạn.")
    overdue: int = Field(..., description="Chưa trả lời, đã quá hạn.")
    pending: int = Field(..., description="Chưa trả lời, chưa đến hạn.")
    share_on_time: float | None = Field(
        None,
        description="Tỷ lệ trả lời đúng hạn (%) trên số đã biết kết quả (đúng hạn + quá hạn + chưa trả lời quá hạn).",
    )
    share_text: str


__all__ = ["BodyRankOut", "UnitRef"]
