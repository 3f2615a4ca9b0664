"""Notifications of community decisions (``danvan.notifications``): the record of a decision submitted to the
commune tells the leaders of the body that answers it (UBND for matters 1–4 and 6, MTTQ for 5); a submission or
recognition clock that became overdue is told once (the day it was told is kept on the decision, so a second sweep
tells nobody twice)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.formatting import format_date
from danvan.democracy import access
from danvan.democracy.models import CommunityDecision, DecisionStatus
from danvan.notifications.services import Notice, notify_many

KIND_SUBMITTED = "decision_submitted"
KIND_SUBMISSION_OVERDUE = "decision_submission_late"
KIND_RECOGNITION_OVERDUE = "decision_recognition_late"


def _link(decision: CommunityDecision) -> str:
    return reverse("democracy:decision_detail", args=[decision.pk])


def notify_decision_submitted(decision: CommunityDecision) -> int:
    """Tell the answering body's leaders that a decision record arrived (with the recognition due day, if any)."""
    text = _("%(commune)s: biên bản nội dung %(number)s “%(title)s” đã gửi về xã.") % {
        "commune": decision.unit.name,
        "number": decision.number,
        "title": decision.title[:200],
    }
    if decision.recognition_due_on:
        text += " " + _("Hạn công nhận hoặc trả lời: %(due)s.") % {"due": format_date(decision.recognition_due_on)}
    recipients = access.decision_body_leader_ids(decision)
    return len(notify_many(Notice(pk, KIND_SUBMITTED, text, _link(decision)) for pk in recipients))


def _claim(decision: CommunityDecision, field: str, today: dt.date) -> bool:
    """Mark ``decision`` as told for ``field``; False when another sweep did it first."""
    return bool(CommunityDecision.objects.filter(pk=decision.pk, **{f"{field}__isnull": True}).update(**{field: today}))


def notify_overdue_decisions(today: dt.date | None = None) -> int:
    """Tell once of each record not sent by its due day (its author, else the answering body's leaders) and of
    each record the body has not answered by its due day (the body's leaders). Returns the notifications written."""
    today = today or timezone.localdate()
    written = 0
    late_submissions = CommunityDecision.objects.filter(
        status=DecisionStatus.CLOSED, submission_due_on__lt=today, submission_overdue_told_on__isnull=True
    ).select_related("unit")
    for decision in late_submissions.iterator():
        with transaction.atomic():
            if not _claim(decision, "submission_overdue_told_on", today):
                continue
            author = _active_author(decision)
            recipients = [author] if author else access.decision_body_leader_ids(decision)
            text = _("Quá hạn gửi biên bản nội dung %(number)s “%(title)s” về xã (hạn %(due)s).") % {
                "number": decision.number,
                "title": decision.title[:200],
                "due": format_date(decision.submission_due_on),
            }
            written += len(notify_many(Notice(pk, KIND_SUBMISSION_OVERDUE, text, _link(decision)) for pk in recipients))
    late_answers = CommunityDecision.objects.filter(
        status=DecisionStatus.SUBMITTED, recognition_due_on__lt=today, recognition_overdue_told_on__isnull=True
    ).select_related("unit")
    for decision in late_answers.iterator():
        with transaction.atomic():
            if not _claim(decision, "recognition_overdue_told_on", today):
                continue
            text = _(
                "Quá hạn công nhận hoặc trả lời nội dung %(number)s “%(title)s” của %(commune)s (hạn %(due)s)."
            ) % {
                "number": decision.number,
                "title": decision.title[:200],
                "commune": decision.unit.name,
                "due": format_date(decision.recognition_due_on),
            }
            written += len(
                notify_many(
                    Notice(pk, KIND_RECOGNITION_OVERDUE, text, _link(decision))
                    for pk in access.decision_body_leader_ids(decision)
                )
            )
    return written


def _active_author(decision: CommunityDecision) -> Any:
    author = decision.created_by
    return author.pk if author is not None and author.is_active else None
