"""Citizen notices: one row per address in the action's transaction, sent after the commit by a task through the
e-mail backend and the pluggable SMS backend, retried with backoff; the public link, never the secret."""

from __future__ import annotations

import pytest
from django.core import mail

from danvan.feedback import messages, triage
from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.messages import CitizenNotice, LocmemSmsBackend
from danvan.feedback.models import EventKind, Follower
from danvan.notifications.models import OutboxState


@pytest.fixture(autouse=True)
def sms(settings):
    settings.FEEDBACK_SMS_BACKEND = "danvan.feedback.messages.LocmemSmsBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    LocmemSmsBackend.outbox.clear()
    yield LocmemSmsBackend.outbox
    LocmemSmsBackend.outbox.clear()


def submit(**extra):
    data = {
        "category_code": "waste",
        "description": "Rác",
        "unit_code": "22081",
        "citizen_name": "Phan Văn D",
        "citizen_phone": "0912000111",
        "citizen_email": "d@example.vn",
        **extra,
    }
    return report_submit(ReportIn(**data))


def test_accepting_tells_the_citizen_and_followers_by_email_and_sms_after_commit(
    cast, sms, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    submitted = submit()
    report = submitted.report
    Follower.objects.create(report=report, email="f@example.vn")
    Follower.objects.create(report=report, phone="0988000222")
    Follower.objects.create(report=report, email="D@example.vn")  # the citizen again: told once
    with django_capture_on_commit_callbacks(execute=True):
        triage.report_accept(actor=cast.alice, report=report)
    rows = CitizenNotice.objects.filter(report=report)
    assert rows.count() == 4 and set(rows.values_list("state", flat=True)) == {OutboxState.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == ["d@example.vn", "f@example.vn"]
    assert sorted(phone for phone, _ in sms) == ["0912000111", "0988000222"]
    text = mail.outbox[0].body + sms[0][1]
    assert f"/phan-anh/{report.code}/" in text and submitted.secret not in text
    assert report.code in mail.outbox[0].subject


def test_each_step_writes_its_notice(cast):
    report = submit().report
    triage.report_request_info(actor=cast.alice, report=report, text="Xin thêm ảnh")
    triage.report_answer(actor=cast.carol, report=report, text="Đã thu gom")
    kinds = set(CitizenNotice.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == {EventKind.INFO_REQUESTED, EventKind.ANSWERED}
    body = CitizenNotice.objects.filter(report=report, kind=EventKind.ANSWERED, channel="email").get().body
    assert "Đã thu gom" in body
    other = submit().report
    triage.report_transfer(actor=cast.alice, report=other, to_unit=cast.buon_ma_thuot)
    third = submit().report
    triage.report_refuse(actor=cast.alice, report=third, reason="spam", text="Không rõ nội dung")
    assert CitizenNotice.objects.filter(report=other, kind=EventKind.TRANSFERRED).count() == 2
    assert CitizenNotice.objects.filter(report=third, kind=EventKind.REFUSED).count() == 2
    # notes, hiding and assignments tell no one
    triage.report_note(actor=cast.bob, report=other, text="n")
    triage.report_hide(actor=cast.bob, report=other, reason="r")
    triage.report_assign(actor=cast.carol, report=other, assignee=cast.bob)
    assert set(CitizenNotice.objects.filter(report=other).values_list("kind", flat=True)) == {EventKind.TRANSFERRED}


def test_a_failing_gateway_is_retried_with_backoff_then_failed(cast, settings):
    settings.FEEDBACK_SMS_BACKEND = "danvan.feedback.messages.FailingSmsBackend"
    settings.EMAIL_OUTBOX_MAX_ATTEMPTS = 2
    report = submit(citizen_email="").report
    triage.report_accept(actor=cast.alice, report=report)
    row = CitizenNotice.objects.get(report=report)
    assert messages.deliver(row.pk) == "retry"
    row.refresh_from_db()
    assert row.state == OutboxState.PENDING and row.attempts == 1 and row.last_error == "SmsError"
    assert messages.deliver(row.pk) == "skipped"  # not due yet
    CitizenNotice.objects.filter(pk=row.pk).update(next_attempt_at=row.created_at)
    assert messages.deliver(row.pk) == "failed"
    assert CitizenNotice.objects.get(pk=row.pk).state == OutboxState.FAILED


def test_a_sent_notice_is_never_sent_twice(cast, sms):
    report = submit(citizen_email="").report
    triage.report_accept(actor=cast.alice, report=report)
    row = CitizenNotice.objects.get(report=report)
    assert messages.deliver(row.pk) == "sent"
    assert messages.deliver(row.pk) == "skipped"
    assert len(sms) == 1
    assert messages.due_notice_ids() == []


def test_the_console_backend_prints(capsys):
    messages.ConsoleSmsBackend().send("0912000111", "Xin chào")
    assert "0912000111" in capsys.readouterr().out
