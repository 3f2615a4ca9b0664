"""Writes of year-end village meetings, commune dialogue conferences and the items raised at them.

Luật 10/2022/QH15 Art. 32 (the commune People's Committee holds a dialogue with the Front and the people at least
once a year) and Art. 33 with NĐ 59/2023 Art. 10–11 (each village or residential group holds a meeting every year,
announced at least ``year_end_meeting.notice_min`` days ahead, hears the reports of the village head, the Front
work committee and the People's Inspection Board member, and sends its result to the commune People's Committee
and Fatherland Front). The numbers are ``core.LegalRule`` rows. Every change is audited; edits carry the version
the officer saw (409 ``stale`` otherwise); a creation repeated with its submission key returns the first record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import ConflictError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.periods import MIN_YEAR, latest_year
from danvan.core.rules import rule_in_force
from danvan.core.text import single_line
from danvan.democracy.models import (
    CommunityMeeting,
    MeetingKind,
    MeetingStatus,
    Recommendation,
    RecommendationSource,
)
from danvan.democracy.recommendation_services import recommendation_raise
from danvan.democracy.service_kit import (
    check_version,
    clean_text,
    existing_submission,
    full_clean,
    invalid,
    save_new,
    today,
)

NOTICE_RULE = "year_end_meeting.notice_min"
SCHEDULE_FIELDS = ("title", "held_on", "starts_at", "place", "notice_on", "chaired_by", "year")
RECORD_FIELDS = (
    "status",
    "chaired_by",
    "participants",
    "households_total",
    "households_present",
    "report_village_head",
    "report_front_committee",
    "report_inspection_board",
    "minutes",
)


def default_title(kind: str, unit: AdministrativeUnit, year: int) -> str:
    """ "Hội nghị thôn Đông năm 2026", "Hội nghị đối thoại năm 2026 – Xã Đông Xuân"."""
    if kind == MeetingKind.YEAR_END:
        return _("Hội nghị %(unit)s năm %(year)s") % {"unit": unit.name, "year": year}
    return _("Hội nghị đối thoại năm %(year)s – %(unit)s") % {"unit": unit.name, "year": year}


def notice_days_required(held_on: dt.date) -> int:
    """The least number of days between the notice and a year-end meeting (rule in force on the meeting's day)."""
    return rule_in_force(NOTICE_RULE, held_on).value


def _check_unit(kind: str, unit: AdministrativeUnit) -> None:
    if kind not in MeetingKind.values:
        raise invalid("invalid_kind", _("Loại hội nghị không hợp lệ."), "kind")
    if unit.tree != UnitTree.CURRENT:
        raise invalid("unit_not_current", _("Chỉ ghi hội nghị tại đơn vị hành chính hiện hành."), "unit_id")
    wanted = UnitLevel.VILLAGE if kind == MeetingKind.YEAR_END else UnitLevel.COMMUNE
    if unit.level != wanted:
        message = (
            _("Hội nghị thôn, tổ dân phố phải ghi tại một thôn hoặc tổ dân phố.")
            if kind == MeetingKind.YEAR_END
            else _("Hội nghị đối thoại phải ghi tại một xã, phường, đặc khu.")
        )
        raise invalid("wrong_unit_level", message, "unit_id")


def _check_schedule(meeting: CommunityMeeting) -> None:
    """The year, the day and — for a year-end meeting — the notice period (Art. 33; NĐ 59 Art. 10)."""
    if not MIN_YEAR <= meeting.year <= latest_year(today()):
        raise invalid("invalid_year", _("Năm không hợp lệ."), "year")
    if meeting.held_on.year not in (meeting.year, meeting.year + 1):
        raise invalid(
            "held_on_outside_year",
            _("Hội nghị của năm %(year)s phải tổ chức trong năm đó hoặc đầu năm sau.") % {"year": meeting.year},
            "held_on",
        )
    if meeting.notice_on is not None and meeting.notice_on > meeting.held_on:
        raise invalid("notice_after_meeting", _("Ngày thông báo phải trước ngày tổ chức."), "notice_on")
    if meeting.kind == MeetingKind.YEAR_END and meeting.notice_on is not None:
        required = notice_days_required(meeting.held_on)
        given = (meeting.held_on - meeting.notice_on).days
        if given < required:
            earliest = meeting.notice_on + dt.timedelta(days=required)
            raise invalid(
                "notice_too_short",
                _(
                    "Thông báo ngày %(notice)s chỉ trước hội nghị %(given)s ngày; phải thông báo trước ít nhất "
                    "%(required)s ngày (Điều 33 Luật 10/2022/QH15). Ngày tổ chức sớm nhất: %(earliest)s."
                )
                % {
                    "notice": format_date(meeting.notice_on),
                    "given": given,
                    "required": required,
                    "earliest": format_date(earliest),
                },
                "notice_on",
            )


@transaction.atomic
def meeting_schedule(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    kind: str,
    held_on: dt.date,
    year: int | None = None,
    title: str = "",
    starts_at: dt.time | None = None,
    place: str = "",
    notice_on: dt.date | None = None,
    chaired_by: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> CommunityMeeting:
    """Put a year-end meeting (at a village) or a dialogue conference (at a commune) on the calendar.

    ``year`` is the year the conference reviews (by default the year of ``held_on``). A year-end meeting's notice
    must come at least ``year_end_meeting.notice_min`` days before it. Repeating ``submission_key`` returns the
    meeting already scheduled.
    """
    existing = existing_submission(CommunityMeeting, submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    _check_unit(kind, unit)
    year = year if year is not None else held_on.year
    meeting = CommunityMeeting(
        unit=unit,
        unit_path=unit.path,
        province_code=unit.province_code,
        kind=kind,
        year=year,
        title=single_line(title)[:300] or default_title(kind, unit, year),
        held_on=held_on,
        starts_at=starts_at,
        place=single_line(place)[:300],
        notice_on=notice_on,
        chaired_by=single_line(chaired_by)[:200],
        households_total=unit.households if kind == MeetingKind.YEAR_END else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    _check_schedule(meeting)
    full_clean(meeting, exclude=["unit", "created_by"])
    twin = save_new(meeting, submission_fingerprint)
    if twin is not None:
        return twin
    audit_log(
        actor=actor,
        action="democracy.meeting.scheduled",
        instance=meeting,
        unit=unit,
        changes={"kind": kind, "year": year, "held_on": held_on, "notice_on": notice_on},
    )
    return meeting


def _locked(meeting: CommunityMeeting, expected_version: int | None) -> CommunityMeeting:
    locked = CommunityMeeting.objects.select_for_update(of=("self",)).select_related("unit").get(pk=meeting.pk)
    check_version(locked, expected_version)
    return locked


@transaction.atomic
def meeting_reschedule(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    expected_version: int | None,
    held_on: dt.date,
    title: str = "",
    starts_at: dt.time | None = None,
    place: str = "",
    notice_on: dt.date | None = None,
    chaired_by: str = "",
) -> CommunityMeeting:
    """Change the day, place or notice of a meeting still on the calendar (the notice rule is checked again)."""
    locked = _locked(meeting, expected_version)
    if locked.status != MeetingStatus.SCHEDULED:
        raise ConflictError("not_scheduled", _("Chỉ sửa lịch của hội nghị chưa tổ chức."))
    before = snapshot(locked, SCHEDULE_FIELDS)
    locked.held_on = held_on
    locked.title = single_line(title)[:300] or locked.title
    locked.starts_at = starts_at
    locked.place = single_line(place)[:300]
    locked.notice_on = notice_on
    locked.chaired_by = single_line(chaired_by)[:200]
    _check_schedule(locked)
    full_clean(locked, exclude=["unit", "created_by"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.meeting.rescheduled",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, SCHEDULE_FIELDS)),
    )
    return locked


def _count(value: int | None, field: str) -> int | None:
    if value is not None and value < 0:
        raise invalid("invalid_number", _("Số không hợp lệ."), field)
    return value


@transaction.atomic
def meeting_record(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    expected_version: int | None,
    participants: int | None,
    minutes: str,
    households_total: int | None = None,
    households_present: int | None = None,
    chaired_by: str = "",
    report_village_head: bool = False,
    report_front_committee: bool = False,
    report_inspection_board: bool = False,
) -> CommunityMeeting:
    """Record a meeting as held: attendance, the reports presented (year-end meeting: the village head's, the Front
    work committee's and the People's Inspection Board member's — NĐ 59 Art. 10) and the minutes. A meeting cannot
    be recorded before its day; a recorded one can be corrected (each correction audited)."""
    locked = _locked(meeting, expected_version)
    if locked.status == MeetingStatus.CANCELLED:
        raise ConflictError("cancelled", _("Hội nghị đã hủy, không ghi kết quả được."))
    if locked.held_on > today():
        raise invalid(
            "not_yet_held",
            _("Hội nghị tổ chức ngày %(day)s; chưa thể ghi kết quả.") % {"day": format_date(locked.held_on)},
            "held_on",
        )
    minutes = clean_text(minutes, "minutes")
    if not minutes:
        raise invalid("minutes_required", _("Hãy ghi tóm tắt biên bản, kết quả hội nghị."), "minutes")
    participants = _count(participants, "participants")
    households_total = _count(households_total, "households_total")
    households_present = _count(households_present, "households_present")
    if households_present is not None and households_total is not None and households_present > households_total:
        raise invalid(
            "present_above_total",
            _("Số hộ dự (%(present)s) không thể lớn hơn tổng số hộ (%(total)s).")
            % {"present": households_present, "total": households_total},
            "households_present",
        )
    if not participants:
        raise invalid("participants_required", _("Hãy ghi số người dự hội nghị."), "participants")
    before = snapshot(locked, RECORD_FIELDS)
    locked.status = MeetingStatus.HELD
    locked.participants = participants
    locked.households_total = households_total
    locked.households_present = households_present
    locked.chaired_by = single_line(chaired_by)[:200] or locked.chaired_by
    is_village = locked.kind == MeetingKind.YEAR_END
    locked.report_village_head = report_village_head and is_village
    locked.report_front_committee = report_front_committee and is_village
    locked.report_inspection_board = report_inspection_board and is_village
    locked.minutes = minutes
    full_clean(locked, exclude=["unit", "created_by"])
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.meeting.held",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, RECORD_FIELDS)),
    )
    return locked


@transaction.atomic
def meeting_send_result(
    *,
    actor: Any,
    meeting: CommunityMeeting,
    expected_version: int | None,
    to_committee_on: dt.date | None,
    to_front_on: dt.date | None,
) -> CommunityMeeting:
    """Record the days the result was sent to the commune People's Committee and Fatherland Front (NĐ 59 Art. 10);
    only for a meeting held, on or after its day and not in the future."""
    locked = _locked(meeting, expected_version)
    if locked.status != MeetingStatus.HELD:
        raise ConflictError("not_held", _("Chỉ gửi kết quả của hội nghị đã tổ chức."))
    now = today()
    for field, day in (("to_committee_on", to_committee_on), ("to_front_on", to_front_on)):
        if day is not None and not locked.held_on <= day <= now:
            raise invalid(
                "invalid_sent_on",
                _("Ngày gửi phải từ ngày hội nghị (%(held)s) đến hôm nay.") % {"held": format_date(locked.held_on)},
                field,
            )
    if to_committee_on is None and to_front_on is None:
        raise invalid("sent_on_required", _("Hãy nhập ít nhất một ngày gửi."), "to_committee_on")
    before = snapshot(locked, ("sent_to_committee_on", "sent_to_front_on"))
    locked.sent_to_committee_on = to_committee_on or locked.sent_to_committee_on
    locked.sent_to_front_on = to_front_on or locked.sent_to_front_on
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.meeting.sent",
        instance=locked,
        unit=locked.unit,
        changes=changes_between(before, snapshot(locked, ("sent_to_committee_on", "sent_to_front_on"))),
    )
    return locked


@transaction.atomic
def meeting_cancel(
    *, actor: Any, meeting: CommunityMeeting, expected_version: int | None, reason: str
) -> CommunityMeeting:
    """Take a meeting off the calendar, with the reason; a meeting held cannot be cancelled."""
    locked = _locked(meeting, expected_version)
    if locked.status != MeetingStatus.SCHEDULED:
        raise ConflictError("not_scheduled", _("Chỉ hủy hội nghị chưa tổ chức."))
    reason = single_line(reason)[:300]
    if not reason:
        raise invalid("reason_required", _("Hãy ghi lý do hủy."), "reason")
    locked.status = MeetingStatus.CANCELLED
    locked.cancel_reason = reason
    locked.version += 1
    locked.save()
    audit_log(
        actor=actor,
        action="democracy.meeting.cancelled",
        instance=locked,
        unit=locked.unit,
        changes={"status": [MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED], "reason": reason},
    )
    return locked


# --- Raised items -----------------------------------------------------------------------------------------------


def meeting_raise_item(*, actor: Any, meeting: CommunityMeeting, **fields: Any) -> Recommendation:
    """An item raised at a meeting (only one that was held; raised on the meeting's day)."""
    if meeting.status != MeetingStatus.HELD:
        raise ConflictError("not_held", _("Chỉ ghi ý kiến, kiến nghị của hội nghị đã tổ chức."))
    source = (
        RecommendationSource.YEAR_END_MEETING if meeting.kind == MeetingKind.YEAR_END else RecommendationSource.DIALOGUE
    )
    return recommendation_raise(
        actor=actor, event=meeting, source=source, unit=meeting.unit, raised_on=meeting.held_on, **fields
    )
