"""The officer's notifications and the e-mail outbox (docs/decisions/0015-tasks-and-notifications.md).

A notification belongs to the officer: any app writes one with ``services.notify``. When the officer has an
e-mail address, an ``EmailOutbox`` row is written in the same transaction and delivered by a background task
after commit; the row's state makes the delivery retried when it fails and sent once when two workers race.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app message to an officer (deadlines, transfers received, reassignments, finished background jobs).

    The table is the one ``cases`` created (``cases_notification``); the model moved here in issue 10. ``case``
    is the petition a notification is about, kept for the rows and filters that have it; ``link`` is where the
    notification leads, set by the app that writes it.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    message = models.CharField(_("nội dung"), max_length=500)
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "cases_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message[:60]


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class EmailOutbox(models.Model):
    """One e-mail to send, written in the transaction of what it tells; sent by ``tasks.deliver_email``.

    ``pending`` rows whose ``next_attempt_at`` has come are claimed by one conditional UPDATE (to ``sending``,
    with a lease until ``locked_until``); a failed send puts the row back to ``pending`` later (bounded
    exponential backoff) until ``settings.EMAIL_OUTBOX_MAX_ATTEMPTS``, then ``failed`` (kept, never deleted).
    A ``sending`` row whose lease ran out (its worker died) is claimable again.
    """

    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    to_address = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.state})"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a mail server or reader can drop a duplicate."""
        return f"<outbox-{self.pk}@danvan>"
