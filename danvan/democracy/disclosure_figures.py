"""Figures of disclosures (dân biết, Art. 11–14) for the statistics page (``danvan.democracy.figures``): how many
decisions and documents were disclosed in the period (by the date the decision was issued), how many on time, how
many with each kind of violation, and how many published on the portal. One aggregate query."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.periods import Period
from danvan.democracy.figures import FigureGroup, Place, register
from danvan.democracy.models import ComplianceStatus, Disclosure

FIGURES = (
    ("count", _("Thông tin đã công khai")),
    ("on_time", _("Công khai đúng thời hạn")),
    ("compliant", _("Đúng mọi quy định")),
    ("violations", _("Có vi phạm")),
    ("violations.late", _("Vi phạm: chậm công khai")),
    ("violations.too_short", _("Vi phạm: niêm yết chưa đủ thời gian")),
    ("violations.taken_down", _("Vi phạm: gỡ nội dung phải niêm yết thường xuyên")),
    ("violations.no_portal", _("Vi phạm: không đăng trên cổng thông tin")),
    ("violations.no_loudspeaker", _("Vi phạm: không thông báo đủ trên loa")),
    ("published", _("Đã công bố trên cổng thông tin")),
)


def compute(place: Place, period: Period) -> dict[str, int]:
    """The figures of the disclosures under ``place`` whose decision was issued in ``period``."""
    row = Disclosure.objects.filter(place.q(), issued_on__range=(period.start, period.end)).aggregate(
        count=Count("pk"),
        on_time=Count("pk", filter=Q(is_late=False, disclosed_on__isnull=False)),
        compliant=Count("pk", filter=Q(status=ComplianceStatus.OK)),
        violations=Count("pk", filter=Q(status=ComplianceStatus.VIOLATION)),
        late=Count("pk", filter=Q(is_late=True)),
        too_short=Count("pk", filter=Q(is_too_short=True)),
        taken_down=Count("pk", filter=Q(is_taken_down=True)),
        no_portal=Count("pk", filter=Q(lacks_portal=True)),
        no_loudspeaker=Count("pk", filter=Q(lacks_loudspeaker=True)),
        published=Count("pk", filter=Q(is_published=True)),
    )
    return {
        "count": row["count"],
        "on_time": row["on_time"],
        "compliant": row["compliant"],
        "violations": row["violations"],
        "violations.late": row["late"],
        "violations.too_short": row["too_short"],
        "violations.taken_down": row["taken_down"],
        "violations.no_portal": row["no_portal"],
        "violations.no_loudspeaker": row["no_loudspeaker"],
        "published": row["published"],
    }


GROUP = register(
    FigureGroup(
        code="disclosures", label=_("Công khai thông tin (dân biết)"), figures=FIGURES, compute=compute, order=10
    )
)
