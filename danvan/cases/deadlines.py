"""Which legal time limit runs for a case, and its due date with the explanation.

A case has one running deadline at a time: the intake limit from receipt (accept a complaint, initial handling of
a denunciation, forward feedback; for a visit also the reply within 10 working days, whichever is earlier) and,
after acceptance, the resolution limit (the complex and remote-area variants; a denunciation's extensions add
30 days each from the previous due date). Every rule is taken as in force on the deadline's start date, so a case
received before 01/07/2026 keeps the 10-day acceptance limit (DOMAIN.md §5).

The plan — ``{"rules": [code, …], "pause_days": n}`` counted from ``due_from`` — is stored on the case, so
:func:`refresh_due_dates` can re-apply it when a holiday or a rule is corrected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.cases.models import Case, CaseKind, DeadlineStep
from danvan.core.compiled import count_rows
from danvan.core.formatting import format_date
from danvan.core.rules import RuleTable, deadline_from_rule
from danvan.core.workdays import WorkCalendar, default_calendar


@dataclass(frozen=True)
class DuePlan:
    step: str
    start: dt.date
    rules: tuple[str, ...]
    pause_days: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"rules": list(self.rules), "pause_days": self.pause_days}


@dataclass(frozen=True)
class ComputedDue:
    plan: DuePlan
    due_on: dt.date
    explanation: list[str]


def intake_rule_options(case: Case) -> list[str]:
    """Rule codes that limit intake; the earliest due date among them runs."""
    if case.kind == CaseKind.COMPLAINT:
        options = ["complaint.accept_second" if case.complaint_round == 2 else "complaint.accept"]
    elif case.kind == CaseKind.DENUNCIATION:
        options = [
            "denunciation.initial_handling_multi_place" if case.is_multi_place else "denunciation.initial_handling"
        ]
        if case.in_jurisdiction is False:
            options.append("denunciation.forward")  # outside our jurisdiction: forward within 5 working days
    else:
        options = ["feedback.forward"]
    if case.visit_id is not None:
        options.append("reception.reply")
    return options


def resolution_rule(case: Case) -> str:
    """The resolution limit for the case as now classified (Luật Khiếu nại Art. 28, 37, 50; Luật Tố cáo Art. 30)."""
    if case.kind == CaseKind.COMPLAINT:
        if case.is_discipline:
            return "complaint.discipline_resolve_complex" if case.is_complex else "complaint.discipline_resolve"
        base = "complaint.resolve_second" if case.complaint_round == 2 else "complaint.resolve_first"
        suffix = ("_remote" if case.is_remote_area else "") + ("_complex" if case.is_complex else "")
        return base + suffix
    if case.kind == CaseKind.DENUNCIATION:
        return "denunciation.resolve"
    return "feedback.resolve"


def resolution_rules(case: Case) -> tuple[str, ...]:
    extensions = case.extension_count if case.kind == CaseKind.DENUNCIATION else 0
    return (resolution_rule(case), *("denunciation.extension",) * extensions)


def compute(plan: DuePlan, *, calendar: WorkCalendar | None = None, rules: RuleTable | None = None) -> ComputedDue:
    """Apply ``plan``: the first rule from the start, each further rule from the previous due date."""
    calendar = calendar or default_calendar()
    rules = rules or RuleTable.current()
    lines: list[str] = []
    due = plan.start
    for index, code in enumerate(plan.rules):
        rule = rules.in_force(code, plan.start)
        deadline = deadline_from_rule(rule, due, calendar=calendar)
        if index:
            lines.append(_("Gia hạn lần %(n)s:") % {"n": index})
        lines.extend(deadline.explanation)
        due = deadline.due_on
    if plan.pause_days:
        nominal = due + dt.timedelta(days=plan.pause_days)
        due = calendar.next_working_day(nominal) if not calendar.is_working_day(nominal) else nominal
        lines.append(
            ngettext(
                "Cộng %(days)s ngày tạm đình chỉ (không tính vào thời hạn giải quyết): hạn mới %(date)s.",
                "Cộng %(days)s ngày tạm đình chỉ (không tính vào thời hạn giải quyết): hạn mới %(date)s.",
                plan.pause_days,
            )
            % {"days": plan.pause_days, "date": format_date(due)}
        )
    return ComputedDue(plan=plan, due_on=due, explanation=lines)


def intake_due(case: Case, *, calendar: WorkCalendar | None = None, rules: RuleTable | None = None) -> ComputedDue:
    calendar = calendar or default_calendar()
    rules = rules or RuleTable.current()  # once for every option; in memory (shared cache) until a rule changes
    options = [
        compute(DuePlan(DeadlineStep.INTAKE, case.received_on, (code,)), calendar=calendar, rules=rules)
        for code in intake_rule_options(case)
    ]
    return min(options, key=lambda computed: computed.due_on)


def resolution_due(case: Case, start: dt.date, pause_days: int = 0, **kwargs: Any) -> ComputedDue:
    return compute(DuePlan(DeadlineStep.RESOLUTION, start, resolution_rules(case), pause_days), **kwargs)


def apply_due(case: Case, computed: ComputedDue | None) -> list[str]:
    """Set the running deadline on ``case`` (not saved); returns the fields to save."""
    if computed is None:
        case.due_step, case.due_from, case.due_on = "", None, None
        case.due_plan, case.due_explanation = [], []
    else:
        case.due_step = computed.plan.step
        case.due_from = computed.plan.start
        case.due_on = computed.due_on
        case.due_plan = computed.plan.as_json()
        case.due_explanation = computed.explanation
    return ["due_step", "due_from", "due_on", "due_plan", "due_explanation"]


def plan_of(case: Case) -> DuePlan | None:
    if case.due_from is None or not case.due_plan:
        return None
    return DuePlan(
        step=case.due_step,
        start=case.due_from,
        rules=tuple(case.due_plan["rules"]),
        pause_days=int(case.due_plan.get("pause_days", 0)),
    )


def refresh_due_dates(
    cases: QuerySet[Case],
    *,
    calendar: WorkCalendar | None = None,
    rules: RuleTable | None = None,
    days: Collection[dt.date] = (),
) -> int:
    """Recompute the stored due dates of ``cases`` (after a holiday or a rule changed); returns how many changed.

    A case changes when its due date moves or its explanation reads differently: a notice entered for a year
    that was provisional ("dự kiến") may confirm the package's days, and the explanation must stop saying so.
    Cases sharing a start date and a plan share a due date, so each distinct (start, plan) is computed once and
    written with one UPDATE; a million open cases make a few thousand groups.

    ``days``: only these days changed (notices added, removed or edited, nothing else), so only the cases whose
    running window ``(due_from, due_on]`` may hold one of them are read. A deadline — every rule of its plan, its
    pause, its explanation — depends only on the days of that window: a day added off or made working inside it
    was skipped or counted there, one outside it changes nothing (the 130,000 cases a day off moves of a million
    open ones, not the million).
    """
    calendar = calendar or WorkCalendar.load()
    rules = rules or RuleTable.load()
    if days:
        cases = cases.filter(due_from__lt=max(days), due_on__gte=min(days))  # index case_due_window_open
    groups = (
        cases.filter(due_from__isnull=False, due_on__isnull=False)  # a suspended case's time is stopped
        .values("due_step", "due_from", "due_plan", "due_on", "due_explanation")
        .annotate(n=count_rows())
        .order_by()
    )
    moves: list[tuple[QuerySet[Case], ComputedDue]] = []
    for group in groups:
        if group["due_from"] is None:
            continue
        plan = DuePlan(
            step=group["due_step"],
            start=group["due_from"],
            rules=tuple(group["due_plan"]["rules"]),
            pause_days=int(group["due_plan"].get("pause_days", 0)),
        )
        computed = compute(plan, calendar=calendar, rules=rules)
        if computed.due_on == group["due_on"] and computed.explanation == group["due_explanation"]:
            continue
        stale = cases.filter(
            due_step=group["due_step"], due_from=group["due_from"], due_plan=group["due_plan"], due_on=group["due_on"]
        )
        if computed.due_on == group["due_on"]:
            # Only the explanation reads differently. Not found by the stored explanation: SQLite compares JSON as
            # text, and a row written another way (non-ASCII unescaped) would never match — and never move.
            stale = stale.exclude(due_explanation=computed.explanation)
        moves.append((stale, computed))
    # One transaction: all or none of the cases move, and SQLite writes the pages the groups share (the indexes on
    # due_on) once at the commit, not once per group: a day off moving 110,000 cases in ~70 groups took 11.8 s in
    # 70 commits, 8.1 s in one (bench/cases_bench.py). The groups were read before it, so the write lock is held
    # for the writes alone; a case changed meanwhile no longer matches its group's filter and is left as it is.
    with transaction.atomic():
        return sum(
            stale.update(due_on=computed.due_on, due_explanation=computed.explanation) for stale, computed in moves
        )
