"""Citizen actions through the secret link: add information when asked, rate the answer, reopen, follow."""

import datetime as dt

import pytest
from django.utils import timezone

from danvan.core.errors import DomainError
from danvan.feedback.citizen import report_add_info, report_follow, report_rate, report_reopen
from danvan.feedback.models import EventKind, Follower, PhotoRole, ReportState
from danvan.feedback.tests.helpers_public import answer, ask_info, file_report, jpeg


def kinds(report):
    return list(report.events.values_list("kind", flat=True))


def test_rating_before_the_answer_is_refused(cast):
    report, _ = file_report(cast.dong_xuan)
    with pytest.raises(DomainError) as error:
        report_rate(report=report, rating=5)
    assert error.value.code == "rating_before_answer" and error.value.status == 422


def test_a_good_rating_closes_an_answered_report(cast):
    report, _ = file_report(cast.dong_xuan)
    answer(report)
    rated = report_rate(report=report, rating=4, comment="Cảm ơn")
    assert rated.state == ReportState.CLOSED and not rated.is_open and rated.closed_at is not None
    assert rated.rating == 4 and rated.rating_comment == "Cảm ơn"
    assert kinds(rated)[-2:] == [EventKind.RATED, EventKind.CLOSED]
    with pytest.raises(DomainError) as error:
        report_rate(report=rated, rating=5)
    assert error.value.code == "already_rated"


def test_a_poor_rating_keeps_it_answered(cast):
    report, _ = file_report(cast.dong_xuan)
    answer(report)
    rated = report_rate(report=report, rating=2)
    assert rated.state == ReportState.ANSWERED and rated.rating == 2


@pytest.mark.parametrize("rating", [0, 6, "5", True])
def test_a_rating_outside_1_to_5_is_refused(cast, rating):
    report, _ = file_report(cast.dong_xuan)
    answer(report)
    with pytest.raises(DomainError) as error:
        report_rate(report=report, rating=rating)
    assert error.value.code == "invalid_rating"


def test_reopen_within_the_window(cast):
    report, _ = file_report(cast.dong_xuan)
    answer(report, when=timezone.now() - dt.timedelta(days=10))
    report_rate(report=report, rating=1, comment="Vẫn ngập")
    reopened = report_reopen(report=report, reason="Mưa lại ngập như cũ")
    assert reopened.state == ReportState.ACCEPTED and reopened.is_open and reopened.reopened_count == 1
    assert reopened.due_on > timezone.localdate() and reopened.rating is None
    assert kinds(reopened)[-1] == EventKind.REOPENED


def test_reopen_after_the_window_is_refused(cast):
    report, _ = file_report(cast.dong_xuan)
    answer(report, when=timezone.now() - dt.timedelta(days=45))
    with pytest.raises(DomainError) as error:
        report_reopen(report=report, reason="Chưa sửa")
    assert error.value.code == "reopen_window_passed" and error.value.status == 422
    report.refresh_from_db()
    assert report.state == ReportState.ANSWERED and report.reopened_count == 0


def test_reopen_before_an_answer_is_refused(cast):
    report, _ = file_report(cast.dong_xuan)
    with pytest.raises(DomainError) as error:
        report_reopen(report=report, reason="x")
    assert error.value.code == "reopen_not_answered"


def test_a_stale_version_is_refused(cast):
    report, _ = file_report(cast.dong_xuan)
    answer(report)
    with pytest.raises(DomainError) as error:
        report_rate(report=report, rating=5, expected_version=report.version + 3)
    assert error.value.code == "stale" and error.value.status == 409


def test_add_info_only_when_asked_and_the_state_stays(cast):
    report, _ = file_report(cast.dong_xuan)
    with pytest.raises(DomainError) as error:
        report_add_info(report=report, text="Thêm")
    assert error.value.code == "info_not_requested"
    ask_info(report)
    event = report_add_info(report=report, text="Nước ngập 40 cm", photos=[jpeg()])
    report.refresh_from_db()
    assert event.kind == EventKind.INFO_ADDED and report.state == ReportState.NEW
    assert report.photos.filter(role=PhotoRole.INFO, event=event).count() == 1
    with pytest.raises(DomainError):  # answered once: no pending request any more
        report_add_info(report=report, text="Lần nữa")


def test_follow_once_per_contact(cast):
    report, _ = file_report(cast.dong_xuan)
    report_follow(report=report, phone="0987654321")
    report_follow(report=report, phone="0987654321")
    report_follow(report=report, email="B@Example.vn")
    report.refresh_from_db()
    assert report.followers_count == 2 and Follower.objects.filter(report=report).count() == 2
    assert kinds(report).count(EventKind.FOLLOWED) == 2
    with pytest.raises(DomainError) as error:
        report_follow(report=report)
    assert error.value.code == "contact_required"


def test_a_closed_report_cannot_be_followed(cast):
    report, _ = file_report(cast.dong_xuan)
    answer(report)
    with pytest.raises(DomainError) as error:
        report_follow(report=report, phone="0987654321")
    assert error.value.code == "report_not_open"


def test_the_audit_trail_reads_as_sentences(cast):
    from danvan.core.audit_text import audit_sentence
    from danvan.core.models import AuditEntry

    report, _ = file_report(cast.dong_xuan)
    answer(report)
    report_rate(report=report, rating=2)
    entry = AuditEntry.objects.filter(action="feedback.report.rated").get()
    assert "đã đánh giá câu trả lời phản ánh" in audit_sentence(entry)
