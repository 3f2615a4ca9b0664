"""The words of the consultations' audit entries (:mod:`danvan.core.audit_text`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register

register(
    prefix=("democracy.consultation.", "democracy.opinion."),
    verbs={
        "democracy.consultation.created": _("đã lập đợt lấy ý kiến Nhân dân"),
        "democracy.consultation.updated": _("đã sửa đợt lấy ý kiến Nhân dân"),
        "democracy.consultation.published": _("đã công bố dự thảo lấy ý kiến Nhân dân"),
        "democracy.consultation.decided": _("đã ghi quyết định và công khai kết quả lấy ý kiến"),
        "democracy.opinion.recorded": _("đã ghi ý kiến góp ý"),
        "democracy.opinion.submitted": _("người dân đã gửi ý kiến qua cổng thông tin"),
    },
    fields={
        "title": _("tên dự thảo"),
        "opens_on": _("ngày bắt đầu lấy ý kiến"),
        "closes_on": _("ngày kết thúc lấy ý kiến"),
        "authority": _("cơ quan có thẩm quyền quyết định"),
        "adopts_draft": _("quyết định theo dự thảo"),
        "against_majority": _("quyết định khác ý kiến đa số"),
        "stance": _("ý kiến"),
        "people": _("số người"),
        "source": _("nguồn"),
    },
)
