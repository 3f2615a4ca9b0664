"""The demo's building blocks: a place (commune, desk officer, chairman, today), the chairman's weekly sessions,
a visit, a petition received, and the steps a case takes, each dated some days ago — all through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from danvan.accounts.models import Officer
from danvan.cases.models import Case, CaseKind, ComplexityCriterion, Field, Outcome, RefusalGround
from danvan.cases.services import PersonIn, TransitionInput, case_receive, case_transition
from danvan.cases.vault import DenouncerIdentity
from danvan.core.models import AdministrativeUnit
from danvan.reception.models import HostRole, ReceptionKind, Visit, VisitOutcome
from danvan.reception.services import RaisedCaseIn, VisitorIn, session_plan, session_record, visit_record

DONG_XUAN = "22081"
BUON_MA_THUOT = "24133"
WEEKS = 13
MISSED_WEEK = 5  # Đồng Xuân's chairman did not receive five weeks ago
DELEGATED_WEEK = 2  # Buôn Ma Thuột's chairman sent a deputy two weeks ago

RESOLVED_OUTCOME = {
    CaseKind.COMPLAINT: Outcome.PARTLY_RIGHT,
    CaseKind.DENUNCIATION: Outcome.FOUNDED,
    CaseKind.RECOMMENDATION: Outcome.ADDRESSED,
    CaseKind.FEEDBACK: Outcome.ADDRESSED,
}


@dataclass
class Place:
    """A commune of the demo, its desk officer and its chairman, and today's date."""

    unit: AdministrativeUnit
    officer: Officer
    chairman: Officer
    today: dt.date
    sessions: dict[int, Any] = field(default_factory=dict)

    def ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)

    def thursday(self, weeks_ago: int) -> dt.date:
        """Thursday of the ISO week ``weeks_ago`` weeks before this one."""
        monday = self.today - dt.timedelta(days=self.today.weekday())
        return monday + dt.timedelta(days=3 - 7 * weeks_ago)


def field_of(code: str) -> Field:
    return Field.objects.get(code=code)


# A step: (action, days ago, "officer" | "chairman", TransitionInput keyword arguments).
Step = tuple[str, int, str, dict[str, Any]]


def classify(in_jurisdiction: bool = True, days: int = 0) -> Step:
    return ("classify", days, "officer", {"is_eligible": True, "in_jurisdiction": in_jurisdiction})


def walk(place: Place, case: Case, steps: Sequence[Step]) -> Case:
    """Take ``steps`` in order; each is dated ``days`` ago and done by the desk officer or the chairman."""
    for action, days, who, data in steps:
        on = place.ago(days)
        actor = place.chairman if who == "chairman" else place.officer
        payload = dict(data)
        if action == "resolve":
            payload.setdefault("outcome", RESOLVED_OUTCOME[CaseKind(case.kind)])
            payload.setdefault("document_date", on)
        if action == "extend":
            payload.setdefault("criteria", list(ComplexityCriterion.objects.filter(kind=case.kind)[:1]))
        case = case_transition(actor=actor, case=case, action=action, data=TransitionInput(**payload), on=on)
    return case


def accept(days: int, number: str) -> Step:
    return ("accept", days, "chairman", {"document_no": number})


def resolve(days: int, number: str, **data: Any) -> Step:
    return ("resolve", days, "chairman", {"document_no": number, **data})


def schedule(place: Place, chairman_name: str, position: str, *, missed: int | None, delegated: int | None) -> None:
    """Weekly periodic sessions of the chairman for the last three months and the next two weeks."""
    for weeks_ago in range(WEEKS, -3, -1):
        day = place.thursday(weeks_ago)
        if weeks_ago == missed:
            continue
        common: dict[str, Any] = {
            "actor": place.officer,
            "unit": place.unit,
            "kind": ReceptionKind.PERIODIC,
            "host_role": HostRole.COMMUNE_CHAIRMAN,
            "host_name": chairman_name,
            "host_position": position,
            "held_on": day,
            "starts_at": dt.time(7, 30),
            "ends_at": dt.time(11, 0),
            "location": f"Trụ sở UBND {place.unit.name}",
        }
        if day <= place.today:
            delegate = "Phó Chủ tịch UBND phụ trách tiếp công dân" if weeks_ago == delegated else ""
            place.sessions[weeks_ago] = session_record(**common, delegate_name=delegate)
        else:
            place.sessions[weeks_ago] = session_plan(**common)


def visit(
    place: Place,
    *,
    weeks_ago: int | None = None,
    days: int | None = None,
    kind: str,
    summary: str,
    outcome: str = VisitOutcome.CASES,
    people: Sequence[tuple[str, str, bool]] = (),
    persons: int = 1,
    raised: Sequence[RaisedCaseIn] = (),
    answer: str = "",
    refusal_code: str | None = None,
    handled_by: str = "",
) -> Visit:
    """A visit at the chairman's session ``weeks_ago`` weeks back, or at the desk ``days`` ago."""
    session = place.sessions.get(weeks_ago) if weeks_ago is not None else None
    visited_on = place.thursday(weeks_ago) if weeks_ago is not None else place.ago(days or 0)
    return visit_record(
        actor=place.officer,
        unit=place.unit,
        visited_on=visited_on,
        kind=kind,
        summary=summary,
        outcome=outcome,
        persons=persons,
        visitors=[VisitorIn(name, address, is_representative=rep) for name, address, rep in people],
        session=session,
        already_handled_by=handled_by,
        refusal_ground=RefusalGround.objects.get(code=refusal_code) if refusal_code else None,
        answer=answer,
        raised=raised,
    )


def receive(
    place: Place,
    *,
    days: int,
    kind: str,
    channel: str,
    field_code: str,
    title: str,
    summary: str,
    people: Sequence[str] = (),
    denouncer: DenouncerIdentity | None = None,
    is_anonymous: bool = False,
    is_discipline: bool = False,
    subject_party: str = "",
) -> Case:
    return case_receive(
        actor=place.officer,
        unit=place.unit,
        kind=kind,
        channel=channel,
        field=field_of(field_code),
        title=title,
        summary=summary,
        received_on=place.ago(days),
        people=[PersonIn(name, f"{place.unit.name}") for name in people],
        denouncer=denouncer,
        is_anonymous=is_anonymous,
        is_discipline=is_discipline,
        subject_party=subject_party,
    )


def thursday_days(place: Place, weeks_ago: int) -> int:
    return (place.today - place.thursday(weeks_ago)).days
