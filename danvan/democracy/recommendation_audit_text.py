"""The words of the audit entries of the recommendation tracker (:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.democracy.models import (
    Addressee,
    Assessment,
    RecommendationField,
    RecommendationKind,
    RecommendationSource,
    RecommendationStatus,
)

register(
    prefix=("democracy.recommendation.",),
    verbs={
        "democracy.recommendation.raised": _("đã ghi kiến nghị cần trả lời"),
        "democracy.recommendation.answered": _("đã ghi câu trả lời kiến nghị"),
        "democracy.recommendation.transferred": _("đã chuyển kiến nghị cho cơ quan khác"),
        "democracy.recommendation.assessed": _("đã ghi đánh giá của bên kiến nghị về câu trả lời"),
        "democracy.recommendation.duplicate_marked": _("đã đánh dấu kiến nghị trùng"),
        "democracy.recommendation.public_hidden": _("đã thay đổi hiển thị kiến nghị trên trang công khai"),
    },
    fields={
        "source": _("nguồn"),
        "field": _("lĩnh vực"),
        "addressee": _("cơ quan trả lời"),
        "addressee_org": _("cơ quan có thẩm quyền trả lời"),
        "due_on": _("hạn trả lời"),
        "answered_on": _("ngày trả lời"),
        "answer": _("nội dung trả lời"),
        "assessment": _("đánh giá trả lời"),
        "status": _("trạng thái"),
        "answered_by_org": _("cơ quan trả lời"),
        "answer_document": _("văn bản trả lời"),
        "reason": _("lý do"),
        "transfer": _("lần chuyển"),
        "bulk": _("trả lời chung (số kiến nghị)"),
        "duplicate_of": _("trùng với kiến nghị"),
        "public_hidden": _("ẩn trên cổng công khai"),
        "event": _("nơi nêu"),
        "kind": _("loại"),
    },
    values={
        "kind": dict(RecommendationKind.choices),
        "source": dict(RecommendationSource.choices),
        "field": dict(RecommendationField.choices),
        "status": dict(RecommendationStatus.choices),
        "assessment": dict(Assessment.choices),
        "addressee": dict(Addressee.choices),
    },
)
