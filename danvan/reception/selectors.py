"""Citizen reception, the reads: what came of a visit, and the logbook (sổ tiếp công dân, Form 03/TCD) as lines —
one per visit and matter raised — read lazily in slices for pages, the API and the XLSX export (``logbook.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import active_memberships
from danvan.cases.models import Case, CaseKind, CasePerson, CaseStatus, CaseTransition
from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.models import AdministrativeUnit, LegalRule
from danvan.core.rules import RuleTable
from danvan.core.subtree import subtree_q
from danvan.reception import access
from danvan.reception.models import Visit, VisitOutcome

CONFIDENTIAL_TEXT = gettext_lazy("Giữ bí mật (Điều 8 Luật Tố cáo)")


def visit_outcome(visit: Visit) -> str:
    if visit.is_refused:
        return VisitOutcome.REFUSED
    if visit.answered_on_spot:
        return VisitOutcome.ANSWERED
    return VisitOutcome.CASES


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


def filter_visits(
    visits: QuerySet[Visit],
    *,
    unit: AdministrativeUnit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str | None = None,
) -> QuerySet[Visit]:
    """Narrow ``visits`` by the filters of ``schemas.VisitFilter``: ``unit`` (checked by the caller) with its
    subtree, received from ``start`` to ``end``, of ``kind``."""
    if unit is not None:
        visits = visits.filter(subtree_q(unit))
    if start:
        visits = visits.filter(visited_on__gte=start)
    if end:
        visits = visits.filter(visited_on__lte=end)
    if kind:
        visits = visits.filter(kind=kind)
    return visits


def logbook_visits(
    user: Any, *, start: dt.date, end: dt.date, unit: AdministrativeUnit | None = None
) -> QuerySet[Visit]:
    """The visits of the logbook: those ``user`` may see, received between ``start`` and ``end``."""
    visits = access.visits_visible_to(user).filter(visited_on__gte=start, visited_on__lte=end)
    if unit is not None:
        visits = visits.filter(subtree_q(unit))
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
    visits = _visits_by_id(list(dict.fromkeys(visit_id for visit_id, _case in keys)))
    cases = _cases_by_id([case_id for _visit, case_id in keys if case_id is not None])
    rows = []
    group_rules: RuleTable | None = None  # read once, at the first line of a matter
    for number, (visit_id, case_id) in enumerate(keys, start=first_number):
        visit = visits[visit_id]
        case = cases.get(case_id) if case_id is not None else None
        if case is None:
            rows.append(_visit_line(number, visit))
            continue
        if group_rules is None:
            group_rules = RuleTable(LegalRule.objects.filter(code="reception.group_min_size"))
        rows.append(_case_line(number, visit, case, group_rules))
    return rows


def _visits_by_id(visit_ids: Sequence[int]) -> dict[int, Visit]:
    visits: dict[int, Visit] = {}
    for chunk in _chunks(visit_ids):
        visits.update(
            (v.pk, v)
            for v in Visit.objects.filter(pk__in=chunk).select_related("refusal_ground").prefetch_related("people")
        )
    return visits


def _cases_by_id(case_ids: Sequence[int]) -> dict[int, Case]:
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
    return cases


def _visit_line(number: int, visit: Visit) -> LogbookRow:
    """The line of a visit that opened no case: refused, or answered on the spot."""
    notes = "; ".join(_visit_note(visit))
    if visit.is_confidential:
        names, ids = str(CONFIDENTIAL_TEXT), str(CONFIDENTIAL_TEXT)
    elif people := list(visit.people.all()):
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
    return LogbookRow(
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
        note=notes,
        visit_note=notes,
        is_confidential=visit.is_confidential,
    )


def _case_line(number: int, visit: Visit, case: Case, group_rules: RuleTable) -> LogbookRow:
    """The line of one matter a visit raised: its case's people (never a denouncer), steps and result."""
    hidden = case.kind == CaseKind.DENUNCIATION
    if hidden:
        names, ids = str(CONFIDENTIAL_TEXT), str(CONFIDENTIAL_TEXT)
    else:
        names, ids = _people_text(list(case.people.all()), case.persons_count)
    # One count for the line: the people of this matter, in the names ("đoàn 5 người"), the column "Số người"
    # and the group note alike; a visit's lines then add up to the people who came, not once per matter.
    notes = _visit_note(visit, case.persons_count, group_rules)
    return LogbookRow(
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
