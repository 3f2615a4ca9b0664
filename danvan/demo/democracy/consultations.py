"""Demo consultations of Xã Đồng Xuân: one decided (against the majority, with its explanation), one open with
opinions from a meeting, a letter and the portal, one still a draft."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from docx import Document

from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.democracy.consultation_services import (
    consultation_create,
    consultation_decide,
    opinion_record,
)
from danvan.democracy.models import Consultation, ConsultationChannel, ConsultationItem, ConsultationStatus

COMMUNE = "22081"


def _draft_docx(title: str, body: str) -> ContentFile[bytes]:
    """A short draft document (DOCX) to download from the consultation's pages."""
    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(body)
    document.add_paragraph("(Dự thảo – dữ liệu mẫu)")
    buffer = io.BytesIO()
    document.save(buffer)
    return ContentFile(buffer.getvalue(), name="du-thao.docx")


def _channels(*codes: str) -> list[ConsultationChannel]:
    return list(ConsultationChannel.objects.filter(code__in=codes))


def _open(consultation: Consultation) -> None:
    """Published on its start day (the demo's past records were published then)."""
    Consultation.objects.filter(pk=consultation.pk).update(
        status=ConsultationStatus.OPEN,
        published_at=timezone.make_aware(dt.datetime.combine(consultation.opens_on, dt.time(8))),
        version=consultation.version + 1,
    )
    consultation.refresh_from_db()


@transaction.atomic
def load(province_code: str) -> int:
    commune = AdministrativeUnit.objects.filter(
        tree=UnitTree.CURRENT, code=COMMUNE, province_code=province_code
    ).first()
    if commune is None or Consultation.objects.filter(unit=commune).exists():
        return 0
    today = timezone.localdate()
    past = consultation_create(
        actor=None,
        commune=commune,
        item=ConsultationItem.objects.get(code="boi-thuong-tai-dinh-cu"),
        title="Phương án bồi thường, hỗ trợ mở rộng đường liên thôn Phú Sơn – Tân Hòa",
        description="Mở rộng 1,2 km đường liên thôn lên 6 m; 38 hộ bị ảnh hưởng; mức hỗ trợ theo bảng giá đất của tỉnh.",
        authority="UBND xã Đồng Xuân",
        channels=_channels("hoi-nghi", "cong-thong-tin", "hom-thu-gop-y"),
        opens_on=today - dt.timedelta(days=70),
        closes_on=today - dt.timedelta(days=45),
    )
    _open(past)
    for village, stance, people in (("Thôn Phú Sơn", "disagree", 41), ("Thôn Tân Hòa", "agree", 33)):
        opinion_record(
            actor=None,
            consultation=past,
            source="meeting",
            stance=stance,
            people=people,
            author_name=f"Hội nghị {village}",
            content="Đề nghị nâng mức hỗ trợ cây trồng, vật kiến trúc." if stance == "disagree" else "",
            received_on=past.opens_on + dt.timedelta(days=7),
        )
    consultation_decide(
        actor=None,
        consultation=past,
        summary="74 người cho ý kiến tại 2 hội nghị: 33 đồng ý, 41 không đồng ý (chủ yếu về mức hỗ trợ cây trồng).",
        decision="Giữ phương án bồi thường; bổ sung hỗ trợ di dời cổng, tường rào theo thực tế.",
        adopts_draft=True,
        decided_on=today - dt.timedelta(days=40),
        explanation="Mức bồi thường đất, cây trồng theo bảng giá của UBND tỉnh, xã không có thẩm quyền nâng; "
        "phần xã quyết định được (cổng, tường rào) đã điều chỉnh theo ý kiến Nhân dân.",
    )
    current = consultation_create(
        actor=None,
        commune=commune,
        item=ConsultationItem.objects.get(code="quy-hoach-xay-dung"),
        title="Dự thảo quy hoạch chi tiết khu dân cư Gò Mít, thôn Phú Sơn",
        description="Quy hoạch 4,5 ha: 120 lô đất ở, nhà văn hóa thôn, sân thể thao và bãi đỗ xe.",
        authority="UBND xã Đồng Xuân",
        channels=_channels("hoi-nghi", "cong-thong-tin", "gui-van-ban"),
        opens_on=today - dt.timedelta(days=6),
        closes_on=today + dt.timedelta(days=24),
        draft=_draft_docx(
            "Dự thảo quy hoạch chi tiết khu dân cư Gò Mít",
            "Quy hoạch 4,5 ha: 120 lô đất ở, nhà văn hóa thôn, sân thể thao và bãi đỗ xe.",
        ),
    )
    _open(current)
    opinion_record(
        actor=None,
        consultation=current,
        source="meeting",
        stance="agree",
        people=52,
        author_name="Hội nghị thôn Phú Sơn",
        received_on=today - dt.timedelta(days=3),
    )
    opinion_record(
        actor=None,
        consultation=current,
        source="letter",
        stance="other",
        author_name="Trần Văn Sơn",
        content="Đề nghị bố trí thêm lối thoát nước phía đông.",
        received_on=today - dt.timedelta(days=2),
    )
    opinion_record(
        actor=None,
        consultation=current,
        source="portal",
        stance="agree",
        content="Nên có sân chơi cho trẻ em.",
        received_on=today - dt.timedelta(days=1),
    )
    consultation_create(
        actor=None,
        commune=commune,
        item=ConsultationItem.objects.get(code="ke-hoach-kinh-te-xa-hoi"),
        title="Dự thảo kế hoạch phát triển kinh tế – xã hội năm sau của xã Đồng Xuân",
        authority="HĐND xã Đồng Xuân",
        channels=_channels("hoi-nghi", "mttq-doan-the", "cong-thong-tin"),
        opens_on=today + dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=40),
    )
    return 3
