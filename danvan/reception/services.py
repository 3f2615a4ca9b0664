"""Citizen reception, the writes: the schedule of heads and of the desk, and visits recorded at the desk with the
petitions they raise. Each service is one transaction and leaves an audit entry; reads are in ``selectors.py``, the
heads' minimums and their weeks and months in ``compliance.py``.

Luật Tiếp công dân 42/2013/QH13: the desk receives regularly, heads periodically or unscheduled (Art. 12–18); a
group of 5 or more chooses representatives (Art. 30); reception may be refused on the grounds of Art. 9; the
citizen is answered within 10 working days (Art. 28: the intake deadline of every case a visit creates).

A visit that raises a denunciation keeps no visitor's identity: the Visit is marked confidential and its names
are left blank, the denouncer goes only to the vault of the case (Luật Tố cáo 2018 Art. 8.3). A visit and the
cases it creates are written in one transaction; repeating its ``submission_key`` returns the visit already made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.cases.models import Case, CaseKind, Channel, Field, GroundScope, RefusalGround
from danvan.cases.services import PersonIn, case_receive, check_representatives
from danvan.cases.vault import DenouncerIdentity, DenouncerPerson
from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.formatting import format_date
from danvan.core.idempotency import check_same_request
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.core.periods import MIN_YEAR
from danvan.core.phones import check_phone
from danvan.core.rules import rule_in_force
from danvan.core.text import single_line
from danvan.core.workdays import default_calendar
from danvan.reception import access
from danvan.reception.compliance import PER_MONTH, PER_WEEK, period_of
from danvan.reception.models import (
    HostRole,
    ReceptionKind,
    ReceptionSession,
    SessionStatus,
    Visit,
    VisitOutcome,
    VisitPerson,
)

# Which unit level a head's sessions belong to (an agency head sits at any level).
HOST_LEVEL: dict[str, int] = {
    HostRole.COMMUNE_CHAIRMAN: UnitLevel.COMMUNE,
    HostRole.PROVINCE_CHAIRMAN: UnitLevel.PROVINCE,
}
FIRST_DAY = dt.date(MIN_YEAR, 1, 1)


def _today() -> dt.date:
    return timezone.localdate()


def _forbidden(message: str | Promise) -> DomainError:
    return DomainError("forbidden", message, status=403)


def _check_day(value: dt.date, field: str, label: str | Promise, *, allow_future: bool) -> None:
    if value < FIRST_DAY:
        raise DomainError("date_out_of_range", _("%(label)s không hợp lệ.") % {"label": label}, field=field)
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
        raise DomainError("invalid_kind", _("Hình thức tiếp không hợp lệ."), field="kind")
    if host_role not in HostRole.values:
        raise DomainError("invalid_host_role", _("Người chủ trì không hợp lệ."), field="host_role")
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
            field="organization",
        )
    if starts_at and ends_at and ends_at <= starts_at:
        raise DomainError("time_order", _("Giờ kết thúc phải sau giờ bắt đầu."), field="ends_at")
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
    locked = ReceptionSession.objects.select_for_update(of=("self",)).select_related("unit").get(pk=session.pk)
    if not access.can_manage_session(actor, locked):
        raise _forbidden(_("Bạn không có quyền cập nhật lịch tiếp công dân tại đơn vị này."))
    delegate_name = _check_move(locked, status, single_line(delegate_name)[:150], expected_version)
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


def _check_move(locked: ReceptionSession, status: str, delegate_name: str, expected_version: int | None) -> str:
    """Whether the session may move to ``status`` now; the name of who received in the head's place (none when
    cancelled)."""
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
    if status == SessionStatus.HELD:
        _check_day(locked.held_on, "held_on", _("Ngày tiếp"), allow_future=False)
        if delegate_name and locked.host_role == HostRole.DESK:
            raise DomainError(
                "delegate_not_head",
                _("Chỉ người đứng đầu mới ủy quyền cho cấp phó tiếp thay."),
                fields={"delegate_name": [_("Không áp dụng.")]},
            )
        return delegate_name
    if locked.visits.exists():
        raise ConflictError("session_has_visits", _("Buổi tiếp đã có lượt tiếp công dân, không thể hủy."))
    return ""


# --- Visits -------------------------------------------------------------------------------------------------


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
    return ground.scope == GroundScope.RECEPTION and ground.is_in_force(on)


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
                field="refusal_ground",
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
            field=field,
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


def _petitioners(
    index: int, item: RaisedCaseIn, visitors: Sequence[VisitorIn], denouncers: set[int]
) -> tuple[tuple[int, ...], set[int]]:
    """Who signs the ``index``-th petition raised (indexes into the visitors) and who represents them. Unnamed
    petitioners of a denunciation are all the visitors; of another petition, all but those who denounce at this
    visit, who are named nowhere else (Luật Tố cáo Art. 8)."""
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
    if item.representatives is None:
        return chosen, {i for i in chosen if visitors[i].is_representative}
    representatives = set(_indexes(item.representatives, len(visitors), f"cases.{index}.representatives"))
    if not representatives <= set(chosen):
        raise DomainError(
            "representative_not_petitioner",
            _("Đơn thứ %(n)s: người đại diện phải là người đứng tên đơn.") % {"n": index + 1},
            field=f"cases.{index}.representatives",
        )
    return chosen, representatives


@dataclass(frozen=True)
class _Signers:
    """The people of one petition raised, as ``case_receive`` takes them."""

    petitioners: list[PersonIn]
    denouncer: DenouncerIdentity | None
    persons_count: int


def _signers(
    item: RaisedCaseIn,
    visit: Visit,
    visitors: Sequence[VisitorIn],
    chosen: tuple[int, ...],
    representatives: set[int],
    denouncers: set[int],
) -> _Signers:
    people = [visitors[i] for i in chosen]
    if item.kind == CaseKind.DENUNCIATION:
        identity = None
        if not item.is_anonymous:
            identity = DenouncerIdentity(
                people=tuple(
                    DenouncerPerson(full_name=p.full_name, address=p.address, phone=p.phone, id_number=p.id_number)
                    for p in people
                )
            )
        return _Signers([], identity, len(people) or 1)
    # Unnamed petitioners: the whole group, but for those who denounce at this visit (named nowhere else).
    persons_count = len(people) if item.petitioners else max(visit.persons - len(denouncers), len(people), 1)
    petitioners = [
        PersonIn(p.full_name, p.address, p.phone, p.id_number, is_representative=i in representatives)
        for i, p in zip(chosen, people, strict=True)
    ]
    return _Signers(petitioners, None, persons_count)


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
        chosen, representatives = _petitioners(index, item, visitors, denouncers)
        signers = _signers(item, visit, visitors, chosen, representatives, denouncers)
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
                people=signers.petitioners,
                persons_count=signers.persons_count,
                denouncer=signers.denouncer,
                is_anonymous=item.is_anonymous and item.kind == CaseKind.DENUNCIATION,
                complaint_round=item.complaint_round,
                is_discipline=item.is_discipline,
                subject_party=item.subject_party,
                event_known_on=item.event_known_on,
                late_filing_reason=item.late_filing_reason,
                visit_id=visit.pk,
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
    ``cases.services.case_receive`` with ``visit_id`` set, so the reply deadline of Art. 28 runs). A group of 5 or more
    must name 1–2 representatives (more than 10: up to 5; Art. 30). When a denunciation is raised the visit keeps
    no names: the denouncer is stored in the case's vault only. Repeating ``submission_key`` returns the visit
    already recorded.
    """
    existing = _visit_submitted(submission_key, submission_fingerprint)
    if existing is not None:
        return existing
    if not access.can_receive_at(actor, unit):
        raise _forbidden(_("Bạn không có quyền tiếp công dân tại đơn vị này."))
    summary, answer = (summary or "").strip(), (answer or "").strip()
    _check_visit(unit=unit, kind=kind, visited_on=visited_on, summary=summary)
    _check_outcome(outcome, refusal_ground, answer, raised, visited_on)
    if session is not None:
        _check_session(session, unit, visited_on)
    visitors = _clean_visitors(visitors)
    persons = _check_people(visitors, persons, outcome, raised, visited_on)
    group_min = rule_in_force("reception.group_min_size", visited_on)
    confidential = kind == CaseKind.DENUNCIATION or any(r.kind == CaseKind.DENUNCIATION for r in raised)
    contact = None if confidential else next((v for v in visitors if v.is_representative), next(iter(visitors), None))
    visit = Visit(
        unit=unit,
        unit_path=unit.path,
        session=session,
        visited_on=visited_on,
        persons=persons,
        is_group=persons >= group_min.value,
        kind=kind,
        is_confidential=confidential,
        visitor_name=contact.full_name if contact else "",
        visitor_address=contact.address if contact else "",
        visitor_id_document=contact.id_number if contact else "",
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
    existing = _save_visit(visit, submission_fingerprint)
    if existing is not None:
        return existing
    if not confidential:
        _save_people(visit, visitors)
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


def _visit_submitted(submission_key: str | None, submission_fingerprint: str) -> Visit | None:
    """The visit already recorded with ``submission_key`` (the same request sent again), if any."""
    if not submission_key:
        return None
    existing = Visit.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        check_same_request(existing.submission_fingerprint, submission_fingerprint)
    return existing


def _save_visit(visit: Visit, submission_fingerprint: str) -> Visit | None:
    """Save ``visit``; if the same submission was saved meanwhile (a race on its key), return that one instead."""
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError:
        key = visit.submission_key
        if key and Visit.objects.filter(submission_key=key).exists():
            existing = Visit.objects.get(submission_key=key)
            check_same_request(existing.submission_fingerprint, submission_fingerprint)
            return existing
        raise
    return None


def _check_visit(*, unit: AdministrativeUnit, kind: str, visited_on: dt.date, summary: str) -> None:
    if unit.tree != UnitTree.CURRENT:
        raise DomainError("unit_not_current", _("Chỉ tiếp công dân tại đơn vị hành chính hiện hành."))
    if kind not in CaseKind.values:
        raise DomainError("invalid_kind", _("Loại nội dung không hợp lệ."), field="kind")
    _check_day(visited_on, "visited_on", _("Ngày tiếp"), allow_future=False)
    if not summary:
        raise DomainError(
            "summary_required", _("Hãy tóm tắt nội dung công dân trình bày."), fields={"summary": [_("Bắt buộc.")]}
        )


def _check_session(session: ReceptionSession, unit: AdministrativeUnit, visited_on: dt.date) -> None:
    """A visit at a session: the session's unit and day, and not cancelled."""
    if session.unit_id != unit.pk or session.status == SessionStatus.CANCELLED:
        raise DomainError("invalid_session", _("Buổi tiếp không thuộc đơn vị hoặc đã hủy."), field="session")
    if session.held_on != visited_on:
        raise DomainError(
            "session_other_day",
            _("Buổi tiếp đã chọn diễn ra ngày %(date)s, khác ngày tiếp.") % {"date": format_date(session.held_on)},
            fields={"session": [_("Khác ngày.")]},
        )


def _check_people(
    visitors: Sequence[VisitorIn], persons: int, outcome: str, raised: Sequence[RaisedCaseIn], on: dt.date
) -> int:
    """The number of people who came (at least those named), once the names and representatives the law asks for
    are there: someone named unless refused or only denouncing anonymously, representatives of a group (Art. 30)."""
    anonymous_only = bool(raised) and all(r.kind == CaseKind.DENUNCIATION and r.is_anonymous for r in raised)
    if not visitors and outcome != VisitOutcome.REFUSED and not anonymous_only:
        raise DomainError(
            "visitor_required", _("Hãy ghi họ tên ít nhất một người đến."), fields={"people": [_("Bắt buộc.")]}
        )
    if persons < 1 or persons > 100_000:
        raise DomainError("invalid_persons", _("Số người không hợp lệ."), field="persons")
    persons = max(persons, len(visitors))
    if outcome != VisitOutcome.REFUSED:
        check_representatives(persons, sum(v.is_representative for v in visitors), on=on)
    return persons


def _save_people(visit: Visit, visitors: Sequence[VisitorIn]) -> None:
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


def _clean_visitors(visitors: Sequence[VisitorIn]) -> list[VisitorIn]:
    """The visitors named, each field on one line and cut to its column."""
    return [
        VisitorIn(
            full_name=single_line(v.full_name)[:150],
            address=single_line(v.address)[:300],
            id_number=single_line(v.id_number)[:30],
            phone=check_phone(v.phone, field=f"visitors.{index}.phone"),
            is_representative=v.is_representative,
        )
        for index, v in enumerate(visitors)
        if single_line(v.full_name)
    ]
