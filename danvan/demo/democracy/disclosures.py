"""Demo disclosures at the demo communes: a register that looks like a real commune's, with postings that lasted,
one still running, one posted late, one taken down early and a permanent item on the notice board, so that the
compliance boards show green, yellow and red."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.demo.officers import VILLAGES
from danvan.democracy.disclosure_services import ChannelLine, disclosure_channel_end, disclosure_create
from danvan.democracy.models import Disclosure, DisclosureForm, DisclosureItem

# (days ago issued, days after issue disclosed, item, title, document number, channels, published, taken down after)
# channels: form code → days the channel lasted (None: still up)
RECORDS: list[tuple[int, int, int, str, str, dict[str, int | None], bool, int | None]] = [
    (
        75,
        2,
        3,
        "Phương án bồi thường, hỗ trợ, tái định cư dự án Đường liên xã {commune}",
        "45/QĐ-UBND",
        {"posting": None, "portal": None},
        True,
        None,
    ),
    (60, 3, 2, "Dự toán ngân sách xã năm {year}", "12/QĐ-UBND", {"posting": 35, "portal": None}, True, None),
    (
        50,
        1,
        7,
        "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ tiền điện quý này",
        "30/QĐ-UBND",
        {"posting": 32, "loudspeaker": 3, "portal": None},
        True,
        None,
    ),
    (
        400,
        4,
        4,
        "Quy chế thực hiện dân chủ ở cơ sở của {commune}",
        "05/QĐ-UBND",
        {"posting": None, "portal": None},
        True,
        None,
    ),
    (
        300,
        2,
        13,
        "Bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND {commune}",
        "88/QĐ-UBND",
        {"posting": None, "portal": None},
        True,
        200,
    ),
    (45, 12, 12, "Mức thu phí chợ và lệ phí trông giữ xe", "21/QĐ-UBND", {"posting": 30, "loudspeaker": 3}, True, None),
    (40, 2, 5, "Kết quả vận động Quỹ Vì người nghèo năm {year}", "", {"posting": None, "portal": None}, True, 20),
    (
        6,
        1,
        1,
        "Kế hoạch phát triển kinh tế - xã hội 6 tháng cuối năm",
        "60/KH-UBND",
        {"posting": None, "village_heads": None},
        True,
        None,
    ),
    (2, 1, 8, "Danh sách hộ được hỗ trợ khắc phục hậu quả mưa lũ", "61/QĐ-UBND", {"posting": None}, False, None),
]
# A one-page PDF standing for the signed decision (the demo has no scans).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PLACES = {"posting": "Bảng tin trụ sở UBND xã", "village_heads": "Các thôn, khu phố"}


def _load_commune(commune: AdministrativeUnit, today: dt.date) -> int:
    if Disclosure.objects.filter(unit=commune).exists():
        return 0
    forms = {form.code: form for form in DisclosureForm.objects.all()}
    items = {item.number: item for item in DisclosureItem.objects.all()}
    created = 0
    for ago, delay, number, title, document_number, channels, published, taken_down in RECORDS:
        issued = today - dt.timedelta(days=ago)
        start = issued + dt.timedelta(days=delay)
        lines = []
        for code, days in channels.items():
            place = PLACES.get(code, "")
            if code == "posting" and commune.name:
                place = f"{PLACES['posting']} {commune.name}"
            end = start + dt.timedelta(days=days - 1) if days else None
            lines.append(ChannelLine(form=forms[code], started_on=start, ended_on=end, place=place))
        upload = (
            ContentFile(DEMO_PDF, name=f"quyet-dinh-{document_number.split('/')[0]}.pdf")
            if document_number and number == 3
            else None
        )
        disclosure = disclosure_create(
            actor=None,
            unit=commune,
            item=items[number],
            title=title.format(commune=commune.name, year=today.year),
            document_number=document_number,
            issued_on=issued,
            summary="",
            channels=lines,
            publish=published,
            upload=upload,
        )
        if published:  # published on the day it was first disclosed, as the officer would have done
            Disclosure.objects.filter(pk=disclosure.pk).update(published_on=start, recheck_on=today)
        if taken_down:
            posting = disclosure.channels.get(form__code="posting")
            disclosure.refresh_from_db()
            disclosure_channel_end(
                actor=None,
                channel=posting,
                expected_version=disclosure.version,
                ended_on=start + dt.timedelta(days=taken_down - 1),
                reason="Bảng tin bị hư hỏng do mưa bão",
            )
        created += 1
    return created


def load(province_code: str) -> int:
    """The demo disclosures at each demo commune of ``province_code``; the number created (0 when already there)."""
    from danvan.democracy.disclosure_services import disclosures_refresh

    today = timezone.localdate()
    communes = AdministrativeUnit.objects.filter(
        tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, province_code=province_code, code__in=list(VILLAGES)
    )
    created = sum(_load_commune(commune, today) for commune in communes)
    disclosures_refresh(Disclosure.objects.filter(province_code=province_code), on=today)
    return created
