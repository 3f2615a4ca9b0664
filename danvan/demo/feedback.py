"""Demo feedback for `danvan demo`: a few dozen citizen reports at Xã Đồng Xuân (22081) and Phường Buôn Ma Thuột
(24133) over the last months, in every state — new, accepted, answered on time or late, rated, closed, refused,
merged — so the public list, the map, the statistics and the ranking have something to show.

Each report is filed through ``intake.report_submit`` (the one filing service: its case, its tracking code), then
brought to its outcome by direct updates of the row and a public timeline event (the triage services belong to
another part of the channel). Idempotent: reports already filed for the demo (their submission keys) are not filed
again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.feedback.intake import ReportIn, report_submit
from danvan.feedback.models import (
    EventKind,
    RefusalReason,
    Report,
    ReportChannel,
    ReportEvent,
    ReportState,
    Timeliness,
)

OPEN = (ReportState.NEW, ReportState.ACCEPTED)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """``hour`` o'clock local time on ``day``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def report_with_outcome(
    unit: AdministrativeUnit,
    received: dt.datetime,
    *,
    category: str = "flooding",
    description: str = "Phản ánh thử",
    channel: str = ReportChannel.WEB,
    answer_hours: int | None = None,
    late: bool = False,
    rating: int | None = None,
    state: str | None = None,
    due_on: dt.date | None = None,
    answer_text: str = "Đơn vị đã kiểm tra và xử lý xong.",
    submission_key: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    events: bool = False,
) -> Report:
    """A report of ``unit`` received at ``received``: answered ``answer_hours`` later (on time unless ``late``) and
    rated ``rating`` (4–5 closes it); or left in ``state`` (new, accepted, refused, merged); ``due_on`` overrides
    the due date. With ``events``, the public timeline gets the matching events."""
    submitted = report_submit(
        ReportIn(
            category_code=category,
            description=description,
            unit_code=unit.code,
            channel=channel,
            submission_key=submission_key,
            latitude=latitude,
            longitude=longitude,
        ),
        now=received,
    )
    report = submitted.report
    if report.replayed:
        return report
    changes: dict[str, Any] = {}
    timeline: list[tuple[str, dt.datetime, str]] = []
    if due_on is not None:
        changes["due_on"] = due_on
    organization = report.organization.name if report.organization else unit.name
    if answer_hours is not None:
        answered = received + dt.timedelta(hours=answer_hours)
        changes.update(
            state=ReportState.ANSWERED,
            is_open=False,
            accepted_at=received + dt.timedelta(hours=min(2, answer_hours)),
            answered_at=answered,
            answer_text=answer_text,
            answered_by_name=organization,
            timeliness=Timeliness.LATE if late else Timeliness.ON_TIME,
        )
        timeline += [
            (EventKind.ACCEPTED, changes["accepted_at"], ""),
            (EventKind.ANSWERED, answered, answer_text),
        ]
        if rating is not None:
            rated = answered + dt.timedelta(hours=3)
            changes.update(rating=rating, rated_at=rated)
            timeline.append((EventKind.RATED, rated, f"{rating}/5"))
            if rating >= 4:
                changes.update(state=ReportState.CLOSED, closed_at=rated)
                timeline.append((EventKind.CLOSED, rated, ""))
    elif state is not None:
        changes.update(state=state, is_open=state in OPEN)
        moment = received + dt.timedelta(hours=4)
        if state == ReportState.ACCEPTED:
            changes["accepted_at"] = moment
            timeline.append((EventKind.ACCEPTED, moment, ""))
        elif state == ReportState.REFUSED:
            text = "Nội dung không thuộc phạm vi tiếp nhận của xã."
            changes.update(refusal_reason=RefusalReason.OUT_OF_SCOPE, refusal_text=text, closed_at=moment)
            timeline.append((EventKind.REFUSED, moment, text))
        elif state == ReportState.MERGED:
            changes["closed_at"] = moment
            timeline.append((EventKind.MERGED, moment, ""))
    if changes:
        Report.objects.filter(pk=report.pk).update(**changes)
        report.refresh_from_db()
    if events and timeline:
        ReportEvent.objects.bulk_create(
            ReportEvent(report=report, kind=kind, at=moment, text=text, actor_name=organization)
            for kind, moment, text in timeline
        )
    return report


# (days ago, category, description, outcome) — outcome: ("answered", hours, late, rating) or ("state", state)
DONG_XUAN: list[tuple[int, str, str, tuple[Any, ...]]] = [
    (150, "flooding", "Đường liên thôn ngập sau mưa lớn, xe máy không qua được.", ("answered", 30, False, 5)),
    (140, "waste", "Rác thải tồn đọng cạnh chợ xã nhiều ngày.", ("answered", 50, False, 4)),
    (130, "street_lighting", "Đèn đường thôn Phú Sen hỏng hai tuần nay.", ("answered", 200, True, 2)),
    (120, "road_damage", "Mặt đường bê tông bị sụt lún trước trường tiểu học.", ("answered", 70, False, 5)),
    (110, "flooding", "Cống thoát nước bị tắc, nước tràn vào nhà dân.", ("answered", 24, False, 3)),
    (95, "waste", "Có người đổ trộm xà bần ven suối.", ("answered", 96, False, 4)),
    (80, "other", "Quảng cáo rao vặt dán trên cột điện.", ("state", ReportState.REFUSED)),
    (70, "street_lighting", "Đèn đường chập chờn ở ngã ba.", ("state", ReportState.MERGED)),
    (60, "road_damage", "Ổ gà lớn trên đường vào thôn.", ("answered", 120, False, None)),
    (45, "flooding", "Mương thủy lợi vỡ bờ, tràn ra đường.", ("answered", 300, True, 1)),
    (30, "waste", "Thùng rác công cộng đầy, không được thu gom.", ("answered", 40, False, 5)),
    (20, "road_damage", "Cây đổ chắn một nửa đường.", ("state", ReportState.ACCEPTED)),
    (12, "street_lighting", "Cột đèn nghiêng có nguy cơ đổ.", ("state", ReportState.ACCEPTED)),
    (5, "flooding", "Nước đọng lâu ngày gây mùi hôi.", ("state", ReportState.NEW)),
    (2, "waste", "Đốt rác gây khói ở khu dân cư.", ("state", ReportState.NEW)),
]
BUON_MA_THUOT: list[tuple[int, str, str, tuple[Any, ...]]] = [
    (160, "road_damage", "Vỉa hè bị chiếm dụng để buôn bán.", ("answered", 48, False, 4)),
    (150, "street_lighting", "Đèn tín hiệu giao thông ở ngã sáu không hoạt động.", ("answered", 10, False, 5)),
    (140, "flooding", "Đường Lê Duẩn ngập khi mưa lớn.", ("answered", 150, True, 2)),
    (125, "waste", "Rác thải xây dựng đổ trên vỉa hè.", ("answered", 60, False, 4)),
    (115, "road_damage", "Nắp hố ga bị mất, nguy hiểm cho người đi đường.", ("answered", 6, False, 5)),
    (100, "other", "Tiếng ồn karaoke sau 22 giờ.", ("answered", 80, False, 3)),
    (90, "waste", "Xe thu gom rác để rơi vãi trên đường.", ("answered", 36, False, 5)),
    (75, "flooding", "Hố ga trào ngược nước thải.", ("answered", 220, True, None)),
    (65, "road_damage", "Đường nứt dài sau khi thi công cáp ngầm.", ("state", ReportState.MERGED)),
    (55, "other", "Tin nhắn quảng cáo không liên quan.", ("state", ReportState.REFUSED)),
    (40, "street_lighting", "Đèn công viên tắt cả tuần.", ("answered", 20, False, 4)),
    (25, "waste", "Bãi đất trống thành nơi đổ rác.", ("answered", 90, False, None)),
    (15, "road_damage", "Biển báo bị che khuất bởi cây xanh.", ("state", ReportState.ACCEPTED)),
    (8, "flooding", "Rãnh thoát nước bị lấp đất.", ("state", ReportState.ACCEPTED)),
    (3, "street_lighting", "Đèn đường sáng cả ban ngày.", ("state", ReportState.NEW)),
    (1, "road_damage", "Ổ voi trên đường vào khu dân cư mới.", ("state", ReportState.NEW)),
]
CHANNELS = (ReportChannel.WEB, ReportChannel.WEB, ReportChannel.OPEN311, ReportChannel.API)


def load_demo_feedback(*, today: dt.date | None = None) -> int:
    """File the demo reports (see the module's docstring); the number filed now (0 on a second run)."""
    today = today or timezone.localdate()
    filed = 0
    for unit_code, rows in (("22081", DONG_XUAN), ("24133", BUON_MA_THUOT)):
        unit = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=unit_code).first()
        if unit is None:
            continue
        for index, (days_ago, category, description, outcome) in enumerate(rows):
            key = f"demo-feedback-{unit_code}-{index}"
            if Report.objects.filter(submission_key=key).exists():
                continue
            received = at(today - dt.timedelta(days=days_ago), 8 + index % 9)
            offset = 0.001 * ((index % 5) - 2)
            kwargs: dict[str, Any] = {
                "category": category,
                "description": description,
                "channel": CHANNELS[index % len(CHANNELS)],
                "submission_key": key,
                "events": True,
            }
            if unit.latitude is not None and unit.longitude is not None:
                kwargs.update(latitude=float(unit.latitude) + offset, longitude=float(unit.longitude) - offset)
            if outcome[0] == "answered":
                _kind, hours, late, rating = outcome
                kwargs.update(answer_hours=hours, late=late, rating=rating)
            else:
                kwargs["state"] = outcome[1]
            report_with_outcome(unit, received, **kwargs)
            filed += 1
    return filed
