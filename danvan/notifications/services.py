"""Tell an officer something: the one way every app writes notifications and e-mails (the outbox).

``notify`` / ``notify_many`` write the in-app notifications and, for officers with an e-mail address, one
``EmailOutbox`` row each, in the caller's transaction; after commit a background task delivers each row
(``tasks.deliver_email``). ``deliver`` is that delivery: claim the row with a conditional UPDATE (so two workers
never both send it), send, mark it sent — or put it back for a later attempt with a bounded backoff.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import InterfaceError, OperationalError, transaction
from django.db import connection as db_connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.notifications.models import EmailOutbox, Notification, OutboxState

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """One notification to write: to whom, what kind, the text, where it leads (and the petition, if any)."""

    recipient_id: int
    kind: str
    text: str
    link: str = ""
    case_id: int | None = None
    email: bool = True


def _site_origin() -> str:
    origins = getattr(settings, "CSRF_TRUSTED_ORIGINS", None) or []
    return str(origins[0]).rstrip("/") if origins else ""


def email_body(text: str, link: str) -> str:
    parts = [text]
    if link:
        parts.append(_("Xem tại: %(link)s") % {"link": _site_origin() + link})
    parts.append(_("Thư tự động của danvan, xin không trả lời thư này."))
    return "\n\n".join(parts)


def notify(officer: Any, kind: str, text: str, link: str = "", *, case: Any = None, email: bool = True) -> Notification:
    """Write one notification to ``officer`` (and its e-mail, delivered after the caller's transaction commits)."""
    notice = Notice(officer.pk, kind, text, link, getattr(case, "pk", None), email)
    return notify_many([notice])[0]


def notify_many(notices: Iterable[Notice]) -> list[Notification]:
    """Write many notifications at once (two statements, whatever their number), then their outbox rows."""
    notices = list(notices)
    rows = Notification.objects.bulk_create(
        Notification(
            recipient_id=notice.recipient_id,
            kind=notice.kind,
            message=notice.text[:500],
            link=notice.link[:500],
            case_id=notice.case_id,
        )
        for notice in notices
    )
    wanted = {notice.recipient_id for notice in notices if notice.email}
    addresses = dict(
        get_user_model().objects.filter(pk__in=wanted, is_active=True, email__gt="").values_list("pk", "email")
    )
    now = timezone.now()
    outbox = EmailOutbox.objects.bulk_create(
        EmailOutbox(
            notification=row,
            recipient_id=row.recipient_id,
            kind=row.kind,
            to_address=addresses[row.recipient_id],
            subject=f"[danvan] {row.message}"[:300],
            body=email_body(row.message, row.link),
            next_attempt_at=now,
        )
        for row, notice in zip(rows, notices, strict=True)
        if notice.email and row.recipient_id in addresses
    )
    if outbox:
        ids = [row.pk for row in outbox]
        transaction.on_commit(lambda: enqueue_delivery(ids), robust=True)
    return rows


def enqueue_delivery(outbox_ids: Sequence[int], run_after: dt.datetime | None = None) -> None:
    """One delivery task per outbox row (a row left behind is found again by ``flush_outbox``)."""
    from danvan.notifications.tasks import deliver_email

    task = deliver_email.using(run_after=run_after) if run_after else deliver_email
    for outbox_id in outbox_ids:
        task.enqueue(outbox_id)


def mark_read(*, actor: Any, notification_ids: Sequence[int] | None = None) -> int:
    mine = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_ids is not None:
        mine = mine.filter(pk__in=notification_ids)
    return mine.update(read_at=timezone.now())


# --- Delivery --------------------------------------------------------------------------------------------------


def backoff(attempts: int) -> dt.timedelta:
    """The wait before attempt ``attempts + 1``: doubling from the base, capped."""
    base = settings.EMAIL_OUTBOX_BACKOFF_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.EMAIL_OUTBOX_BACKOFF_MAX_SECONDS))


def claimable(now: dt.datetime) -> Q:
    """Rows due for an attempt: pending and due, or being sent by a worker whose lease ran out (it died)."""
    return Q(state=OutboxState.PENDING, next_attempt_at__lte=now) | Q(state=OutboxState.SENDING, locked_until__lt=now)


def claim(outbox_id: int) -> EmailOutbox | None:
    """Take the row for this worker with one conditional UPDATE; None when another worker has it or it is done."""
    now = timezone.now()
    lease = now + dt.timedelta(seconds=settings.EMAIL_OUTBOX_LEASE_SECONDS)
    taken = EmailOutbox.objects.filter(claimable(now), pk=outbox_id).update(
        state=OutboxState.SENDING, locked_until=lease, attempts=F("attempts") + 1
    )
    if not taken:
        return None
    return EmailOutbox.objects.get(pk=outbox_id)


def send(row: EmailOutbox) -> None:
    message = EmailMessage(row.subject, row.body, None, [row.to_address], headers={"Message-ID": row.message_id})
    connection = get_connection(fail_silently=False)
    message.connection = connection
    message.send(fail_silently=False)


def deliver(outbox_id: int) -> str:
    """Send one outbox row once: ``sent``, ``retry`` (put back for later), ``failed`` (out of attempts) or
    ``skipped`` (another worker has it, or it was already sent)."""
    row = claim(outbox_id)
    if row is None:
        return "skipped"
    try:
        send(row)
    except (smtplib.SMTPException, OSError) as error:
        return _failed(row, error)
    _mark_sent(row)
    return "sent"


def _mark_sent(row: EmailOutbox) -> None:
    """Record the send. The mail server has the message now: if the database is gone for a moment (a restart, a
    failover), try again while the lease holds — giving up would let another worker send it a second time."""
    give_up = time.monotonic() + max(settings.EMAIL_OUTBOX_LEASE_SECONDS - 1, 0)
    while True:
        now = timezone.now()
        try:
            with transaction.atomic():
                mine = EmailOutbox.objects.filter(pk=row.pk, state=OutboxState.SENDING, attempts=row.attempts)
                done = mine.update(state=OutboxState.SENT, sent_at=now, locked_until=None, last_error="")
                if done and row.notification_id is not None:
                    Notification.objects.filter(pk=row.notification_id).update(emailed_at=now)
            return
        except (OperationalError, InterfaceError):
            # Inside a caller's transaction the connection cannot be replaced: that caller handles the error.
            if db_connection.in_atomic_block or time.monotonic() > give_up:
                raise
            logger.warning("e-mail %s sent but not yet recorded: database unavailable, trying again", row.pk)
            db_connection.close()
            time.sleep(0.5)


def _failed(row: EmailOutbox, error: BaseException) -> str:
    label = row.kind.split("_", 1)[0]
    logger.warning(
        "%s e-mail to officer %s failed (attempt %s): %s", label, row.recipient_id, row.attempts, type(error).__name__
    )
    reason = type(error).__name__[:200]
    mine = EmailOutbox.objects.filter(pk=row.pk, state=OutboxState.SENDING, attempts=row.attempts)
    if row.attempts >= settings.EMAIL_OUTBOX_MAX_ATTEMPTS:
        mine.update(state=OutboxState.FAILED, locked_until=None, last_error=reason)
        return "failed"
    later = timezone.now() + backoff(row.attempts)
    mine.update(state=OutboxState.PENDING, locked_until=None, next_attempt_at=later, last_error=reason)
    transaction.on_commit(lambda: enqueue_delivery([row.pk], run_after=later), robust=True)
    return "retry"


def deliver_now(outbox_ids: Iterable[int]) -> dict[str, int]:
    """Deliver rows in this process (a batch job such as the sweep, already in a worker); counts by outcome."""
    counts: dict[str, int] = {}
    for outbox_id in outbox_ids:
        outcome = deliver(outbox_id)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def deliver_for(notifications: Iterable[Notification]) -> dict[str, int]:
    """Deliver the e-mails of these notifications in this process, after their transaction committed."""
    ids = EmailOutbox.objects.filter(
        notification__in=[row.pk for row in notifications], state=OutboxState.PENDING
    ).values_list("pk", flat=True)
    return deliver_now(list(ids))


def due_outbox_ids(limit: int = 1000) -> list[int]:
    """Rows waiting for an attempt whose task may have been lost (enqueue failed, worker killed)."""
    return list(
        EmailOutbox.objects.filter(claimable(timezone.now())).order_by("id").values_list("pk", flat=True)[:limit]
    )


def retry_failed(*, ids: Sequence[int] | None = None) -> int:
    """An operator's second chance for rows out of attempts (``danvan outbox --retry-failed``)."""
    rows = EmailOutbox.objects.filter(state=OutboxState.FAILED)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(state=OutboxState.PENDING, attempts=0, next_attempt_at=timezone.now())
