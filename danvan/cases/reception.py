"""Citizen reception: the schedule of heads and of the desk, visits recorded at the desk, compliance, the logbook.

Luật Tiếp công dân 42/2013/QH13: the chairman of a commune receives citizens at least one day a week (Art. 15.2.d)
until 30/06/2026 and at least two days a month from 01/07/2026 (Luật 136/2025/QH15), the chairman of a province and the head of an administrative agency at least one day a month (Art. 12.5, 18.2);
a group of 5 or more chooses representatives (Art. 30); reception may be refused on the grounds of Art. 9; the
citizen is answered within 10 working days (Art. 28: the intake deadline of every case a visit creates). The
minimums are ``LegalRule`` rows (``reception.*``), read for each week or month as in force then
(:func:`reception_periods`; :func:`period_of` is the one definition of a week or month, shared with the planner). From 01/07/2026
a head may no longer send a deputy in their place (Luật 136/2025/QH15): a delegated session from that day does
not count toward the minimum. That date is read from the rule ``reception.head_may_delegate`` (value 1 while
delegation is allowed) when the administrator has entered it, else from :data:`DELEGATION_ENDS_DEFAULT`.

A visit that raises a denunciation keeps no visitor's identity: the Visit is marked confidential and its names
are left blank, the denouncer goes only to the vault of the case (Luật Tố cáo 2018 Art. 8.3). A visit and the
cases it creates are written in one transaction; repeating its ``submission_key`` returns the visit already made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import Scope, active_memberships
from danvan.cases import access
from danvan.cases.models import (
    Case,
    CaseKind,
    CasePerson,
    CaseStatus,
    CaseTransition,
    Channel,
    Field,
    GroundScope,
    HostRole,
    ReceptionKind,
    ReceptionSession,
    RefusalGround,
    SessionStatus,
    Visit,
    VisitPerson,
)
from danvan.cases.services import PersonIn, case_receive, check_representatives
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson
from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.idempotency import check_same_request
from danvan.core.models import AdministrativeUnit, LegalRule, Organization, UnitLevel, UnitTree
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.rules import RuleTable, rule_in_force
from danvan.core.text import single_line
from danvan.core.workdays import default_calendar

HEAD_ROLES = (HostRole.COMMUNE_CHAIRMAN, HostRole.PROVINCE_CHAIRMAN, HostRole.AGENCY_HEAD)
MINIMUM_RULES: dict[str, str] = {
    HostRole.COMMUNE_CHAIRMAN: "reception.commune_chairman_min",
    HostRole.PROVINCE_CHAIRMAN: "reception.province_chairman_min",
    HostRole.AGENCY_HEAD: "reception.agency_head_min",
}
# Which unit level a head's sessions belong to (an agency head sits at any level).
HOST_LEVEL: dict[str, int] = {
    HostRole.COMMUNE_CHAIRMAN: UnitLevel.COMMUNE,
    HostRole.PROVINCE_CHAIRMAN: UnitLevel.PROVINCE,
}
COUNTED_KINDS = (ReceptionKind.PERIODIC, ReceptionKind.UNSCHEDULED)
DELEGATION_RULE = "reception.head_may_delegate"
DELEGATION_ENDS_DEFAULT = dt.date(2026, 7, 1)  # Luật 136/2025/QH15; superseded by the rule when entered
CONFIDENTIAL_TEXT = gettext_lazy("Giữ bí mật (Điều 8 Luật Tố cáo)")
FIRST_DAY = dt.date(MIN_YEAR, 1, 1)


def _today() -> dt.date:
    return timezone.localdate()


def _forbidden(message: str | Promise) -> DomainError:
    return DomainError("forbidden", message, status=403)


def _check_day(value: dt.date, field: str, label: str | Promise, *, allow_future: bool) -> None:
    if value < FIRST_DAY:
        raise DomainError(
            "date_out_of_range", _("%(label)s không hợp lệ.") % {"label": label}, fields={field: [_("Không hợp lệ.")]}
        )
    if not allow_future and value > _today():
        raise DomainError(
            "date_in_future",
            _("%(label)s không thể sau hôm nay.") % {"label": label},
            fields={field: [_("Ngày trong tương lai.")]},
        )


# --- The schedule -------------------------------------------------------------------------------------------


def _check_session_fields(
    *,
    unit: AdministrativeUnit,
    kind: str,
    host_role: str,
    host_name: str,
    organization: Organization | None,
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    delegate_name: str,
) -> None:
    if unit.tree != UnitTree.CURRENT:
        raise DomainError("unit_not_current", _("Chỉ lập lịch tiếp công dân tại đơn vị hành chính hiện hành."))
    if kind not in ReceptionKind.values:
        raise DomainError("invalid_kind", _("Hình thức tiếp không hợp lệ."), fields={"kind": [_("Không hợp lệ.")]})
    if host_role not in HostRole.values:
        raise DomainError(
            "invalid_host_role", _("Người chủ trì không hợp lệ."), fields={"host_role": [_("Không hợp lệ.")]}
        )
    if not host_name:
        raise DomainError("host_name_required", _("Hãy ghi họ tên người tiếp."), fields={"host_name": [_("Bắt buộc.")]})
    # The desk receives regularly; heads receive periodically or, when needed, unscheduled (Art. 12–18).
    if (host_role == HostRole.DESK) != (kind == ReceptionKind.REGULAR):
        raise DomainError(
            "kind_host_mismatch",
            _(
                "Tiếp thường xuyên do Bộ phận tiếp công dân thực hiện; người đứng đầu tiếp định kỳ hoặc đột xuất "
                "(Luật Tiếp công dân, Điều 12–18)."
            ),
            fields={"kind": [_("Không phù hợp với người chủ trì.")]},
        )
    level = HOST_LEVEL.get(host_role)
    if level is not None and unit.level != level:
        raise DomainError(
            "host_level_mismatch",
            _("“%(role)s” chỉ tiếp công dân tại đơn vị cấp tương ứng.") % {"role": HostRole(host_role).label},
            fields={"host_role": [_("Không phù hợp với đơn vị.")]},
        )
    if host_role == HostRole.AGENCY_HEAD and organization is None:
        raise DomainError(
            "organization_required",
            _("Hãy chọn cơ quan của thủ trưởng tiếp công dân."),
            fields={"organization": [_("Bắt buộc.")]},
        )
    if organization is not None and organization.unit_id != unit.pk:
        raise DomainError(
            "organization_out_of_unit",
            _("Cơ quan phải thuộc đơn vị của buổi tiếp."),
            fields={"organization": [_("Không hợp lệ.")]},
        )
    if starts_at and ends_at and ends_at <= starts_at:
        raise DomainError(
            "time_order", _("Giờ kết thúc phải sau giờ bắt đầu."), fields={"ends_at": [_("Không hợp lệ.")]}
        )
    if delegate_name and host_role == HostRole.DESK:
        raise DomainError(
            "delegate_not_head",
            _("Chỉ người đứng đầu mới ủy quyền cho cấp phó tiếp thay."),
            fields={"delegate_name": [_("Không áp dụng.")]},
        )


@transaction.atomic
def session_plan(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    kind: str,
    host_role: str,
    host_name: str,
    held_on: dt.date,
    host_position: str = "",
    starts_at: dt.time | None = None,
    ends_at: dt.time | None = None,
    location: str = "",
    organization: Organization | None = None,
    note: str = "",
    status: str = SessionStatus.PLANNED,
    delegate_name: str = "",
) -> ReceptionSession:
    """Put a reception day of a head or of the desk in the schedule of ``unit`` (status "planned").

    ``status="held"`` records a day already held (as :func:`session_record`). The desk receives regularly, heads
    periodically or unscheduled; a commune chairman's sessions belong to a commune, a province chairman's to a
    province (Luật Tiếp công dân Art. 12–18).
    """
    if not access.can_receive_at(actor, unit):
        raise _forbidden(_("Bạn không có quyền lập lịch tiếp công dân tại đơn vị này."))
    if status not in (SessionStatus.PLANNED, SessionStatus.HELD):
        raise DomainError("invalid_status", _("Buổi tiếp mới chỉ có thể “Theo lịch” hoặc “Đã tiếp”."))
    host_name, delegate_name = single_line(host_name)[:150], single_line(delegate_name)[:150]
    _check_session_fields(
        unit=unit,
        kind=kind,
        host_role=host_role,
        host_name=host_name,
        organization=organization,
        starts_at=starts_at,
        ends_at=ends_at,
        delegate_name=delegate_name,
    )
    _check_day(held_on, "held_on", _("Ngày tiếp"), allow_future=status == SessionStatus.PLANNED)
    if status == SessionStatus.PLANNED and delegate_name:
        raise DomainError(
            "delegate_when_held",
            _("Ghi người tiếp thay khi ghi nhận buổi tiếp đã diễn ra."),
            fields={"delegate_name": [_("Chưa áp dụng.")]},
        )
    session = ReceptionSession.objects.create(
        unit=unit,
        unit_path=unit.path,
        organization=organization,
        kind=kind,
        host_role=host_role,
        host_name=host_name,
        host_position=single_line(host_position)[:150],
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        location=single_line(location)[:300],
        status=status,
        delegate_name=delegate_name,
        note=note.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log(
        actor=actor,
        action="cases.reception_session.planned" if status == SessionStatus.PLANNED else "cases.reception_session.held",
        instance=session,
        unit=unit,
        changes={
            "kind": kind,
            "host_role": host_role,
            "held_on": held_on,
            "status": status,
            "delegated": bool(delegate_name),
        },
    )
    return session


class Repeat(models.TextChoices):
    WEEKLY = "weekly", gettext_lazy("Hằng tuần")
    MONTHLY = "monthly", gettext_lazy("Hằng tháng (cùng ngày)")


SERIES_MAX_DAYS = 366


@dataclass
class SkippedDay:
    day: dt.date
    reason: str


@dataclass
class SessionSeries:
    sessions: list[ReceptionSession] = field(default_factory=list)
    skipped: list[SkippedDay] = field(default_factory=list)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day (31/01 → 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def series_days(first: dt.date, until: dt.date, repeat: str) -> Iterator[dt.date]:
    """The days of a weekly or monthly series from ``first`` to ``until`` (both included), before holidays."""
    step = 0
    while True:
        day = first + dt.timedelta(weeks=step) if repeat == Repeat.WEEKLY else _add_months(first, step)
        if day > until:
            return
        yield day
        step += 1


def _same_period(a: dt.date, b: dt.date, repeat: str) -> bool:
    unit = PER_WEEK if repeat == Repeat.WEEKLY else PER_MONTH
    return period_of(a, unit) == period_of(b, unit)


@transaction.atomic
def session_plan_series(*, actor: Any, repeat: str, until: dt.date, **fields: Any) -> SessionSeries:
    """Put a head's regular reception days in the schedule: every week or month from ``held_on`` to ``until``.

    A day off (the shared calendar) moves the session to the next working day of the same week (or month) —
    the legal minimum is counted per week or month — and is skipped when there is none; so is a day the same
    host already has in the schedule (a series entered twice). At most a year at once; all or nothing.
    """
    first: dt.date = fields["held_on"]
    if repeat not in Repeat.values:
        raise DomainError(
            "invalid_repeat", _("Chọn lặp lại hằng tuần hoặc hằng tháng."), fields={"repeat": [_("Sai.")]}
        )
    if fields.get("status", SessionStatus.PLANNED) != SessionStatus.PLANNED:
        raise DomainError(
            "invalid_status", _("Chỉ lập lịch lặp lại cho các buổi sắp tới."), fields={"status": [_("Sai.")]}
        )
    if until < first:
        raise DomainError(
            "invalid_period", _("Ngày kết thúc lặp lại phải sau ngày tiếp đầu tiên."), fields={"until": [_("Sai.")]}
        )
    if (until - first).days > SERIES_MAX_DAYS:
        raise DomainError(
            "series_too_long", _("Lịch lặp lại dài tối đa một năm."), fields={"until": [_("Quá một năm.")]}
        )
    calendar = default_calendar()
    taken = set(
        ReceptionSession.objects.filter(
            unit=fields["unit"],
            host_role=fields["host_role"],
            host_name=single_line(fields["host_name"])[:150],
            held_on__range=(first, until + dt.timedelta(days=7)),
        )
        .exclude(status=SessionStatus.CANCELLED)
        .values_list("held_on", flat=True)
    )
    series = SessionSeries()
    for planned in series_days(first, until, repeat):
        day = calendar.next_working_day(planned)
        if not _same_period(day, planned, repeat):
            series.skipped.append(SkippedDay(planned, str(_("ngày nghỉ"))))
        elif day in taken:
            series.skipped.append(SkippedDay(day, str(_("đã có trong lịch"))))
        else:
            series.sessions.append(session_plan(actor=actor, **{**fields, "held_on": day}))
            taken.add(day)
    return series


def session_record(**kwargs: Any) -> ReceptionSession:
    """Record a reception day already held (an unscheduled reception, or one not planned in danvan)."""
    return session_plan(**kwargs, status=SessionStatus.HELD)


# planned → held | cancelled; held → held (correct who received, or the note).
SESSION_MOVES: dict[str, frozenset[str]] = {
    SessionStatus.PLANNED: frozenset({SessionStatus.HELD, SessionStatus.CANCELLED}),
    SessionStatus.HELD: frozenset({SessionStatus.HELD}),
    SessionStatus.CANCELLED: frozenset(),
}


@transaction.atomic
def session_update(
    *,
    actor: Any,
    session: ReceptionSession,
    status: str,
    delegate_name: str = "",
    note: str | None = None,
    expected_version: int | None = None,
) -> ReceptionSession:
    """Mark a planned session held (by the head, or by ``delegate_name`` in their place) or cancelled.

    A stale ``expected_version`` gets 409; a day in the future cannot be marked held; a session with visits
    cannot be cancelled.
    """
    locked = ReceptionSession.objects.select_for_update().select_related("unit").get(pk=session.pk)
    if not access.can_manage_session(actor, locked):
        raise _forbidden(_("Bạn không có quyền cập nhật lịch tiếp công dân tại đơn vị này."))
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError("stale", _("Buổi tiếp đã được người khác cập nhật. Vui lòng tải lại trang và thử lại."))
    if status not in SESSION_MOVES.get(locked.status, frozenset()):
        raise ConflictError(
            "invalid_transition",
            _("Không thể chuyển buổi tiếp từ “%(from)s” sang “%(to)s”.")
            % {
                "from": locked.get_status_display(),
                "to": SessionStatus(status).label if status in SessionStatus.values else status,
            },
        )
    delegate_name = single_line(delegate_name)[:150]
    if status == SessionStatus.HELD:
        _check_day(locked.held_on, "held_on", _("Ngày tiếp"), allow_future=False)
        if delegate_name and locked.host_role == HostRole.DESK:
            raise DomainError(
                "delegate_not_head",
                _("Chỉ người đứng đầu mới ủy quyền cho cấp phó tiếp thay."),
                fields={"delegate_name": [_("Không áp dụng.")]},
            )
    else:
        delegate_name = ""
        if locked.visits.exists():
            raise ConflictError("session_has_visits", _("Buổi tiếp đã có lượt tiếp công dân, không thể hủy."))
    previous = locked.status
    locked.status = status
    locked.delegate_name = delegate_name
    fields = ["status", "delegate_name", "version"]
    if note is not None:
        locked.note = note.strip()
        fields.append("note")
    locked.version = F("version") + 1
    locked.save(update_fields=fields)
    locked.refresh_from_db(fields=["version"])
    audit_log(
        actor=actor,
        action=f"cases.reception_session.{status}",
        instance=locked,
        unit=locked.unit,
        changes={"status": [previous, status], "delegated": bool(delegate_name)},
    )
    return locked


# --- Visits -------------------------------------------------------------------------------------------------


class VisitOutcome:
    """What came of a visit: cases were opened, the citizen was answered on the spot, or reception was refused."""

    CASES = "cases"
    ANSWERED = "answered"
    REFUSED = "refused"
    CHOICES = (
        (CASES, gettext_lazy("Tiếp nhận đơn, vụ việc")),
        (ANSWERED, gettext_lazy("Trả lời, hướng dẫn tại chỗ")),
        (REFUSED, gettext_lazy("Từ chối tiếp")),
    )
    VALUES = (CASES, ANSWERED, REFUSED)


@dataclass(frozen=True)
class VisitorIn:
    """A visitor named at the desk (the phone is used only if they denounce: it goes to the vault)."""

    full_name: str
    address: str = ""
    id_number: str = ""
    phone: str = ""
    is_representative: bool = False


@dataclass(frozen=True)
class RaisedCaseIn:
    """A petition raised at the visit. ``petitioners``: indexes into the visitors (empty: all of them); for a
    denunciation they are the denouncers. ``representatives``: indexes among them (None: as marked on the
    visitors)."""

    kind: str
    field: Field
    title: str = ""
    summary: str = ""
    petitioners: tuple[int, ...] = ()
    representatives: tuple[int, ...] | None = None
    subject_party: str = ""
    complaint_round: int | None = None
    is_discipline: bool = False
    event_known_on: dt.date | None = None
    late_filing_reason: str = ""
    is_anonymous: bool = False


def _refusal_ground_valid(ground: RefusalGround, on: dt.date) -> bool:
    return (
        ground.scope == GroundScope.RECEPTION
        and ground.valid_from <= on
        and (ground.valid_to is None or on <= ground.valid_to)
    )


def _check_outcome(
    outcome: str, refusal_ground: RefusalGround | None, answer: str, raised: Sequence[Any], on: dt.date
) -> None:
    if outcome not in VisitOutcome.VALUES:
        raise DomainError(
            "visit_outcome_required",
            _("Hãy chọn kết quả của lượt tiếp: tiếp nhận đơn, trả lời tại chỗ hoặc từ chối tiếp."),
            fields={"outcome": [_("Bắt buộc.")]},
        )
    if outcome == VisitOutcome.REFUSED:
        if refusal_ground is None:
            raise DomainError(
                "refusal_ground_required",
                _("Từ chối tiếp công dân phải nêu căn cứ pháp lý (Điều 9 Luật Tiếp công dân)."),
                fields={"refusal_ground": [_("Bắt buộc.")]},
            )
        if not _refusal_ground_valid(refusal_ground, on):
            raise DomainError(
                "invalid_refusal_ground",
                _("Căn cứ từ chối không áp dụng cho việc tiếp công dân vào ngày này."),
                fields={"refusal_ground": [_("Không hợp lệ.")]},
            )
    if outcome == VisitOutcome.ANSWERED and not answer:
        raise DomainError(
            "answer_required",
            _("Hãy ghi nội dung đã trả lời, hướng dẫn công dân."),
            fields={"answer": [_("Bắt buộc.")]},
        )
    if outcome == VisitOutcome.CASES and not raised:
        raise DomainError(
            "cases_required",
            _("Hãy ghi ít nhất một đơn (khiếu nại, tố cáo, kiến nghị, phản ánh) được tiếp nhận."),
            fields={"cases": [_("Bắt buộc.")]},
        )
    if outcome != VisitOutcome.CASES and raised:
        raise DomainError(
            "cases_not_allowed",
            _("Lượt tiếp bị từ chối hoặc đã trả lời tại chỗ thì không tạo đơn."),
            fields={"cases": [_("Không áp dụng.")]},
        )


def _indexes(values: Sequence[int], count: int, field: str) -> tuple[int, ...]:
    bad = [v for v in values if not 0 <= v < count]
    if bad:
        raise DomainError(
            "invalid_person_number",
            _("Số thứ tự người không có trong danh sách người đến: %(numbers)s.")
            % {"numbers": ", ".join(str(v + 1) for v in bad)},
            fields={field: [_("Không hợp lệ.")]},
        )
    return tuple(dict.fromkeys(values))


def _raise_for_case(index: int, error: DomainError) -> DomainError:
    """A case's refusal, said of the case row it came from (``cases.<n>.<field>``)."""
    fields = {f"cases.{index}.{name}": problems for name, problems in (error.fields or {}).items()}
    message = _("Đơn thứ %(n)s: %(message)s") % {"n": index + 1, "message": error.message}
    return type(error)(error.code, message, status=error.status, fields=fields or None)


def _denouncer_indexes(visitors: Sequence[VisitorIn], raised: Sequence[RaisedCaseIn]) -> set[int]:
    """The visitors who denounce something at this visit: their names go to the vault and nowhere else."""
    found: set[int] = set()
    for index, item in enumerate(raised):
        if item.kind == CaseKind.DENUNCIATION and not item.is_anonymous:
            chosen = _indexes(item.petitioners, len(visitors), f"cases.{index}.petitioners")
            found |= set(chosen or range(len(visitors)))
    return found


def _receive_raised(
    *,
    actor: Any,
    visit: Visit,
    visitors: Sequence[VisitorIn],
    raised: Sequence[RaisedCaseIn],
    submission_key: str | None,
) -> list[Case]:
    cases = []
    denouncers = _denouncer_indexes(visitors, raised)
    for index, item in enumerate(raised):
        chosen = _indexes(item.petitioners, len(visitors), f"cases.{index}.petitioners")
        if item.kind != CaseKind.DENUNCIATION:
            if set(chosen) & denouncers:
                raise DomainError(
                    "denouncer_named_elsewhere",
                    _(
                        "Đơn thứ %(n)s: người tố cáo không được ghi tên trong đơn khác của cùng lượt tiếp "
                        "(giữ bí mật người tố cáo, Điều 8 Luật Tố cáo)."
                    )
                    % {"n": index + 1},
                    fields={f"cases.{index}.petitioners": [_("Có người tố cáo.")]},
                )
            chosen = chosen or tuple(i for i in range(len(visitors)) if i not in denouncers)
        else:
            chosen = chosen or tuple(range(len(visitors)))
        if item.representatives is not None:
            representatives = set(_indexes(item.representatives, len(visitors), f"cases.{index}.representatives"))
            if not representatives <= set(chosen):
                raise DomainError(
                    "representative_not_petitioner",
                    _("Đơn thứ %(n)s: người đại diện phải là người đứng tên đơn.") % {"n": index + 1},
                    fields={f"cases.{index}.representatives": [_("Không hợp lệ.")]},
                )
        else:
            representatives = {i for i in chosen if visitors[i].is_representative}
        people = [visitors[i] for i in chosen]
        # Unnamed petitioners: the whole group, but for those who denounce at this visit (named nowhere else).
        persons_count = len(people) if item.petitioners else max(visit.persons - len(denouncers), len(people), 1)
        denouncer = None
        petitioners: list[PersonIn] = []
        if item.kind == CaseKind.DENUNCIATION:
            if not item.is_anonymous:
                denouncer = DenouncerIdentity(
                    people=tuple(
                        DenouncerPerson(full_name=p.full_name, address=p.address, phone=p.phone, id_number=p.id_number)
                        for p in people
                    )
                )
            persons_count = len(people) or 1
        else:
            petitioners = [
                PersonIn(p.full_name, p.address, p.phone, p.id_number, is_representative=i in representatives)
                for i, p in zip(chosen, people, strict=True)
            ]
        try:
            case = case_receive(
                actor=actor,
                unit=visit.unit,
                kind=item.kind,
                channel=Channel.IN_PERSON,
                field=item.field,
                title=single_line(item.title) or single_line(visit.summary)[:300],
                summary=item.summary.strip() or visit.summary,
                received_on=visit.visited_on,
                people=petitioners,
                persons_count=persons_count,
                denouncer=denouncer,
                is_anonymous=item.is_anonymous and item.kind == CaseKind.DENUNCIATION,
                complaint_round=item.complaint_round,
                is_discipline=item.is_discipline,
                subject_party=item.subject_party,
                event_known_on=item.event_known_on,
                late_filing_reason=item.late_filing_reason,
                visit=visit,
                submission_key=f"{submission_key[:60]}-{index}" if submission_key else None,
            )
        except DomainError as error:
            raise _raise_for_case(index, error) from error
        cases.append(case)
    return cases


@transaction.atomic
def visit_record(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    visited_on: dt.date,
    kind: str,
    summary: str,
    outcome: str,
    persons: int = 1,
    visitors: Sequence[VisitorIn] = (),
    session: ReceptionSession | None = None,
    already_handled_by: str = "",
    refusal_ground: RefusalGround | None = None,
    answer: str = "",
    raised: Sequence[RaisedCaseIn] = (),
    note: str = "",
    submission_key: str | None = None,
    submission_fingerprint: str = "",
) -> Visit:
    """Record a visit (lượt tiếp) at ``unit`` and, in the same transaction, the cases it raises.

    A visit is refused on a legal ground (Art. 9), answered on the spot, or opens one or more cases (each through
    ``services.case_receive`` with ``visit`` set, so the reply deadline of Art. 28 runs). A group of 5 or more
    must name 1–2 representatives (more than 10: up to 5; Art. 30). When a denunciation is raised the visit keeps
    no names: the denouncer is stored in the case's vault only. Repeating ``submission_key`` returns the visit
    already recorded.
    """
    if submission_key:
        existing = Visit.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            check_same_request(existing.submission_fingerprint, submission_fingerprint)
            return existing
    if not access.can_receive_at(actor, unit):
        raise _forbidden(_("Bạn không có quyền tiếp công dân tại đơn vị này."))
    if unit.tree != UnitTree.CURRENT:
        raise DomainError("unit_not_current", _("Chỉ tiếp công dân tại đơn vị hành chính hiện hành."))
    if kind not in CaseKind.values:
        raise DomainError("invalid_kind", _("Loại nội dung không hợp lệ."), fields={"kind": [_("Không hợp lệ.")]})
    _check_day(visited_on, "visited_on", _("Ngày tiếp"), allow_future=False)
    summary = (summary or "").strip()
    if not summary:
        raise DomainError(
            "summary_required", _("Hãy tóm tắt nội dung công dân trình bày."), fields={"summary": [_("Bắt buộc.")]}
        )
    answer = (answer or "").strip()
    _check_outcome(outcome, refusal_ground, answer, raised, visited_on)
    if session is not None:
        if session.unit_id != unit.pk or session.status == SessionStatus.CANCELLED:
            raise DomainError(
                "invalid_session",
                _("Buổi tiếp không thuộc đơn vị hoặc đã hủy."),
                fields={"session": [_("Không hợp lệ.")]},
            )
        if session.held_on != visited_on:
            raise DomainError(
                "session_other_day",
                _("Buổi tiếp đã chọn diễn ra ngày %(date)s, khác ngày tiếp.") % {"date": format_date(session.held_on)},
                fields={"session": [_("Khác ngày.")]},
            )
    visitors = [
        VisitorIn(
            full_name=single_line(v.full_name)[:150],
            address=single_line(v.address)[:300],
            id_number=single_line(v.id_number)[:30],
            phone=single_line(v.phone)[:20],
            is_representative=v.is_representative,
        )
        for v in visitors
        if single_line(v.full_name)
    ]
    anonymous_only = bool(raised) and all(r.kind == CaseKind.DENUNCIATION and r.is_anonymous for r in raised)
    if not visitors and outcome != VisitOutcome.REFUSED and not anonymous_only:
        raise DomainError(
            "visitor_required", _("Hãy ghi họ tên ít nhất một người đến."), fields={"people": [_("Bắt buộc.")]}
        )
    if persons < 1 or persons > 100_000:
        raise DomainError("invalid_persons", _("Số người không hợp lệ."), fields={"persons": [_("Không hợp lệ.")]})
    persons = max(persons, len(visitors))
    group_min = rule_in_force("reception.group_min_size", visited_on)
    if outcome != VisitOutcome.REFUSED:
        check_representatives(persons, sum(v.is_representative for v in visitors), on=visited_on)
    confidential = kind == CaseKind.DENUNCIATION or any(r.kind == CaseKind.DENUNCIATION for r in raised)
    contact = next((v for v in visitors if v.is_representative), visitors[0] if visitors else None)
    visit = Visit(
        unit=unit,
        unit_path=unit.path,
        session=session,
        visited_on=visited_on,
        persons=persons,
        is_group=persons >= group_min.value,
        kind=kind,
        is_confidential=confidential,
        visitor_name="" if confidential or contact is None else contact.full_name,
        visitor_address="" if confidential or contact is None else contact.address,
        visitor_id_document="" if confidential or contact is None else contact.id_number,
        summary=summary,
        already_handled_by=single_line(already_handled_by)[:300],
        is_refused=outcome == VisitOutcome.REFUSED,
        refusal_ground=refusal_ground if outcome == VisitOutcome.REFUSED else None,
        answered_on_spot=outcome == VisitOutcome.ANSWERED,
        answer=answer if outcome == VisitOutcome.ANSWERED else "",
        note=note.strip(),
        received_by=actor,
        submission_key=submission_key or None,
        submission_fingerprint=submission_fingerprint if submission_key else "",
    )
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError:
        if submission_key and Visit.objects.filter(submission_key=submission_key).exists():
            existing = Visit.objects.get(submission_key=submission_key)
            check_same_request(existing.submission_fingerprint, submission_fingerprint)
            return existing
        raise
    if not confidential:
        VisitPerson.objects.bulk_create(
            [
                VisitPerson(
                    visit=visit,
                    full_name=v.full_name,
                    address=v.address,
                    id_number=v.id_number,
                    is_representative=v.is_representative,
                )
                for v in visitors
            ]
        )
    cases = _receive_raised(actor=actor, visit=visit, visitors=visitors, raised=raised, submission_key=submission_key)
    audit_log(
        actor=actor,
        action="cases.visit.recorded",
        instance=visit,
        unit=unit,
        changes={
            "kind": kind,
            "persons": persons,
            "is_group": visit.is_group,
            "outcome": outcome,
            "is_confidential": confidential,
            "cases": [case.code for case in cases],
        },
    )
    return visit


def visit_outcome(visit: Visit) -> str:
    if visit.is_refused:
        return VisitOutcome.REFUSED
    if visit.answered_on_spot:
        return VisitOutcome.ANSWERED
    return VisitOutcome.CASES


# --- Periods: what "a week" and "a month" of reception mean, for the planner and for compliance ----------------

PER_WEEK = "day_per_week"
PER_MONTH = "day_per_month"


@dataclass(frozen=True)
class Period:
    """A week (ISO, Monday–Sunday) or a calendar month in which a head must receive some days."""

    start: dt.date
    end: dt.date
    unit: str

    @property
    def anchor(self) -> dt.date:
        """The day that places the period: a week's Thursday (so each week is in one month and one year), a
        month's first day. A period is counted in a report when its anchor is in the report's dates, under the
        rule in force on its anchor."""
        return self.start + dt.timedelta(days=3) if self.unit == PER_WEEK else self.start

    @property
    def label(self) -> str:
        if self.unit == PER_WEEK:
            return _("Tuần %(week)s (%(start)s–%(end)s)") % {
                "week": self.start.isocalendar().week,
                "start": self.start.strftime("%d/%m"),
                "end": self.end.strftime("%d/%m"),
            }
        return _("Tháng %s") % self.start.strftime("%m/%Y")


def period_of(day: dt.date, unit: str) -> Period:
    """The week (``day_per_week``) or month (any other unit) that contains ``day``: the one definition the series
    planner and the compliance report share."""
    if unit == PER_WEEK:
        monday = day - dt.timedelta(days=day.weekday())
        return Period(monday, monday + dt.timedelta(days=6), PER_WEEK)
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return Period(first, following - dt.timedelta(days=1), PER_MONTH)


@dataclass(frozen=True)
class Bucket:
    """A period in which a head must receive ``value`` days under ``rule`` (the rule in force on its anchor)."""

    period: Period
    rule: LegalRule
    value: int

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        return self.period.end

    @property
    def label(self) -> str:
        return self.period.label


def reception_periods(table: RuleTable, code: str, start: dt.date, end: dt.date) -> list[Bucket]:
    """The periods of rule ``code`` whose anchor falls between ``start`` and ``end``, each under the rule in force
    on its anchor: a year view of 2026 for a commune chairman gives the ISO weeks until 30/06 (1 day a week,
    Art. 15.2.d) and the months from July (2 days a month, Luật 136/2025/QH15). A week that straddles a change of
    unit belongs to the rule of its Thursday; if that rule counts months, the week is part of that month."""
    buckets: list[Bucket] = []
    day = start - dt.timedelta(days=6)  # a week whose Thursday is in range may start up to 3 days earlier
    while day <= end:
        try:
            rule = table.in_force(code, day)
        except DomainError:
            day += dt.timedelta(days=1)  # no minimum in force that day
            continue
        period = period_of(day, rule.value_unit)
        anchor = period.anchor
        if start <= anchor <= end:
            try:
                governing = table.in_force(code, anchor)
            except DomainError:
                governing = None
            same_unit = governing is not None and governing.value_unit == rule.value_unit
            if same_unit and governing is not None and (not buckets or buckets[-1].period != period):
                buckets.append(Bucket(period, governing, governing.value))
        day = period.end + dt.timedelta(days=1)
    return buckets


def period_bounds(year: int, month: int | None) -> tuple[dt.date, dt.date]:
    """A month of ``year``, or the whole year."""
    if not MIN_YEAR <= year <= MAX_YEAR or (month is not None and not 1 <= month <= 12):
        raise DomainError("invalid_period", _("Kỳ không hợp lệ."), fields={"month": [_("Không hợp lệ.")]})
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = dt.date(year, month, 1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


@dataclass
class ComplianceRow:
    unit: AdministrativeUnit
    host_role: str
    organization_name: str
    rule: LegalRule | None  # the rule in force on the reference day (today, or the end of a past period)
    rules: list[LegalRule] = field(default_factory=list)  # every rule the periods were counted under, in order
    required: int = 0
    held: int = 0
    shortfall: int = 0
    missed: list[str] = field(default_factory=list)
    delegated_not_counted: int = 0
    planned: int = 0
    cancelled: int = 0

    @property
    def host_role_label(self) -> str:
        return str(HostRole(self.host_role).label)

    @property
    def is_compliant(self) -> bool:
        return self.shortfall == 0


@dataclass(frozen=True)
class ComplianceReport:
    start: dt.date
    end: dt.date
    as_of: dt.date
    rows: list[ComplianceRow]
    delegation_ends: dt.date | None

    @property
    def shortfalls(self) -> int:
        return sum(1 for row in self.rows if row.shortfall)


def _delegation_q(rules: Sequence[LegalRule]) -> tuple[Q, dt.date | None]:
    """Days on which a deputy's session counts for the head, and the first day it no longer does."""
    rows = [rule for rule in rules if rule.code == DELEGATION_RULE]
    if not rows:
        return Q(held_on__lt=DELEGATION_ENDS_DEFAULT), DELEGATION_ENDS_DEFAULT
    allowed = Q(pk__in=[])
    ends: dt.date | None = None
    for rule in rows:
        if rule.value:
            window = Q(held_on__gte=rule.valid_from)
            if rule.valid_to is not None:
                window &= Q(held_on__lte=rule.valid_to)
            allowed |= window
        elif ends is None or rule.valid_from < ends:
            ends = rule.valid_from
    return allowed, ends


def compliance_units(scope: Scope, unit: AdministrativeUnit | None = None) -> QuerySet[AdministrativeUnit]:
    """Current communes and provinces inside ``scope`` (and inside ``unit``'s subtree when given)."""
    units = AdministrativeUnit.objects.filter(
        scope.q("path"), tree=UnitTree.CURRENT, level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE]
    )
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    return units.order_by("path")


def compliance(
    *, user: Any, year: int, month: int | None = None, unit: AdministrativeUnit | None = None
) -> ComplianceReport:
    """For each commune and province of the officer's scope and each head the law sets a minimum for: the days
    required in the period (per ISO week for a commune chairman, per month otherwise, as in force then), the days
    held in person (held periodic or unscheduled sessions; a deputy's session counts only while delegation is
    allowed), and the shortfall (what each past week or month lacked). Heads with a shortfall come first.

    A fixed number of queries whatever the number of units: the units, one aggregate over the sessions, the rules.
    """
    scope = access.visible_scope(user)
    start, end = period_bounds(year, month)
    today = _today()
    rules = list(LegalRule.objects.filter(code__in=[*MINIMUM_RULES.values(), DELEGATION_RULE]))
    table = RuleTable(rules)
    allowed_q, delegation_ends = _delegation_q(rules)

    calendar = default_calendar()
    buckets_by_role: dict[str, list[Bucket]] = {}
    for role, code in MINIMUM_RULES.items():
        buckets = []
        for bucket in reception_periods(table, code, start, end):
            # Not more days than the period has working days; a week with none (Tết) requires nothing.
            working = calendar.count_working_days(bucket.start - dt.timedelta(days=1), bucket.end)
            if working:
                buckets.append(Bucket(bucket.period, bucket.rule, min(bucket.value, working)))
        buckets_by_role[role] = buckets
    every = [bucket for buckets in buckets_by_role.values() for bucket in buckets]
    if every:
        first_day, last_day = min(b.start for b in every), max(b.end for b in every)
    else:
        first_day, last_day = start, end

    units = {u.pk: u for u in compliance_units(scope, unit)}
    counted = Q(status=SessionStatus.HELD, kind__in=COUNTED_KINDS) & (Q(delegate_name="") | allowed_q)
    delegated = Q(status=SessionStatus.HELD, kind__in=COUNTED_KINDS) & ~Q(delegate_name="") & ~allowed_q
    sessions = ReceptionSession.objects.filter(
        scope.q("unit_path"), host_role__in=HEAD_ROLES, held_on__gte=first_day, held_on__lte=last_day
    )
    if unit is not None:
        sessions = sessions.filter(unit_path__startswith=unit.path)
    days = (
        sessions.values("unit_id", "host_role", "organization_id", "held_on")
        .annotate(
            counted=Count("id", filter=counted),
            delegated=Count("id", filter=delegated),
            planned=Count("id", filter=Q(status=SessionStatus.PLANNED)),
            cancelled=Count("id", filter=Q(status=SessionStatus.CANCELLED)),
        )
        .order_by()
    )
    by_key: dict[tuple[int, str, int | None], list[dict[str, Any]]] = defaultdict(list)
    for day in days:
        org = day["organization_id"] if day["host_role"] == HostRole.AGENCY_HEAD else None
        by_key[(day["unit_id"], day["host_role"], org)].append(dict(day))

    keys: list[tuple[int, str, int | None]] = []
    for unit_id, u in units.items():
        if u.level == UnitLevel.COMMUNE:
            keys.append((unit_id, HostRole.COMMUNE_CHAIRMAN, None))
        elif u.level == UnitLevel.PROVINCE:
            keys.append((unit_id, HostRole.PROVINCE_CHAIRMAN, None))
    agency_keys = [key for key in by_key if key[1] == HostRole.AGENCY_HEAD]
    missing_units = {key[0] for key in agency_keys} - set(units)
    if missing_units:
        units.update({u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=missing_units)})
    org_names = (
        dict(Organization.objects.filter(pk__in={key[2] for key in agency_keys if key[2]}).values_list("pk", "name"))
        if agency_keys
        else {}
    )
    keys += sorted(agency_keys, key=lambda key: (key[0], key[2] or 0))

    rows = []
    for key in keys:
        unit_id, role, org_id = key
        row_unit = units[unit_id]
        valued = [
            bucket
            for bucket in buckets_by_role.get(role, [])
            if row_unit.valid_from is None or bucket.end >= row_unit.valid_from
        ]
        row = ComplianceRow(
            unit=row_unit,
            host_role=role,
            organization_name=org_names.get(org_id, "") if org_id else "",
            rule=_rule_for(table, MINIMUM_RULES[role], start, end, today),
        )
        held_days = sorted({d["held_on"] for d in by_key.get(key, []) if d["counted"]})
        for entry in by_key.get(key, []):
            row.delegated_not_counted += entry["delegated"]
            if start <= entry["held_on"] <= end:
                row.planned += entry["planned"]
                row.cancelled += entry["cancelled"]
        for bucket in valued:
            if not row.rules or row.rules[-1].pk != bucket.rule.pk:
                row.rules.append(bucket.rule)
            value = bucket.value
            held = sum(1 for d in held_days if bucket.start <= d <= bucket.end)
            row.held += held
            # A week or month counts once it is over, or earlier when already satisfied.
            if bucket.end < today or held >= value:
                row.required += value
                if held < value:
                    row.shortfall += value - held
                    row.missed.append(bucket.label)
        rows.append(row)
    rows.sort(key=lambda r: (r.shortfall == 0, -r.shortfall, HEAD_ROLES.index(r.host_role), r.unit.path))
    return ComplianceReport(start=start, end=end, as_of=today, rows=rows, delegation_ends=delegation_ends)


def _rule_for(table: RuleTable, code: str, start: dt.date, end: dt.date, today: dt.date) -> LegalRule | None:
    for day in (min(end, max(today, start)), end, start):
        try:
            return table.in_force(code, day)
        except DomainError:
            continue
    return None


# --- The logbook (sổ tiếp công dân, Form 03/TCD) ------------------------------------------------------------


@dataclass(frozen=True)
class LogbookRow:
    """One line of the logbook: a visit and one matter it raised (a visit without a case is one line)."""

    number: int
    visit_id: int
    case_id: int | None
    case_code: str
    visited_on: dt.date
    name_address: str
    id_document: str
    summary: str
    kind: str
    persons: int
    already_handled_by: str
    in_jurisdiction: str
    guidance: str
    transfer: str
    result: str
    note: str
    visit_note: str
    is_confidential: bool


def logbook_unit_name(user: Any, unit: AdministrativeUnit | None) -> str:
    """Whose book it is: the unit asked for, the officer's one unit, or every unit of their scope."""
    if unit is not None:
        return unit.name
    names = sorted({m.unit.name for m in active_memberships(user)})
    return names[0] if len(names) == 1 else _("Các đơn vị trong phạm vi theo dõi")


def logbook_visits(
    user: Any, *, start: dt.date, end: dt.date, unit: AdministrativeUnit | None = None
) -> QuerySet[Visit]:
    """The visits of the logbook: those ``user`` may see, received between ``start`` and ``end``."""
    visits = access.visits_visible_to(user).filter(visited_on__gte=start, visited_on__lte=end)
    if unit is not None:
        visits = visits.filter(unit_path__startswith=unit.path)
    return visits


class LogbookRows:
    """The lines of a logbook as a lazy sequence: counted and sliced in the database (visits LEFT JOIN cases),
    so pages, the API and the export read only the lines they show, a bounded number of queries per slice."""

    CHUNK = 500

    def __init__(self, visits: QuerySet[Visit]) -> None:
        self._keys = visits.values_list("pk", "cases__pk").order_by("visited_on", "pk", "cases__pk")
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._keys.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[LogbookRow]:
        if not isinstance(index, slice):
            raise TypeError("LogbookRows supports slices only")
        start = index.start or 0
        return build_rows(list(self._keys[index]), first_number=start + 1)

    def __iter__(self) -> Iterator[LogbookRow]:
        number = 1
        batch: list[tuple[int, int | None]] = []
        for key in self._keys.iterator(chunk_size=2000):
            batch.append(key)
            if len(batch) == self.CHUNK:
                yield from build_rows(batch, first_number=number)
                number += len(batch)
                batch = []
        if batch:
            yield from build_rows(batch, first_number=number)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Có") if value else _("Không")


def _people_text(people: Sequence[Any], total: int) -> tuple[str, str]:
    """Names and addresses (the representatives of a group), and their ID documents."""
    representatives = [p for p in people if p.is_representative]
    shown = representatives or list(people)
    names = "; ".join(f"{p.full_name}, {p.address}" if p.address else p.full_name for p in shown)
    if representatives:
        names = _("Đại diện: %(names)s") % {"names": names}
    if total > len(shown) and total > 1:
        names = _("%(names)s (đoàn %(n)s người)") % {"names": names, "n": total} if names else ""
    ids = "; ".join(p.id_number for p in shown if p.id_number)
    return names, ids


def _kind_label(kind: str, complaint_round: int | None = None) -> str:
    label = str(CaseKind(kind).label) if kind in CaseKind.values else kind
    if kind == CaseKind.COMPLAINT and complaint_round == 2:
        return _("%(kind)s (lần hai)") % {"kind": label}
    return label


def _case_result(case: Case) -> str:
    status = str(CaseStatus(case.status).label)
    if case.status in (CaseStatus.RESOLVED, CaseStatus.NOTIFIED, CaseStatus.CLOSED):
        parts = [status]
        if case.outcome:
            parts.append(str(case.get_outcome_display()))
        if case.decision_number:
            parts.append(
                _("Văn bản số %(no)s ngày %(date)s")
                % {"no": case.decision_number, "date": format_date(case.decision_date)}
            )
        if case.resolution_timeliness:
            parts.append(str(case.get_resolution_timeliness_display()))
        return "; ".join(parts)
    if case.status in (CaseStatus.ACCEPTED, CaseStatus.VERIFYING, CaseStatus.SUSPENDED):
        text = _("%(status)s (thụ lý ngày %(date)s)") % {"status": status, "date": format_date(case.accepted_on)}
        if case.due_on:
            text += _("; hạn giải quyết %(date)s") % {"date": format_date(case.due_on)}
        return text
    if case.status in (CaseStatus.RECEIVED, CaseStatus.CLASSIFIED) and case.due_on:
        return _("%(status)s; hạn xử lý %(date)s") % {"status": status, "date": format_date(case.due_on)}
    return status


def _case_guidance(case: Case) -> str:
    if case.status != CaseStatus.GUIDED:
        return ""
    steps = getattr(case, "guide_steps", [])
    document = case.intake_document_no or (steps[-1].document_no if steps else "")
    if document:
        return _("Văn bản số %(no)s") % {"no": document}
    return _("Đã hướng dẫn ngày %(date)s") % {"date": format_date(case.intake_closed_on)}


def _case_transfer(case: Case) -> str:
    if not case.transferred_to_body:
        return ""
    if case.intake_document_no:
        return _("%(body)s; văn bản chuyển số %(no)s") % {
            "body": case.transferred_to_body,
            "no": case.intake_document_no,
        }
    return case.transferred_to_body


def _visit_note(visit: Visit, persons: int | None = None, rules: RuleTable | None = None) -> list[str]:
    """The notes of a line; "Đoàn đông người" when the line's own people (``persons``, the visit's by default) make
    a group, so that the note, the names ("đoàn 5 người") and the column "Số người" count the same people."""
    notes = []
    is_group = visit.is_group
    if persons is not None and rules is not None:
        with contextlib.suppress(DomainError):  # no rule that day: the visit's own flag
            is_group = persons >= rules.in_force("reception.group_min_size", visit.visited_on).value
    if is_group:
        notes.append(_("Đoàn đông người"))
    if visit.is_refused and visit.refusal_ground is not None:
        notes.append(
            _("Từ chối tiếp: %(ground)s (%(basis)s)")
            % {"ground": visit.refusal_ground.text, "basis": visit.refusal_ground.legal_basis}
        )
    if visit.note:
        notes.append(visit.note)
    return notes


def _chunks(values: Sequence[Any], size: int = 900) -> Iterator[Sequence[Any]]:
    for offset in range(0, len(values), size):
        yield values[offset : offset + size]


def build_rows(keys: Sequence[tuple[int, int | None]], *, first_number: int = 1) -> list[LogbookRow]:
    """The logbook lines of ``keys`` (visit id, case id or None), numbered from ``first_number``.

    Reads the visits with their people, and the cases with their petitioners and guidance steps: five queries
    per 900 lines. Never reads the vault: a denunciation's line says only that the identity is kept secret.
    """
    visit_ids = list(dict.fromkeys(visit_id for visit_id, _case in keys))
    case_ids = [case_id for _visit, case_id in keys if case_id is not None]
    visits: dict[int, Visit] = {}
    for chunk in _chunks(visit_ids):
        visits.update(
            (v.pk, v)
            for v in Visit.objects.filter(pk__in=chunk).select_related("refusal_ground").prefetch_related("people")
        )
    cases: dict[int, Case] = {}
    for chunk in _chunks(case_ids):
        cases.update(
            (c.pk, c)
            for c in Case.objects.filter(pk__in=chunk).prefetch_related(
                Prefetch("people", queryset=CasePerson.objects.all()),
                Prefetch(
                    "transitions",
                    queryset=CaseTransition.objects.filter(action="guide").order_by("at", "id"),
                    to_attr="guide_steps",
                ),
            )
        )
    rows = []
    group_rules: RuleTable | None = None  # read once, at the first line of a matter
    for number, (visit_id, case_id) in enumerate(keys, start=first_number):
        visit = visits[visit_id]
        case = cases.get(case_id) if case_id is not None else None
        notes = _visit_note(visit)
        if case is None:
            if visit.is_confidential:
                names, ids = str(CONFIDENTIAL_TEXT), str(CONFIDENTIAL_TEXT)
            else:
                people = list(visit.people.all())
                if people:
                    names, ids = _people_text(people, visit.persons)
                else:
                    names = ", ".join(part for part in (visit.visitor_name, visit.visitor_address) if part)
                    ids = visit.visitor_id_document
            if visit.is_refused:
                result = _("Từ chối tiếp")
            elif visit.answered_on_spot:
                result = _("Đã trả lời, hướng dẫn tại chỗ")
            else:
                result = ""
            rows.append(
                LogbookRow(
                    number=number,
                    visit_id=visit.pk,
                    case_id=None,
                    case_code="",
                    visited_on=visit.visited_on,
                    name_address=names,
                    id_document=ids,
                    summary=visit.summary,
                    kind=_kind_label(visit.kind),
                    persons=visit.persons,
                    already_handled_by=visit.already_handled_by,
                    in_jurisdiction="",
                    guidance=visit.answer if visit.answered_on_spot else "",
                    transfer="",
                    result=result,
                    note="; ".join(notes),
                    visit_note="; ".join(notes),
                    is_confidential=visit.is_confidential,
                )
            )
            continue
        hidden = case.kind == CaseKind.DENUNCIATION
        if hidden:
            names, ids = str(CONFIDENTIAL_TEXT), str(CONFIDENTIAL_TEXT)
        else:
            names, ids = _people_text(list(case.people.all()), case.persons_count)
        # One count for the line: the people of this matter, in the names ("đoàn 5 người"), the column "Số người"
        # and the group note alike; a visit's lines then add up to the people who came, not once per matter.
        if group_rules is None:
            group_rules = RuleTable(LegalRule.objects.filter(code="reception.group_min_size"))
        notes = _visit_note(visit, case.persons_count, group_rules)
        rows.append(
            LogbookRow(
                number=number,
                visit_id=visit.pk,
                case_id=case.pk,
                case_code=case.code,
                visited_on=visit.visited_on,
                name_address=names,
                id_document=ids,
                summary=case.title,
                kind=_kind_label(case.kind, case.complaint_round),
                persons=case.persons_count,
                already_handled_by=visit.already_handled_by,
                in_jurisdiction=_yes_no(case.in_jurisdiction),
                guidance=_case_guidance(case),
                transfer=_case_transfer(case),
                result=_case_result(case),
                note="; ".join([_("Hồ sơ %(code)s") % {"code": case.code}, *notes]),
                visit_note="; ".join(notes),
                is_confidential=hidden,
            )
        )
    return rows
