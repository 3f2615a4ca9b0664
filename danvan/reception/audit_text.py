"""The words of reception's audit entries, registered with :mod:`danvan.core.audit_text`.

The action codes keep the ``cases.`` prefix they had before reception became its own app (decision 0013): the
audit trail is append-only, so the entries already written name them, and one code means one thing for good.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.audit_text import register
from danvan.reception.models import SessionStatus

register(
    verbs={
        "cases.visit.recorded": _("đã ghi sổ lượt tiếp công dân"),
        "cases.reception_session.planned": _("đã đưa vào lịch buổi tiếp"),
        "cases.reception_session.held": _("đã ghi nhận buổi tiếp"),
        "cases.reception_session.cancelled": _("đã hủy buổi tiếp"),
    },
    values={"status": dict(SessionStatus.choices)},
)
