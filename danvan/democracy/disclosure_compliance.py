"""Whether a disclosure was made lawfully, computed from its channels and the rules in force (never typed).

Luật 10/2022/QH15 (Art. 11–14) as seeded in ``core.LegalRule`` and on the items (``DisclosureItem``):

* timing (``disclosure.timing``): disclosed no later than N working days after the decision was issued — the first
  day of any channel counts;
* posting (``disclosure.posting_min``): items with a minimum posting (1–3, 5–12) stay posted ≥ N consecutive days;
* permanent items (4 and 13) stay posted: a posting that ended without another still up is a violation;
* loudspeakers (``disclosure.loudspeaker_min``): items 7–12 also on the loudspeakers ≥ N consecutive days;
* portal (Art. 13.1): every item also on the commune's portal "where the commune has one" — whether it does is the
  commune's setting (``CommunePortal``; no row = it has one). Where it has one, a disclosure published on danvan's
  public portal (or a channel of the portal form) satisfies it; where it has none, the finding is not required
  (shown as such, never a violation), and a publication still counts as a channel for the timing.

Each finding carries its rule, its legal basis and the computation in words ("Niêm yết từ 01/03/2026 đến
29/03/2026: 29 ngày liên tục < 30 ngày"), so that a board can show why. A finding still running is ``pending``
with the date it changes (``changes_on``); the disclosure stores the earliest as ``recheck_on``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.formatting import format_date
from danvan.core.models import LegalRule
from danvan.core.rules import RuleTable, deadline_from_rule, rule_in_force
from danvan.core.workdays import WorkCalendar
from danvan.democracy.models import (
    ChannelKind,
    CommunePortal,
    ComplianceStatus,
    Disclosure,
    DisclosureChannel,
    DisclosureItem,
    PostingDuration,
)

TIMING = "disclosure.timing"
POSTING_MIN = "disclosure.posting_min"
LOUDSPEAKER_MIN = "disclosure.loudspeaker_min"
PORTAL_BASIS = "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 13.1"

# Finding kinds → the stored flag a violation of that kind sets.
FLAGS = {
    "timing": "is_late",
    "posting": "is_too_short",
    "permanent": "is_taken_down",
    "portal": "lacks_portal",
    "loudspeaker": "lacks_loudspeaker",
}


@dataclass(frozen=True)
class Finding:
    """One rule checked: its status, the rule and legal basis, and the computation in Vietnamese."""

    kind: str
    status: str
    rule_name: str
    legal_basis: str
    computation: str
    changes_on: dt.date | None = None

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _kind_labels() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy

    return {
        "timing": gettext_lazy("Thời hạn công khai"),
        "posting": gettext_lazy("Thời gian niêm yết"),
        "permanent": gettext_lazy("Niêm yết thường xuyên"),
        "portal": gettext_lazy("Cổng thông tin điện tử"),
        "loudspeaker": gettext_lazy("Loa truyền thanh"),
    }


KIND_LABELS = _kind_labels()


@dataclass(frozen=True)
class Compliance:
    status: str
    findings: list[Finding]
    disclosed_on: dt.date | None
    recheck_on: dt.date | None
    flags: dict[str, bool] = field(default_factory=dict)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.status == ComplianceStatus.VIOLATION]


def _rule(code: str, on: dt.date, rules: RuleTable | None) -> LegalRule:
    return rules.in_force(code, on) if rules is not None else rule_in_force(code, on)


def _days(start: dt.date, end: dt.date) -> int:
    """Consecutive days from ``start`` to ``end``, both counted."""
    return (end - start).days + 1


def _timing(
    issued_on: dt.date,
    disclosed_on: dt.date | None,
    on: dt.date,
    rules: RuleTable | None,
    calendar: WorkCalendar | None,
) -> tuple[Finding, dt.date]:
    rule = _rule(TIMING, issued_on, rules)
    deadline = deadline_from_rule(rule, issued_on, calendar=calendar)
    due = deadline.due_on
    params = {"n": rule.value, "issued": format_date(issued_on), "due": format_date(due)}
    if disclosed_on is None:
        if on <= due:
            text = _("Chưa công khai; hạn chậm nhất %(due)s (%(n)s ngày làm việc kể từ ngày ban hành %(issued)s).")
            return Finding("timing", ComplianceStatus.PENDING, rule.name, rule.legal_basis, text % params, due), due
        text = _("Chưa công khai mà đã quá hạn %(due)s (%(n)s ngày làm việc kể từ ngày ban hành %(issued)s).")
        return Finding("timing", ComplianceStatus.VIOLATION, rule.name, rule.legal_basis, text % params), due
    params["disclosed"] = format_date(disclosed_on)
    if disclosed_on <= due:
        text = _("Công khai ngày %(disclosed)s ≤ hạn %(due)s (%(n)s ngày làm việc kể từ ngày ban hành %(issued)s).")
        return Finding("timing", ComplianceStatus.OK, rule.name, rule.legal_basis, text % params), due
    params["late"] = (disclosed_on - due).days
    text = _(
        "Công khai ngày %(disclosed)s, chậm %(late)s ngày so với hạn %(due)s (%(n)s ngày làm việc kể từ ngày "
        "ban hành %(issued)s)."
    )
    return Finding("timing", ComplianceStatus.VIOLATION, rule.name, rule.legal_basis, text % params), due


def _lasting(
    kind: str,
    channels: Sequence[DisclosureChannel],
    code: str,
    on: dt.date,
    due: dt.date,
    rules: RuleTable | None,
    what: str,
) -> Finding:
    """A channel of ``channels`` that lasted (or is lasting) at least the rule's consecutive days."""
    first = min((c.started_on for c in channels), default=due)
    rule = _rule(code, first, rules)
    need = rule.value
    params: dict[str, Any]
    if not channels:
        params = {"what": what, "due": format_date(due)}
        if on <= due:
            text = _("Chưa %(what)s; phải bắt đầu chậm nhất %(due)s.") % params
            return Finding(kind, ComplianceStatus.PENDING, rule.name, rule.legal_basis, text, due + dt.timedelta(1))
        text = _("Không %(what)s (hạn bắt đầu %(due)s đã qua).") % params
        return Finding(kind, ComplianceStatus.VIOLATION, rule.name, rule.legal_basis, text)
    best: Finding | None = None
    for channel in channels:
        if channel.started_on > on:
            continue
        finished = channel.ended_on is not None and channel.ended_on <= on
        last = channel.ended_on if finished and channel.ended_on else on
        days = _days(channel.started_on, last)
        params = {
            "what": what.capitalize(),
            "start": format_date(channel.started_on),
            "end": format_date(last),
            "days": days,
            "need": need,
            "place": f" ({channel.place})" if channel.place else "",
        }
        if days >= need:
            text = _("%(what)s%(place)s từ %(start)s đến %(end)s: %(days)s ngày liên tục ≥ %(need)s ngày.") % params
            return Finding(kind, ComplianceStatus.OK, rule.name, rule.legal_basis, text)
        if not finished:
            full_on = channel.started_on + dt.timedelta(days=need - 1)
            params["full"] = format_date(full_on)
            text = (
                _("%(what)s%(place)s từ %(start)s, đến nay %(days)s ngày liên tục; đủ %(need)s ngày vào %(full)s.")
                % params
            )
            best = Finding(kind, ComplianceStatus.PENDING, rule.name, rule.legal_basis, text, full_on)
        elif best is None or best.status == ComplianceStatus.VIOLATION:
            text = _("%(what)s%(place)s từ %(start)s đến %(end)s: %(days)s ngày liên tục < %(need)s ngày.") % params
            best = Finding(kind, ComplianceStatus.VIOLATION, rule.name, rule.legal_basis, text)
    if best is None:  # every channel starts later than ``on``
        start = min(c.started_on for c in channels)
        text = _("%(what)s bắt đầu từ %(start)s.") % {"what": what.capitalize(), "start": format_date(start)}
        return Finding(kind, ComplianceStatus.PENDING, rule.name, rule.legal_basis, text, start)
    return best


def _permanent(channels: Sequence[DisclosureChannel], on: dt.date, due: dt.date, item: DisclosureItem) -> Finding:
    name = _("Niêm yết thường xuyên (nội dung %(n)s)") % {"n": item.number}
    basis = item.legal_basis
    if not channels:
        if on <= due:
            text = _("Chưa niêm yết; phải bắt đầu chậm nhất %(due)s và không gỡ.") % {"due": format_date(due)}
            return Finding("permanent", ComplianceStatus.PENDING, name, basis, text, due + dt.timedelta(1))
        return Finding("permanent", ComplianceStatus.VIOLATION, name, basis, _("Không niêm yết."))
    up = [c for c in channels if c.started_on <= on and (c.ended_on is None or c.ended_on >= on)]
    if up:
        start = min(c.started_on for c in up)
        text = _("Niêm yết từ %(start)s, đang niêm yết, không có ngày gỡ.") % {"start": format_date(start)}
        ended = [c.ended_on for c in up if c.ended_on is not None]
        return Finding(
            "permanent", ComplianceStatus.OK, name, basis, text, min(ended) + dt.timedelta(1) if ended else None
        )
    if all(c.started_on > on for c in channels):
        start = min(c.started_on for c in channels)
        text = _("Niêm yết bắt đầu từ %(start)s.") % {"start": format_date(start)}
        return Finding("permanent", ComplianceStatus.PENDING, name, basis, text, start)
    ended_on = max(c.ended_on for c in channels if c.ended_on is not None)
    text = _("Nội dung %(n)s phải niêm yết thường xuyên nhưng đã gỡ ngày %(end)s.") % {
        "n": item.number,
        "end": format_date(ended_on),
    }
    return Finding("permanent", ComplianceStatus.VIOLATION, name, basis, text)


def commune_has_portal(unit_id: int) -> bool:
    """Whether the commune ``unit_id`` has its own web portal (its ``CommunePortal`` setting; no row: it has)."""
    value = CommunePortal.objects.filter(unit_id=unit_id).values_list("has_portal", flat=True).first()
    return True if value is None else bool(value)


def communes_without_portal(unit_ids: Iterable[int]) -> set[int]:
    """Those of ``unit_ids`` whose commune said it has no web portal of its own (one query)."""
    return set(
        CommunePortal.objects.filter(unit_id__in=set(unit_ids), has_portal=False).values_list("unit_id", flat=True)
    )


def _portal(portal_since: dt.date | None, on: dt.date, due: dt.date, *, has_portal: bool = True) -> Finding:
    name = _("Đăng trên cổng thông tin điện tử của xã")
    if portal_since is not None and portal_since <= on:
        text = _("Đăng trên cổng thông tin từ %(start)s.") % {"start": format_date(portal_since)}
        return Finding("portal", ComplianceStatus.OK, name, PORTAL_BASIS, text)
    if not has_portal:
        text = _("Xã không có cổng thông tin điện tử riêng: không bắt buộc đăng trên cổng thông tin.")
        return Finding("portal", ComplianceStatus.OK, name, PORTAL_BASIS, text)
    if on <= due:
        text = _("Chưa đăng trên cổng thông tin; hạn %(due)s.") % {"due": format_date(due)}
        return Finding("portal", ComplianceStatus.PENDING, name, PORTAL_BASIS, text, due + dt.timedelta(1))
    text = _("Không đăng trên cổng thông tin (hạn %(due)s đã qua).") % {"due": format_date(due)}
    return Finding("portal", ComplianceStatus.VIOLATION, name, PORTAL_BASIS, text)


def disclosure_compliance(
    disclosure: Disclosure,
    channels: Iterable[DisclosureChannel],
    *,
    on: dt.date,
    rules: RuleTable | None = None,
    calendar: WorkCalendar | None = None,
    has_portal: bool | None = None,
) -> Compliance:
    """Check ``disclosure`` (its item selected) with ``channels`` (their forms selected) as of ``on``;
    ``has_portal`` is the commune's portal setting (read when not given: ``commune_has_portal``)."""
    if has_portal is None:
        has_portal = commune_has_portal(disclosure.unit_id)
    item = disclosure.item
    channels = list(channels)
    by_kind: dict[str, list[DisclosureChannel]] = {kind: [] for kind in ChannelKind.values}
    for channel in channels:
        by_kind[channel.form.kind].append(channel)
    portal_days = [c.started_on for c in by_kind[ChannelKind.PORTAL]]
    if disclosure.is_published and disclosure.published_on:
        portal_days.append(disclosure.published_on)
    starts = [c.started_on for c in channels] + portal_days
    disclosed_on = min(starts) if starts else None
    timing, due = _timing(disclosure.issued_on, disclosed_on, on, rules, calendar)
    findings = [timing]
    postings = by_kind[ChannelKind.POSTING]
    if item.posting == PostingDuration.PERMANENT:
        findings.append(_permanent(postings, on, due, item))
    elif item.posting == PostingDuration.MINIMUM:
        findings.append(_lasting("posting", postings, POSTING_MIN, on, due, rules, str(_("niêm yết"))))
    if item.needs_loudspeaker:
        speakers = by_kind[ChannelKind.LOUDSPEAKER]
        findings.append(
            _lasting("loudspeaker", speakers, LOUDSPEAKER_MIN, on, due, rules, str(_("thông báo trên loa")))
        )
    findings.append(_portal(min(portal_days) if portal_days else None, on, due, has_portal=has_portal))
    statuses = {f.status for f in findings}
    status = (
        ComplianceStatus.VIOLATION
        if ComplianceStatus.VIOLATION in statuses
        else ComplianceStatus.PENDING
        if ComplianceStatus.PENDING in statuses
        else ComplianceStatus.OK
    )
    changes = [f.changes_on for f in findings if f.changes_on is not None and f.changes_on > on]
    flags = dict.fromkeys(FLAGS.values(), False)
    for finding in findings:
        if finding.status == ComplianceStatus.VIOLATION:
            flags[FLAGS[finding.kind]] = True
    return Compliance(status, findings, disclosed_on, min(changes) if changes else None, flags)


def apply_compliance(disclosure: Disclosure, compliance: Compliance, on: dt.date) -> list[str]:
    """Store ``compliance`` on ``disclosure`` (not saved); the names of the fields set, for ``update_fields``."""
    disclosure.status = compliance.status
    disclosure.disclosed_on = compliance.disclosed_on
    disclosure.recheck_on = compliance.recheck_on
    disclosure.checked_on = on
    for flag, value in compliance.flags.items():
        setattr(disclosure, flag, value)
    return ["status", "disclosed_on", "recheck_on", "checked_on", *compliance.flags]
