"""Citizen notices: when a report is accepted, refused, merged, transferred, asked for information or answered, its
citizen (when they left an e-mail or a phone) and its followers are told by e-mail and SMS.

``notices_queue`` writes one :class:`CitizenNotice` row per address in the caller's transaction; after the commit a
task (``deliver_notice``) sends each row: claimed by one conditional UPDATE (two workers never both send it), sent
through Django's e-mail backend or the SMS backend named by ``settings.FEEDBACK_SMS_BACKEND`` (a dotted path; the
console backend by default, ``LocmemSmsBackend`` in tests), then marked sent — or put back for a later attempt with
the notifications' bounded backoff (``EMAIL_OUTBOX_*`` settings), ``failed`` after the last attempt.

A notice carries the report's public link, never the citizen's secret link.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.tasks import task
from danvan.feedback.models import EventKind, Follower, Report
from danvan.notifications.models import OutboxState

logger = logging.getLogger(__name__)

DEFAULT_SMS_BACKEND = "danvan.feedback.messages.ConsoleSmsBackend"
SMS_MAX = 320


class NoticeChannel(models.TextChoices):
    EMAIL = "email", gettext_lazy("Thư điện tử")
    SMS = "sms", gettext_lazy("Tin nhắn SMS")


class CitizenNotice(models.Model):
    """One e-mail or SMS to a citizen or a follower about a report (the feedback channel's outbox)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)  # the EventKind told
    channel = models.CharField(max_length=5, choices=NoticeChannel.choices)
    to_address = models.CharField(max_length=254)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[CitizenNotice]] = models.Manager()

    class Meta:
        app_label = "feedback"
        ordering = ["id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="citizen_notice_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} ({self.state})"


# --- SMS backends --------------------------------------------------------------------------------------------


class SmsError(Exception):
    """The SMS gateway refused or could not be reached (the notice is tried again later)."""


class ConsoleSmsBackend:
    """Development: writes each SMS to standard output."""

    def send(self, phone: str, text: str) -> None:
        sys.stdout.write(f"SMS → {phone}: {text}\n")
        sys.stdout.flush()


class LocmemSmsBackend:
    """Tests: keeps each SMS in ``LocmemSmsBackend.outbox`` (a class attribute, as Django's locmem e-mail)."""

    outbox: ClassVar[list[tuple[str, str]]] = []

    def send(self, phone: str, text: str) -> None:
        self.outbox.append((phone, text))


class FailingSmsBackend:
    """Tests: every send fails (retry and backoff)."""

    def send(self, phone: str, text: str) -> None:
        raise SmsError("gateway unavailable")


def sms_backend() -> Any:
    return import_string(getattr(settings, "FEEDBACK_SMS_BACKEND", "") or DEFAULT_SMS_BACKEND)()


# --- Writing the notices -------------------------------------------------------------------------------------

SUBJECTS = {
    EventKind.ACCEPTED: gettext_lazy("Phản ánh %(code)s đã được tiếp nhận xử lý"),
    EventKind.REFUSED: gettext_lazy("Phản ánh %(code)s không được tiếp nhận"),
    EventKind.MERGED: gettext_lazy("Phản ánh %(code)s được gộp với phản ánh cùng nội dung"),
    EventKind.TRANSFERRED: gettext_lazy("Phản ánh %(code)s được chuyển đến cơ quan có thẩm quyền"),
    EventKind.INFO_REQUESTED: gettext_lazy("Phản ánh %(code)s: đề nghị bổ sung thông tin"),
    EventKind.ANSWERED: gettext_lazy("Phản ánh %(code)s đã có trả lời"),
}


def public_path(report: Report) -> str:
    """The report's public page (never the citizen's secret link)."""
    return f"/phan-anh/{report.code}/"


def public_link(report: Report) -> str:
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or []
    origin = str(origins[0]).rstrip("/") if origins else ""
    return origin + public_path(report)


def recipients(report: Report) -> tuple[list[str], list[str]]:
    """The e-mail addresses and phones to tell: the citizen's (unless anonymous) and the followers', each once."""
    emails: dict[str, None] = {}
    phones: dict[str, None] = {}
    if not report.is_anonymous:
        if report.citizen_email:
            emails[report.citizen_email.strip().lower()] = None
        if report.citizen_phone:
            phones[report.citizen_phone.strip()] = None
    for email, phone in Follower.objects.filter(report=report).values_list("email", "phone"):
        if email:
            emails[email.strip().lower()] = None
        if phone:
            phones[phone.strip()] = None
    return list(emails), list(phones)


def notice_texts(report: Report, kind: str, text: str = "") -> tuple[str, str, str]:
    """(subject, e-mail body, SMS text) of a notice."""
    subject = str(SUBJECTS[kind]) % {"code": report.code}  # type: ignore[index]
    link = public_link(report)
    detail = text
    if kind == EventKind.MERGED and text:
        detail = _("Phản ánh của bạn được theo dõi cùng phản ánh %(code)s.") % {"code": text}
        link = link.replace(report.code, text)
    parts = [subject + "."]
    if detail:
        parts.append(detail)
    parts.append(_("Xem tại: %(link)s") % {"link": link})
    parts.append(_("Thư tự động của danvan, xin không trả lời thư này."))
    body = "\n\n".join(parts)
    sms = f"{subject}. {_('Xem')}: {link}"
    return subject, body, sms[:SMS_MAX]


def notices_queue(*, report: Report, kind: str, text: str = "") -> list[CitizenNotice]:
    """Write the notices of ``kind`` for ``report`` (in the caller's transaction); sent after it commits."""
    if kind not in SUBJECTS:
        return []
    emails, phones = recipients(report)
    if not emails and not phones:
        return []
    subject, body, sms = notice_texts(report, kind, text)
    now = timezone.now()
    rows = [
        CitizenNotice(
            report=report,
            kind=kind,
            channel=NoticeChannel.EMAIL,
            to_address=address,
            subject=subject[:300],
            body=body,
            next_attempt_at=now,
        )
        for address in emails
    ] + [
        CitizenNotice(
            report=report, kind=kind, channel=NoticeChannel.SMS, to_address=phone, body=sms, next_attempt_at=now
        )
        for phone in phones
    ]
    CitizenNotice.objects.bulk_create(rows)
    ids = [row.pk for row in rows if row.pk is not None] or list(
        CitizenNotice.objects.filter(report=report, kind=kind, created_at__gte=now).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: enqueue_delivery(ids), robust=True)
    return rows


def enqueue_delivery(ids: Sequence[int], run_after: dt.datetime | None = None) -> None:
    job = deliver_notice.using(run_after=run_after) if run_after else deliver_notice
    for notice_id in ids:
        job.enqueue(notice_id)


# --- Delivery ------------------------------------------------------------------------------------------------


def backoff(attempts: int) -> dt.timedelta:
    base = settings.EMAIL_OUTBOX_BACKOFF_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.EMAIL_OUTBOX_BACKOFF_MAX_SECONDS))


def claimable(now: dt.datetime) -> Q:
    return Q(state=OutboxState.PENDING, next_attempt_at__lte=now) | Q(state=OutboxState.SENDING, locked_until__lt=now)


def claim(notice_id: int) -> CitizenNotice | None:
    """Take the row with one conditional UPDATE; None when another worker has it, it is done or not yet due."""
    now = timezone.now()
    lease = now + dt.timedelta(seconds=settings.EMAIL_OUTBOX_LEASE_SECONDS)
    taken = CitizenNotice.objects.filter(claimable(now), pk=notice_id).update(
        state=OutboxState.SENDING, locked_until=lease, attempts=F("attempts") + 1
    )
    return CitizenNotice.objects.get(pk=notice_id) if taken else None


def send(row: CitizenNotice) -> None:
    if row.channel == NoticeChannel.EMAIL:
        EmailMessage(
            row.subject, row.body, None, [row.to_address], headers={"Message-ID": f"<feedback-{row.pk}@danvan>"}
        ).send(fail_silently=False)
    else:
        sms_backend().send(row.to_address, row.body)


def deliver(notice_id: int) -> str:
    """Send one notice once: ``sent``, ``retry``, ``failed`` (out of attempts) or ``skipped``."""
    row = claim(notice_id)
    if row is None:
        return "skipped"
    mine = CitizenNotice.objects.filter(pk=row.pk, state=OutboxState.SENDING, attempts=row.attempts)
    try:
        send(row)
    except Exception as error:  # any gateway error: try again later
        reason = type(error).__name__[:200]
        logger.warning("feedback notice %s (%s) failed, attempt %s: %s", row.pk, row.channel, row.attempts, reason)
        if row.attempts >= settings.EMAIL_OUTBOX_MAX_ATTEMPTS:
            mine.update(state=OutboxState.FAILED, locked_until=None, last_error=reason)
            return "failed"
        later = timezone.now() + backoff(row.attempts)
        mine.update(state=OutboxState.PENDING, locked_until=None, next_attempt_at=later, last_error=reason)
        transaction.on_commit(lambda: enqueue_delivery([row.pk], run_after=later), robust=True)
        return "retry"
    mine.update(state=OutboxState.SENT, sent_at=timezone.now(), locked_until=None, last_error="")
    return "sent"


def deliver_now(ids: Iterable[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for notice_id in ids:
        outcome = deliver(notice_id)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def due_notice_ids(limit: int = 1000) -> list[int]:
    return list(
        CitizenNotice.objects.filter(claimable(timezone.now())).order_by("id").values_list("pk", flat=True)[:limit]
    )


@task()
def deliver_notice(notice_id: int) -> str:
    """Send one citizen notice (claimed by a conditional UPDATE)."""
    return deliver(notice_id)


@task()
def flush_notices() -> int:
    """Enqueue a delivery for every notice due and not in flight (a lost task, a worker killed mid-send)."""
    ids = due_notice_ids()
    enqueue_delivery(ids)
    return len(ids)
