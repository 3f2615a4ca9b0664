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
