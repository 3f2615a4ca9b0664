"""Tell an officer something: the one way every app writes notifications and e-mails (the outbox).

``notify`` / ``notify_many`` write the in-app notifications and, for officers with an e-mail address, one
``EmailOutbox`` row each, in the caller's transaction; after commit a background task delivers each row
(``tasks.deliver_email``). ``deliver`` is that delivery: claim the row with a conditional UPDATE (so two workers
never both send it), send, mark it sent — or put it back for a later attempt with a bounded backoff.

A batch job that writes many notifications (the deadline sweep) delivers them itself with ``deliver_now``: the same
steps for up to ``DELIVERY_BATCH`` rows at a time — claimed by one conditional UPDATE, sent over one mail
connection, the sent ones marked by one UPDATE — instead of a transaction, a connection and a task per row.
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

from danvan.core.compiled import update_returning
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


def notify_many(notices: Iterable[Notice], *, deliver_later: bool = True) -> list[Notification]:
    """Write many notifications at once (two statements, whatever their number), then their outbox rows. With
    ``deliver_later`` (the default) a task per row delivers them after the commit; a batch job that delivers them
    itself (``deliver_for``) passes False — a row it leaves behind (the job killed) is found by ``flush_outbox``."""
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
    if outbox and deliver_later:
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
    claimed = claim_many([outbox_id])
    return claimed[0] if claimed else None


def claim_many(outbox_ids: Sequence[int]) -> list[EmailOutbox]:
    """Take for this worker, under one lease, the rows it can: one conditional UPDATE, which answers the ids it
    changed (``UPDATE … RETURNING``: another worker's claim of the same rows, before or after, takes none of them);
    the rows taken, in id order."""
    if not outbox_ids:
        return []
    now = timezone.now()
    lease = now + dt.timedelta(seconds=settings.EMAIL_OUTBOX_LEASE_SECONDS)
    taken = update_returning(
        EmailOutbox.objects.filter(claimable(now), pk__in=list(outbox_ids)),
        state=OutboxState.SENDING,
        locked_until=lease,
        attempts=F("attempts") + 1,
    )
    return list(EmailOutbox.objects.filter(pk__in=taken).order_by("pk")) if taken else []


def _message(row: EmailOutbox) -> EmailMessage:
    return EmailMessage(row.subject, row.body, None, [row.to_address], headers={"Message-ID": row.message_id})


def send_all(rows: Sequence[EmailOutbox]) -> tuple[list[EmailOutbox], list[tuple[EmailOutbox, BaseException]]]:
    """Send the rows over one mail connection: those sent, and those failed with their error (all of them when the
    connection cannot be opened; the rest when the server drops it)."""
    sent: list[EmailOutbox] = []
    failed: list[tuple[EmailOutbox, BaseException]] = []
    if not rows:
        return sent, failed
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        return sent, [(row, error) for row in rows]
    try:
        for row in rows:
            message = _message(row)
            message.connection = connection
            try:
                message.send(fail_silently=False)
            except (smtplib.SMTPException, OSError) as error:
                failed.append((row, error))
            else:
                sent.append(row)
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):  # the messages are with the server already
            logger.warning("closing the mail connection failed", exc_info=True)
    return sent, failed


def deliver(outbox_id: int) -> str:
    """Send one outbox row once: ``sent``, ``retry`` (put back for later), ``failed`` (out of attempts) or
    ``skipped`` (another worker has it, or it was already sent)."""
    [outcome] = [name for name, n in deliver_now([outbox_id]).items() if n]
    return outcome


def _mark_sent(rows: Sequence[EmailOutbox]) -> None:
    """Record the sends (the rows still held under this worker's lease, and their notifications). The mail server
    has the messages now: if the database is gone for a moment (a restart, a failover), try again while the lease
    holds — giving up would let another worker send them a second time."""
    if not rows:
        return
    give_up = time.monotonic() + max(settings.EMAIL_OUTBOX_LEASE_SECONDS - 1, 0)
    while True:
        now = timezone.now()
        try:
            with transaction.atomic():
                # A lease is this worker's own: another worker that took a row after it ran out set another one.
                mine = Q()
                for lease, ids in _by_lease(rows).items():
                    mine |= Q(pk__in=ids, locked_until=lease)
                done = EmailOutbox.objects.filter(mine, state=OutboxState.SENDING)
                if done.update(state=OutboxState.SENT, sent_at=now, locked_until=None, last_error=""):
                    marked = EmailOutbox.objects.filter(pk__in=[row.pk for row in rows], sent_at=now)
                    Notification.objects.filter(pk__in=marked.values("notification_id")).update(emailed_at=now)
            return
        except (OperationalError, InterfaceError):
            # Inside a caller's transaction the connection cannot be replaced: that caller handles the error.
            if db_connection.in_atomic_block or time.monotonic() > give_up:
                raise
            logger.warning("%s e-mails sent but not yet recorded: database unavailable, trying again", len(rows))
            db_connection.close()
            time.sleep(0.5)


def _by_lease(rows: Sequence[EmailOutbox]) -> dict[Any, list[int]]:
    leases: dict[Any, list[int]] = {}
    for row in rows:
        leases.setdefault(row.locked_until, []).append(row.pk)
    return leases


def _failed(row: EmailOutbox, error: BaseException) -> str:
    label = row.kind.split("_", 1)[0]
    logger.warning(
        "%s e-mail to officer %s failed (attempt %s): %s", label, row.recipient_id, row.attempts, type(error).__name__
    )
    reason = type(error).__name__[:200]
    mine = EmailOutbox.objects.filter(pk=row.pk, state=OutboxState.SENDING, locked_until=row.locked_until)
    if row.attempts >= settings.EMAIL_OUTBOX_MAX_ATTEMPTS:
        mine.update(state=OutboxState.FAILED, locked_until=None, last_error=reason)
        return "failed"
    later = timezone.now() + backoff(row.attempts)
    mine.update(state=OutboxState.PENDING, locked_until=None, next_attempt_at=later, last_error=reason)
    transaction.on_commit(lambda: enqueue_delivery([row.pk], run_after=later), robust=True)
    return "retry"


# Rows claimed, sent over one connection and marked together by ``deliver_now``.
DELIVERY_BATCH = 200


def deliver_now(outbox_ids: Iterable[int]) -> dict[str, int]:
    """Deliver rows in this process (a batch job such as the sweep, already in a worker), ``DELIVERY_BATCH`` at a
    time: claimed together, sent over one mail connection, the sent ones marked together; counts by outcome
    (``sent``, ``retry``, ``failed``, ``skipped``)."""
    ids = list(dict.fromkeys(outbox_ids))
    counts = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0}
    for start in range(0, len(ids), DELIVERY_BATCH):
        batch = ids[start : start + DELIVERY_BATCH]
        rows = claim_many(batch)
        counts["skipped"] += len(batch) - len(rows)
        sent, failed = send_all(rows)
        _mark_sent(sent)
        counts["sent"] += len(sent)
        for row, error in failed:
            counts[_failed(row, error)] += 1
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
