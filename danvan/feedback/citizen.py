"""What a citizen does to a report without an account: through its secret link (add information when asked, rate
the answer, reopen it) or, for anyone, follow it instead of filing a duplicate.

Every write is one transaction on the locked report row, checks the optional ``expected_version`` (409 ``stale``),
bumps ``version``, appends a public timeline event (``ReportEvent``) and an audit entry (actor: nobody — the
citizen has no account; the request's IP is recorded by the audit trail).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.attachments import attachment_store
from danvan.core.audit import audit_log
from danvan.core.audit_text import register
from danvan.core.errors import ConflictError, DomainError
from danvan.core.phones import check_phone
from danvan.core.rules import rule_in_force
from danvan.core.text import single_line
from danvan.core.workdays import default_calendar
from danvan.feedback.intake import check_photos
from danvan.feedback.models import (
    EventKind,
    Follower,
    PhotoRole,
    Report,
    ReportEvent,
    ReportPhoto,
    ReportState,
)

# The words of the citizen actions' audit entries (core.audit_text), scoped to their action codes.
register(
    prefix=(
        "feedback.report.info_added",
        "feedback.report.rated",
        "feedback.report.reopened",
        "feedback.report.followed",
    ),
    verbs={
        "feedback.report.info_added": gettext_lazy("người dân đã bổ sung thông tin cho phản ánh"),
        "feedback.report.rated": gettext_lazy("người dân đã đánh giá câu trả lời phản ánh"),
        "feedback.report.reopened": gettext_lazy("người dân đã mở lại phản ánh"),
        "feedback.report.followed": gettext_lazy("người dân đã theo dõi phản ánh"),
    },
    fields={
        "photos": gettext_lazy("số ảnh"),
        "rating": gettext_lazy("mức hài lòng"),
        "closed": gettext_lazy("hoàn thành"),
        "due_on": gettext_lazy("hạn trả lời"),
        "reopened_count": gettext_lazy("số lần mở lại"),
    },
)

MAX_TEXT = 4000
MAX_COMMENT = 1000
CLOSING_RATING = 4  # a rating of 4 or 5 on an answered report closes it


def _locked(report: Report, expected_version: int | None) -> Report:
    locked = Report.objects.select_for_update(of=("self",)).select_related("category", "unit").get(pk=report.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Phản ánh vừa được cập nhật. Vui lòng tải lại trang và thử lại."))
    return locked


def _save(report: Report, fields: list[str]) -> None:
    report.version += 1
    report.save(update_fields=[*fields, "version", "updated_at"])


def _field_error(code: str, field: str, message: str, status: int = 422) -> DomainError:
    return DomainError(code, message, fields={field: [message]}, status=status)


def info_pending(report: Report) -> bool:
    """Whether an officer asked for more information and the citizen has not answered since."""
    if report.state not in (ReportState.NEW, ReportState.ACCEPTED):
        return False
    last = (
        ReportEvent.objects.filter(report=report, kind__in=(EventKind.INFO_REQUESTED, EventKind.INFO_ADDED))
        .order_by("-at", "-id")
        .values_list("kind", flat=True)
        .first()
    )
    return last == EventKind.INFO_REQUESTED


def reopen_until(report: Report) -> dt.date | None:
    """The last day the citizen may reopen the answered report (rule ``feedback.reopen_days``), else None."""
    if report.answered_at is None:
        return None
    answered_on = timezone.localdate(report.answered_at)
    rule = rule_in_force("feedback.reopen_days", answered_on)
    return answered_on + dt.timedelta(days=int(rule.value))


def can_rate(report: Report) -> bool:
    return report.answered_at is not None and report.rated_at is None and report.state in _RATEABLE


def can_reopen(report: Report, today: dt.date | None = None) -> bool:
    until = reopen_until(report)
    return (
        report.state in _RATEABLE
        and until is not None
        and (today or timezone.localdate()) <= until
        and report.merged_into_id is None
    )


_RATEABLE = (ReportState.ANSWERED, ReportState.CLOSED)


def report_add_info(
    *,
    report: Report,
    text: str,
    photos: Sequence[UploadedFile] = (),
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> ReportEvent:
    """The citizen's answer to an officer's request for information (the state stays)."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text and not photos:
        raise _field_error("info_required", "text", _("Hãy ghi thông tin bổ sung hoặc gửi kèm ảnh."))
    if len(text) > MAX_TEXT:
        raise _field_error("info_too_long", "text", _("Thông tin bổ sung tối đa %(n)s ký tự.") % {"n": MAX_TEXT})
    check_photos(photos, timezone.localdate(now))
    with transaction.atomic():
        locked = _locked(report, expected_version)
        if not info_pending(locked):
            raise DomainError(
                "info_not_requested",
                _("Cơ quan xử lý chưa đề nghị bổ sung thông tin cho phản ánh này."),
                status=422,
            )
        event = ReportEvent.objects.create(report=locked, kind=EventKind.INFO_ADDED, text=text, at=now)
        for photo in photos:
            attachment = attachment_store(
                actor=None, upload=photo, unit=locked.unit, object_type="feedback.report", object_id=locked.pk
            )
            ReportPhoto.objects.create(report=locked, attachment=attachment, role=PhotoRole.INFO, event=event)
        _save(locked, [])
        audit_log(
            actor=None,
            action="feedback.report.info_added",
            instance=locked,
            unit=locked.unit,
            changes={"photos": len(photos)},
        )
    report.version = locked.version
    return event


def report_rate(
    *,
    report: Report,
    rating: int,
    comment: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """The citizen's rating of the answer (1–5, a comment); 4–5 on an answered report closes it."""
    now = now or timezone.now()
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise _field_error("invalid_rating", "rating", _("Hãy chọn mức hài lòng từ 1 đến 5."))
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise _field_error("comment_too_long", "comment", _("Nhận xét tối đa %(n)s ký tự.") % {"n": MAX_COMMENT})
    with transaction.atomic():
        locked = _locked(report, expected_version)
        if locked.answered_at is None or locked.state not in _RATEABLE:
            raise DomainError(
                "rating_before_answer", _("Chỉ đánh giá được sau khi cơ quan đã trả lời phản ánh."), status=422
            )
        if locked.rated_at is not None:
            raise DomainError("already_rated", _("Bạn đã đánh giá câu trả lời này."), status=422)
        locked.rating, locked.rating_comment, locked.rated_at = rating, comment, now
        fields = ["rating", "rating_comment", "rated_at"]
        closes = rating >= CLOSING_RATING and locked.state == ReportState.ANSWERED
        ReportEvent.objects.create(
            report=locked, kind=EventKind.RATED, text=f"{rating}/5" + (f" – {comment}" if comment else ""), at=now
        )
        if closes:
            locked.state, locked.is_open, locked.closed_at = ReportState.CLOSED, False, now
            fields += ["state", "is_open", "closed_at"]
            ReportEvent.objects.create(report=locked, kind=EventKind.CLOSED, at=now)
        _save(locked, fields)
        audit_log(
            actor=None,
            action="feedback.report.rated",
            instance=locked,
            unit=locked.unit,
            changes={"rating": rating, "closed": closes},
        )
    return locked


def report_reopen(
    *,
    report: Report,
    reason: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """The citizen reopens an answered report within ``feedback.reopen_days``: back to accepted, a new due date."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reason = (reason or "").strip()
    if not reason:
        raise _field_error(
            "reason_required", "reason", _("Hãy ghi lý do mở lại (vấn đề chưa được giải quyết thế nào).")
        )
    if len(reason) > MAX_TEXT:
        raise _field_error("reason_too_long", "reason", _("Lý do tối đa %(n)s ký tự.") % {"n": MAX_TEXT})
    with transaction.atomic():
        locked = _locked(report, expected_version)
        if locked.answered_at is None or locked.state not in _RATEABLE or locked.merged_into_id is not None:
            raise DomainError("reopen_not_answered", _("Chỉ mở lại được phản ánh đã có câu trả lời."), status=422)
        until = reopen_until(locked)
        if until is None or today > until:
            raise DomainError(
                "reopen_window_passed",
                _("Đã quá thời hạn mở lại phản ánh (đến hết ngày %(date)s).")
                % {"date": until.strftime("%d/%m/%Y") if until else ""},
                status=422,
            )
        deadline = default_calendar().compute_deadline(today, locked.category.answer_days, "working")
        locked.state, locked.is_open, locked.closed_at = ReportState.ACCEPTED, True, None
        locked.due_on, locked.due_explanation = deadline.due_on, deadline.explanation
        locked.reopened_count += 1
        locked.rating, locked.rating_comment, locked.rated_at = None, "", None
        ReportEvent.objects.create(report=locked, kind=EventKind.REOPENED, text=reason, at=now)
        _save(
            locked,
            [
                "state",
                "is_open",
                "closed_at",
                "due_on",
                "due_explanation",
                "reopened_count",
                "rating",
                "rating_comment",
                "rated_at",
            ],
        )
        audit_log(
            actor=None,
            action="feedback.report.reopened",
            instance=locked,
            unit=locked.unit,
            changes={"due_on": deadline.due_on.isoformat(), "reopened_count": locked.reopened_count},
        )
    return locked


def report_follow(*, report: Report, email: str = "", phone: str = "", now: dt.datetime | None = None) -> Follower:
    """Follow an open report instead of filing a duplicate (told of its progress by e-mail or SMS); following
    twice with the same contact keeps one follower."""
    now = now or timezone.now()
    email = single_line(email).lower()[:254]
    if not email and not single_line(phone):
        raise _field_error(
            "contact_required", "phone", _("Hãy ghi số điện thoại hoặc thư điện tử để nhận thông báo tiến độ.")
        )
    phone = check_phone(phone, field="phone")
    with transaction.atomic():
        locked = _locked(report, None)
        if not locked.is_open or locked.is_hidden:
            raise DomainError("report_not_open", _("Phản ánh này đã kết thúc, không theo dõi thêm được."), status=422)
        existing = Follower.objects.filter(report=locked, email=email, phone=phone).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                follower = Follower.objects.create(report=locked, email=email, phone=phone)
        except IntegrityError:
            return Follower.objects.get(report=locked, email=email, phone=phone)
        Report.objects.filter(pk=locked.pk).update(followers_count=F("followers_count") + 1, version=F("version") + 1)
        ReportEvent.objects.create(report=locked, kind=EventKind.FOLLOWED, at=now)
        audit_log(actor=None, action="feedback.report.followed", instance=locked, unit=locked.unit, changes={})
    return follower
