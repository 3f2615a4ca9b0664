"""Moderation of a report's public content, keeping the original for revert (FixMyStreet's moderation, better).

An officer replaces the citizen's description or the published answer (``field`` ``description`` /
``answer_text``), or hides a photo (``field`` ``photo``); each edit is a :class:`Moderation` row with the original
text, so :func:`moderation_revert` puts it back (refused when the text was edited again since, which would be lost).
The report is flagged (``has_personal_data_flag``) while its description or answer seems to hold a phone or ID
number (``personal_data.find_personal_data``); each moderation recomputes the flag.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.errors import ConflictError
from danvan.feedback import access
from danvan.feedback.models import EventKind, Moderation, Report, ReportPhoto
from danvan.feedback.personal_data import has_personal_data
from danvan.feedback.triage import (
    _now,
    add_event,
    audit,
    clean_text,
    forbidden,
    invalid,
    lock,
    save,
)

TEXT_FIELDS = ("description", "answer_text")
FIELDS = (*TEXT_FIELDS, "photo")
FIELD_LABELS = {
    "description": _("Nội dung phản ánh"),
    "answer_text": _("Nội dung trả lời"),
    "photo": _("Ảnh"),
}


def refresh_personal_data_flag(report: Report) -> bool:
    """Set the report's flag from its description and answer (not saved); True when it changed."""
    flag = has_personal_data(report.description, report.answer_text)
    changed = flag != report.has_personal_data_flag
    report.has_personal_data_flag = flag
    return changed


def flag_personal_data(report: Report) -> Report:
    """Recompute and store the flag of a report (after intake, or for reports filed before the check)."""
    if refresh_personal_data_flag(report):
        Report.objects.filter(pk=report.pk).update(has_personal_data_flag=report.has_personal_data_flag)
    return report


def _photo_of(report: Report, photo: ReportPhoto | int | None) -> ReportPhoto:
    photo_id = photo.pk if isinstance(photo, ReportPhoto) else photo
    found = ReportPhoto.objects.filter(report=report, pk=photo_id).first() if photo_id else None
    if found is None:
        raise invalid("unknown_photo", _("Không tìm thấy ảnh của phản ánh này."), "photo")
    return found


@transaction.atomic
def report_moderate(
    *,
    actor: Any,
    report: Report,
    field: str,
    replacement: str = "",
    reason: str,
    photo: ReportPhoto | int | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Moderation:
    """Replace the report's ``description`` or ``answer_text`` by ``replacement``, or hide ``photo`` (``field``
    ``photo``; ``replacement`` ignored); the original is kept on the returned :class:`Moderation`."""
    if field not in FIELDS:
        raise invalid("invalid_field", _("Chỉ biên tập được nội dung phản ánh, nội dung trả lời hoặc ảnh."), "field")
    reason = clean_text(reason, "reason", message=_("Hãy ghi lý do biên tập."))[:300]
    now = _now(now)
    report = lock(report, expected_version)
    if not access.can_moderate(actor, report):
        raise forbidden()
    if field == "photo":
        target = _photo_of(report, photo)
        if target.is_hidden:
            raise ConflictError("photo_already_hidden", _("Ảnh này đã được ẩn."))
        target.is_hidden = True
        target.save(update_fields=["is_hidden"])
        original, new = str(target.pk), ""
        save(report, [])
    else:
        new = clean_text(replacement, "replacement", message=_("Hãy ghi nội dung thay thế."))
        original = getattr(report, field)
        if field == "answer_text" and not original:
            raise invalid("no_answer", _("Phản ánh chưa có câu trả lời để biên tập."), "field")
        if new == original:
            raise invalid("unchanged", _("Nội dung thay thế giống nội dung hiện tại."), "replacement")
        setattr(report, field, new)
        fields = [field, "has_personal_data_flag"]
        refresh_personal_data_flag(report)
        if field == "description":
            from danvan.feedback.intake import report_search_text

            report.search_text = report_search_text(report)
            fields.append("search_text")
        save(report, fields)
    moderation = Moderation.objects.create(
        report=report, field=field, original=original, replacement=new, reason=reason, actor=actor, at=now
    )
    add_event(report, EventKind.MODERATED, actor=actor, at=now, text=str(FIELD_LABELS[field]))
    audit(actor, "moderated", report, field=field, moderation=moderation.pk, reason=reason)
    return moderation


@transaction.atomic
def moderation_revert(*, actor: Any, moderation: Moderation, now: dt.datetime | None = None) -> Moderation:
    """Put the original back (the text, or show the photo again)."""
    now = _now(now)
    moderation = Moderation.objects.select_for_update(of=("self",)).get(pk=moderation.pk)
    report = lock(moderation.report, None)
    if not access.can_moderate(actor, report):
        raise forbidden()
    if moderation.reverted_at is not None:
        raise ConflictError("already_reverted", _("Lần biên tập này đã được hoàn tác."))
    if moderation.field == "photo":
        ReportPhoto.objects.filter(report=report, pk=int(moderation.original)).update(is_hidden=False)
        save(report, [])
    else:
        if getattr(report, moderation.field) != moderation.replacement:
            raise ConflictError(
                "moderation_superseded",
                _("Nội dung đã được sửa lại sau lần biên tập này; hãy hoàn tác lần biên tập mới nhất trước."),
            )
        setattr(report, moderation.field, moderation.original)
        fields = [moderation.field, "has_personal_data_flag"]
        refresh_personal_data_flag(report)
        if moderation.field == "description":
            from danvan.feedback.intake import report_search_text

            report.search_text = report_search_text(report)
            fields.append("search_text")
        save(report, fields)
    moderation.reverted_at = now
    moderation.reverted_by = actor
    moderation.save(update_fields=["reverted_at", "reverted_by"])
    add_event(
        report,
        EventKind.MODERATED,
        actor=actor,
        at=now,
        text=_("Hoàn tác biên tập: %(field)s") % {"field": FIELD_LABELS[moderation.field]},
        is_public=False,
    )
    audit(actor, "moderation_reverted", report, field=moderation.field, moderation=moderation.pk)
    return moderation
