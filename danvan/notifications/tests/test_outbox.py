"""The one way to tell an officer: the notification and its e-mail written together, the e-mail sent by a worker
after commit, retried with a backoff when the mail server fails, never sent twice; a batch job's mails sent over one
connection."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django_tasks_db.models import DBTaskResult

from danvan.cases.models import CaseLink, LinkKind
from danvan.cases.services import TransitionInput, case_transition
from danvan.cases.tests.conftest import complaint  # noqa: F401
from danvan.jobs.worker import run_pending
from danvan.notifications import services
from danvan.notifications.models import EmailOutbox, Notification, OutboxState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def dead_smtp(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens


def test_notify_writes_both_rows_and_a_worker_sends_the_mail_after_commit(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = services.notify(cast.alice, "test", "Có việc mới.", "/backoffice/cases/")
        assert DBTaskResult.objects.count() == 0  # nothing is enqueued before the commit
    assert len(callbacks) == 1
    row = EmailOutbox.objects.get(notification=notification)
    assert (row.state, row.to_address) == (OutboxState.PENDING, "alice@example.vn")
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_email").count() == 1
    assert mail.outbox == []
    assert run_pending() == 1  # the real database queue, run by the worker's run-once entry point
    row.refresh_from_db()
    assert row.state == OutboxState.SENT and row.attempts == 1
    assert Notification.objects.get(pk=notification.pk).emailed_at is not None
    [message] = mail.outbox
    assert message.subject == "[danvan] Có việc mới." and message.to == ["alice@example.vn"]
    assert message.extra_headers["Message-ID"] == row.message_id
    assert "/backoffice/cases/" in message.body


def test_an_officer_without_address_gets_no_outbox_row(cast):
    cast.alice.email = ""
    cast.alice.save(update_fields=["email"])
    services.notify(cast.alice, "test", "Chỉ trong ứng dụng.")
    assert Notification.objects.filter(recipient=cast.alice).count() == 1
    assert not EmailOutbox.objects.exists()


def test_a_failed_send_is_retried_with_backoff_then_sent(cast, settings, time_machine):
    settings.EMAIL_OUTBOX_BACKOFF_SECONDS = 60
    dead_smtp(settings)
    row = EmailOutbox.objects.get(notification=services.notify(cast.alice, "deadline_overdue", "Quá hạn."))
    assert services.deliver(row.pk) == "retry"
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (OutboxState.PENDING, 1, "ConnectionRefusedError")
    assert row.locked_until is None and row.next_attempt_at == row.created_at + dt.timedelta(seconds=60)
    assert services.deliver(row.pk) == "skipped"  # not due yet: a stray task does nothing
    assert services.due_outbox_ids() == []
    time_machine.shift(dt.timedelta(seconds=61))
    assert services.due_outbox_ids() == [row.pk]  # the flush finds it even if its task was lost
    assert services.deliver(row.pk) == "retry"
    row.refresh_from_db()
    assert row.attempts == 2  # the second wait is twice the first
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    time_machine.shift(dt.timedelta(seconds=119))
    assert services.deliver(row.pk) == "skipped"
    time_machine.shift(dt.timedelta(seconds=2))
    assert services.deliver(row.pk) == "sent" and len(mail.outbox) == 1
    assert services.deliver(row.pk) == "skipped" and len(mail.outbox) == 1  # never twice


def test_after_the_last_attempt_the_row_is_kept_as_failed_and_can_be_retried(cast, settings, time_machine):
    settings.EMAIL_OUTBOX_MAX_ATTEMPTS = 2
    dead_smtp(settings)
    row = EmailOutbox.objects.get(notification=services.notify(cast.alice, "deadline_overdue", "Quá hạn."))
    assert services.deliver(row.pk) == "retry"
    time_machine.shift(dt.timedelta(hours=1))
    assert services.deliver(row.pk) == "failed"
    row.refresh_from_db()
    assert row.state == OutboxState.FAILED and row.attempts == 2
    time_machine.shift(dt.timedelta(days=1))
    assert services.due_outbox_ids() == []  # never lost, but not retried by itself
    assert services.retry_failed() == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.deliver(row.pk) == "sent" and len(mail.outbox) == 1


def test_a_row_held_by_a_worker_that_died_is_taken_again_after_its_lease(cast, settings, time_machine):
    settings.EMAIL_OUTBOX_LEASE_SECONDS = 300
    row = EmailOutbox.objects.get(notification=services.notify(cast.alice, "test", "Một thư."))
    assert services.claim(row.pk) is not None  # a worker took it, then was killed before sending
    assert services.deliver(row.pk) == "skipped" and mail.outbox == []  # another worker leaves it alone
    time_machine.shift(dt.timedelta(seconds=301))
    assert services.due_outbox_ids() == [row.pk]
    assert services.deliver(row.pk) == "sent" and len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.attempts == 2


def test_a_transfer_notifies_the_receiving_unit_and_e_mails_it(complaint, cast, django_capture_on_commit_callbacks):  # noqa: F811
    case = case_transition(
        actor=cast.alice,
        case=complaint,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=False),
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            actor=cast.alice,
            case=case,
            action="transfer",
            data=TransitionInput(document_no="7/CV", target_unit=cast.buon_ma_thuot),
        )
    arrived = CaseLink.objects.get(other=case, kind=LinkKind.TRANSFER).case
    told = Notification.objects.get(recipient=cast.bob, case=arrived)
    assert told.kind == "case_arrived" and told.link == f"/backoffice/cases/{arrived.pk}/"
    assert mail.outbox == []
    assert run_pending() >= 1
    assert [m.to for m in mail.outbox if arrived.code in m.subject] == [["bob@example.vn"]]
    told.refresh_from_db()
    assert told.emailed_at is not None


class CountingBackend(locmem.EmailBackend):
    """The test outbox, counting the connections opened and refusing one address."""

    opened = 0
    refused = "bob@example.vn"

    def open(self) -> bool:
        type(self).opened += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"no such mailbox")})
        return super().send_messages(messages)


def test_a_batch_job_sends_its_mails_over_one_connection_and_marks_them_together(
    cast, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    notices = [services.Notice(officer.pk, "test", f"Thư {i}.") for i, officer in enumerate([cast.alice] * 30)]
    notices.append(services.Notice(cast.bob.pk, "test", "Thư cho Bob."))
    with django_capture_on_commit_callbacks(execute=True):
        written = services.notify_many(notices, deliver_later=False)
    assert DBTaskResult.objects.count() == 0  # the job delivers them itself: no task per row
    rows = list(EmailOutbox.objects.filter(notification__in=written).order_by("pk"))
    held = rows[3]
    assert services.claim(held.pk) is not None  # another worker has this one
    with django_assert_max_num_queries(len(rows) + 12):  # a claim each; the read, the marks, a failure: a few
        outcomes = services.deliver_now([row.pk for row in rows])
    assert outcomes == {"sent": 29, "retry": 1, "failed": 0, "skipped": 1}
    assert CountingBackend.opened == 1 and len(mail.outbox) == 29
    assert EmailOutbox.objects.filter(state=OutboxState.SENT).count() == 29
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 29
    assert EmailOutbox.objects.get(pk=held.pk).state == OutboxState.SENDING  # left to its worker
    refused = EmailOutbox.objects.get(to_address="bob@example.vn")
    assert (refused.state, refused.last_error) == (OutboxState.PENDING, "SMTPRecipientsRefused")
    assert services.deliver_now([row.pk for row in rows])["sent"] == 0 and len(mail.outbox) == 29  # never twice


def test_a_mail_server_that_cannot_be_reached_puts_the_whole_batch_back(cast, settings):
    dead_smtp(settings)
    written = services.notify_many([services.Notice(cast.alice.pk, "test", f"Thư {i}.") for i in range(3)])
    assert services.deliver_for(written) == {"sent": 0, "retry": 3, "failed": 0, "skipped": 0}
    assert set(EmailOutbox.objects.values_list("state", "attempts")) == {(OutboxState.PENDING, 1)}
