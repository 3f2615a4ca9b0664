"""Figures of citizen reception and petitions for a unit subtree and a period, beside the period before.

What the seeds and the periodic reports count (DOMAIN.md §4–5): visits as lượt, người and đoàn ("137 lượt, giảm
25,5% so với năm 2021"); petitions received by kind and channel; eligible, within jurisdiction; accepted;
transferred, guided, filed, withdrawn, terminated; resolved on time or late with the outcomes of complaints
(right / partly / wrong) and denunciations (founded / partly / unfounded); in progress at the end of the period
within or past the deadline; by field; and "đã giải quyết x/y, đạt z%".

Counting rules. Received, eligible, in jurisdiction and the fields count the petitions *received* in the period;
every other step counts what *happened* in it (accepted on, resolved on, intake closed on, closed on), whenever
the petition came. "In progress" is the state on the period's last day, or today for a period not over yet: a
petition received by then and not yet resolved, transferred, guided, filed, withdrawn or terminated. It is past
its deadline when the running deadline (``due_on``) had passed by then; a petition finished since is taken as past
its deadline then if it finished late (the case keeps its finishing timeliness, not its old due dates).

Speed: one grouped query over the unit subtree with conditional aggregates for both periods (``Count(filter=…)``,
a FILTER clause) and the field names, one over visits and one for the legacy predecessors — the same three queries
whatever the volume. Each is built and compiled by the ORM once per subtree and then run with the periods' dates
(``core.compiled``): the ORM's Python for ~50 conditional counts cost several times the query itself (issue 15). Petitions and visits recorded under a legacy unit before 1/7/2025 count
for its primary successor (as in the registry's statistics), so a province's sum counts each once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.access import Scope
from danvan.cases.models import STOP_STATUSES, Case, CaseKind, CaseStatus, Channel, DeadlineStep, Outcome, Timeliness
from danvan.core import compiled
from danvan.core.compiled import Slot, count_rows, date_slot
from danvan.core.db_router import reporting_reads
from danvan.core.formatting import format_number, format_percent, month_year
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import ROMAN_QUARTERS, Period, change_percent
from danvan.core.selectors import statistics_paths
from danvan.core.subtree import subtree_q

__all__ = [
    "Comparison",
    "Figures",
    "Period",
    "Row",
    "Section",
    "change_percent",
    "change_text",
    "compare",
    "compare_in_scope",
    "period_label",
    "resolution_text",
    "signed_change",
]

# Petitions whose handling ends at intake (the date is ``intake_closed_on``); by a stop (``closed_on``):
# ``STOP_STATUSES``, from the models.
INTAKE_END_STATUSES = (CaseStatus.TRANSFERRED, CaseStatus.GUIDED, CaseStatus.FILED)
# Statuses a petition reaches only after acceptance: counts as accepted when an import left no ``accepted_on``.
ACCEPTED_PATH = (
    CaseStatus.ACCEPTED,
    CaseStatus.VERIFYING,
    CaseStatus.SUSPENDED,
    CaseStatus.RESOLVED,
    CaseStatus.NOTIFIED,
    CaseStatus.CLOSED,
)
ENDED_AT = {
    "transferred": CaseStatus.TRANSFERRED,
    "guided": CaseStatus.GUIDED,
    "filed": CaseStatus.FILED,
}
STOPPED_AT = {"withdrawn": CaseStatus.WITHDRAWN, "terminated": CaseStatus.TERMINATED}
OUTCOME_FIGURES = {
    "complaints_right": (CaseKind.COMPLAINT, Outcome.RIGHT),
    "complaints_partly_right": (CaseKind.COMPLAINT, Outcome.PARTLY_RIGHT),
    "complaints_wrong": (CaseKind.COMPLAINT, Outcome.WRONG),
    "denunciations_founded": (CaseKind.DENUNCIATION, Outcome.FOUNDED),
    "denunciations_partly_founded": (CaseKind.DENUNCIATION, Outcome.PARTLY_FOUNDED),
    "denunciations_unfounded": (CaseKind.DENUNCIATION, Outcome.UNFOUNDED),
}


@dataclass
class Figures:
    """The figures of one period."""

    visits: int = 0
    visit_persons: int = 0
    visit_groups: int = 0
    visits_refused: int = 0
    received: int = 0
    received_by_kind: dict[str, int] = field(default_factory=dict)
    received_by_channel: dict[str, int] = field(default_factory=dict)
    received_by_field: dict[int, int] = field(default_factory=dict)
    eligible: int = 0
    in_jurisdiction: int = 0
    accepted: int = 0
    transferred: int = 0
    guided: int = 0
    filed: int = 0
    withdrawn: int = 0
    terminated: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    in_progress: int = 0
    in_progress_overdue: int = 0
    under_resolution: int = 0
    complaints_right: int = 0
    complaints_partly_right: int = 0
    complaints_wrong: int = 0
    denunciations_founded: int = 0
    denunciations_partly_founded: int = 0
    denunciations_unfounded: int = 0

    @property
    def in_progress_within(self) -> int:
        return self.in_progress - self.in_progress_overdue

    @property
    def to_resolve(self) -> int:
        """Petitions to resolve in the period: those resolved in it and those still being resolved at its end."""
        return self.resolved + self.under_resolution

    @property
    def resolution_rate(self) -> Decimal | None:
        """Resolved / to resolve, in percent to one decimal; None when there was nothing to resolve."""
        if not self.to_resolve:
            return None
        rate = Decimal(self.resolved) * 100 / Decimal(self.to_resolve)
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# The plain integer figures, in the order of the API and the change table.
FIGURE_NAMES: tuple[str, ...] = (
    "visits",
    "visit_persons",
    "visit_groups",
    "visits_refused",
    "received",
    "eligible",
    "in_jurisdiction",
    "accepted",
    "transferred",
    "guided",
    "filed",
    "withdrawn",
    "terminated",
    "resolved",
    "resolved_on_time",
    "resolved_late",
    "in_progress",
    "in_progress_within",
    "in_progress_overdue",
    "under_resolution",
    "complaints_right",
    "complaints_partly_right",
    "complaints_wrong",
    "denunciations_founded",
    "denunciations_partly_founded",
    "denunciations_unfounded",
)

LABELS: dict[str, Any] = {
    "visits": gettext_lazy("Lượt tiếp công dân"),
    "visit_persons": gettext_lazy("Số người được tiếp"),
    "visit_groups": gettext_lazy("Đoàn đông người"),
    "visits_refused": gettext_lazy("Từ chối tiếp"),
    "received": gettext_lazy("Đơn thư tiếp nhận"),
    "eligible": gettext_lazy("Đơn đủ điều kiện xử lý"),
    "in_jurisdiction": gettext_lazy("Đơn thuộc thẩm quyền"),
    "accepted": gettext_lazy("Đã thụ lý"),
    "transferred": gettext_lazy("Chuyển đơn đến cơ quan có thẩm quyền"),
    "guided": gettext_lazy("Hướng dẫn công dân"),
    "filed": gettext_lazy("Lưu đơn"),
    "withdrawn": gettext_lazy("Rút đơn"),
    "terminated": gettext_lazy("Đình chỉ giải quyết"),
    "resolved": gettext_lazy("Đã giải quyết"),
    "resolved_on_time": gettext_lazy("Đúng hạn"),
    "resolved_late": gettext_lazy("Trễ hạn"),
    "in_progress": gettext_lazy("Đang xử lý, giải quyết cuối kỳ"),
    "in_progress_within": gettext_lazy("Trong hạn"),
    "in_progress_overdue": gettext_lazy("Quá hạn"),
    "under_resolution": gettext_lazy("Trong đó: đã thụ lý, đang giải quyết"),
    "complaints_right": gettext_lazy("Khiếu nại đúng"),
    "complaints_partly_right": gettext_lazy("Khiếu nại đúng một phần"),
    "complaints_wrong": gettext_lazy("Khiếu nại sai"),
    "denunciations_founded": gettext_lazy("Tố cáo đúng"),
    "denunciations_partly_founded": gettext_lazy("Tố cáo đúng một phần"),
    "denunciations_unfounded": gettext_lazy("Tố cáo sai"),
}


# --- Formatting the change -----------------------------------------------------------------------------------------


def signed_change(change: Decimal | None) -> str:
    """``Decimal("-25.5")`` → ``-25,5%``, ``12.5`` → ``+12,5%``; empty when there is no change to compute."""
    if change is None:
        return ""
    return f"+{format_percent(change)}" if change > 0 else format_percent(change)


def change_text(current: int, previous: int, *, against: str = "") -> str:
    """ "giảm 25,5% so với năm 2021", "tăng 12,5%", "không đổi"; empty when the period before had none."""
    change = change_percent(current, previous)
    if change is None:
        return ""
    if change == 0:
        text = _("không đổi")
    else:
        word = _("tăng") if change > 0 else _("giảm")
        text = f"{word} {format_percent(abs(change))}"
    return _("%(change)s so với %(period)s") % {"change": text, "period": against} if against else text


def resolution_text(figures: Figures) -> str:
    """ "đã giải quyết 39/42, đạt 92,9%"; "không có vụ việc phải giải quyết" when there was none."""
    rate = figures.resolution_rate
    if rate is None:
        return _("không có vụ việc phải giải quyết")
    return _("đã giải quyết %(done)s/%(total)s, đạt %(rate)s") % {
        "done": format_number(figures.resolved),
        "total": format_number(figures.to_resolve),
        "rate": format_percent(rate),
    }


def period_label(period: Period) -> str:
    """ "Năm 2026", "6 tháng đầu năm 2026", "Quý IV năm 2026", "Tháng 11 năm 2026" or the two dates."""
    start, end = period.start, period.end
    months = period._whole_months()
    if months == 3 and start.month % 3 == 1:
        return _("Quý %(quarter)s năm %(year)s") % {"quarter": ROMAN_QUARTERS[start.month // 3 + 1], "year": start.year}
    if months == 1:
        return month_year(start.month, start.year)
    if months in (6, 12) and start.month in (1, 7) and start.year == end.year:
        return period.label
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


def period_against(period: Period) -> str:
    """How a change names the period before: "năm 2025", "quý III năm 2026", "cùng kỳ" dates otherwise."""
    label = period_label(period)
    first = label[:1]
    return first.lower() + label[1:] if first.isalpha() else _("kỳ %(dates)s") % {"dates": label}


# --- The comparison the page, the XLSX and the API show ------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure in both periods; ``current_text`` replaces numbers (the resolution rate)."""

    name: str
    label: str
    current: int
    previous: int
    indent: int = 0
    current_text: str = ""
    previous_text: str = ""

    @property
    def change(self) -> Decimal | None:
        if self.current_text:
            return None
        return change_percent(self.current, self.previous)

    @property
    def change_signed(self) -> str:
        return signed_change(self.change)

    @property
    def change_words(self) -> str:
        if self.current_text:
            return ""
        return change_text(self.current, self.previous)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[Row]


@dataclass
class Comparison:
    """Figures of a unit subtree for a period (``current``) and the period of the same length just before."""

    unit: AdministrativeUnit
    period: Period
    previous_period: Period
    current: Figures
    previous: Figures
    field_names: dict[int, str] = field(default_factory=dict)
    unit_paths: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return period_label(self.period)

    @property
    def previous_label(self) -> str:
        return period_label(self.previous_period)

    def change(self, name: str) -> Decimal | None:
        """The change of figure ``name`` from the period before, in percent (one decimal)."""
        return change_percent(getattr(self.current, name), getattr(self.previous, name))

    def change_text(self, name: str) -> str:
        """ "giảm 25,5% so với năm 2025" for figure ``name``."""
        return change_text(
            getattr(self.current, name), getattr(self.previous, name), against=period_against(self.previous_period)
        )

    def _row(self, name: str, indent: int = 0) -> Row:
        return Row(name, str(LABELS[name]), getattr(self.current, name), getattr(self.previous, name), indent)

    def by_kind(self) -> list[Row]:
        return [
            Row(
                f"received_{value}",
                str(label),
                self.current.received_by_kind.get(value, 0),
                self.previous.received_by_kind.get(value, 0),
                1,
            )
            for value, label in CaseKind.choices
        ]

    def by_channel(self) -> list[Row]:
        return [
            Row(
                f"channel_{value}",
                str(label),
                self.current.received_by_channel.get(value, 0),
                self.previous.received_by_channel.get(value, 0),
                1,
            )
            for value, label in Channel.choices
            if self.current.received_by_channel.get(value) or self.previous.received_by_channel.get(value)
        ]

    def by_field(self, limit: int | None = None) -> list[Row]:
        """Fields by petitions received in the period, most first (then the period before, then the name)."""
        ids = set(self.current.received_by_field) | set(self.previous.received_by_field)
        rows = [
            Row(
                f"field_{pk}",
                self.field_names.get(pk, str(pk)),
                self.current.received_by_field.get(pk, 0),
                self.previous.received_by_field.get(pk, 0),
                1,
            )
            for pk in ids
        ]
        rows.sort(key=lambda row: (-row.current, -row.previous, row.label))
        return rows[:limit] if limit else rows

    def sections(self) -> list[Section]:
        """The table, section by section, as the page and the XLSX show it."""
        rate = Row(
            "resolution_rate",
            _("Kết quả giải quyết vụ việc thuộc thẩm quyền"),
            self.current.resolved,
            self.previous.resolved,
            current_text=resolution_text(self.current),
            previous_text=resolution_text(self.previous),
        )
        return [
            Section(
                "reception",
                _("Tiếp công dân"),
                [self._row(name) for name in ("visits", "visit_persons", "visit_groups", "visits_refused")],
            ),
            Section(
                "received",
                _("Tiếp nhận đơn thư"),
                [self._row("received"), *self.by_kind(), self._row("eligible"), self._row("in_jurisdiction")],
            ),
            Section("channel", _("Theo nguồn đơn"), self.by_channel()),
            Section(
                "handling",
                _("Xử lý đơn"),
                [self._row(name) for name in ("accepted", "transferred", "guided", "filed", "withdrawn", "terminated")],
            ),
            Section(
                "resolution",
                _("Giải quyết"),
                [
                    self._row("resolved"),
                    self._row("resolved_on_time", 1),
                    self._row("resolved_late", 1),
                    self._row("in_progress"),
                    self._row("in_progress_within", 1),
                    self._row("in_progress_overdue", 1),
                    self._row("under_resolution", 1),
                    rate,
                ],
            ),
            Section(
                "outcome",
                _("Kết quả giải quyết khiếu nại, tố cáo"),
                [self._row(name) for name in OUTCOME_FIGURES],
            ),
            Section("field", _("Theo lĩnh vực (đơn tiếp nhận)"), self.by_field()),
        ]


# --- Computing ------------------------------------------------------------------------------------------------------

# A day in a condition: a date, or a slot of a compiled query (``core.compiled``) filled in when it runs.
Day = dt.date | Slot


def _between(name: str, start: Day, end: Day) -> Q:
    return Q(**{f"{name}__gte": start, f"{name}__lte": end})


def _alive_after(day: Day) -> Q:
    """Not resolved, transferred, guided, filed, withdrawn or terminated on or before ``day``.

    A finished petition without its date (an import) counts as finished: ``x > day`` is unknown for NULL.
    """
    return (
        (Q(resolved_on__isnull=True) | Q(resolved_on__gt=day))
        & (~Q(status__in=INTAKE_END_STATUSES) | Q(intake_closed_on__gt=day))
        & (~Q(status__in=STOP_STATUSES) | Q(closed_on__gt=day))
    )


def _pending_at(day: Day) -> Q:
    return Q(received_on__lte=day) & _alive_after(day)


def _overdue_at(day: Day) -> Q:
    """Past its deadline on ``day`` (for a petition pending then): the running deadline had passed, or the step
    running then finished late afterwards; not while the resolution is suspended."""
    intake_running = Q(intake_closed_on__isnull=True) | Q(intake_closed_on__gt=day)
    intake_late = (Q(intake_closed_on__isnull=True) & Q(due_step=DeadlineStep.INTAKE) & Q(due_on__lt=day)) | (
        Q(intake_closed_on__gt=day) & Q(intake_timeliness=Timeliness.LATE)
    )
    resolution_late = (Q(resolved_on__isnull=True) & Q(due_step=DeadlineStep.RESOLUTION) & Q(due_on__lt=day)) | (
        Q(resolved_on__gt=day) & Q(resolution_timeliness=Timeliness.LATE)
    )
    # A suspended resolution does not run (its deadline is recomputed on resumption).
    paused = Q(status=CaseStatus.SUSPENDED, suspended_on__lte=day)
    return ((intake_running & intake_late) | (~intake_running & resolution_late)) & ~paused


def _under_resolution_at(day: Day) -> Q:
    return Q(accepted_on__lte=day) | (Q(handled_as_management=True) & Q(intake_closed_on__lte=day))


def _case_aggregates(tag: str, start: Day, end: Day, state_day: Day) -> dict[str, Any]:
    """The conditional counts of one period (``start`` to ``end``, the state on ``state_day``): dates or slots."""
    received = _between("received_on", start, end)
    resolved = _between("resolved_on", start, end)
    pending = _pending_at(state_day)
    aggregates: dict[str, Any] = {
        "received": count_rows(received),
        "eligible": count_rows(received & Q(is_eligible=True)),
        "in_jurisdiction": count_rows(received & Q(in_jurisdiction=True)),
        "accepted": count_rows(
            _between("accepted_on", start, end)
            | (received & Q(accepted_on__isnull=True, handled_as_management=False, status__in=ACCEPTED_PATH)),
        ),
        "resolved": count_rows(resolved),
        "resolved_on_time": count_rows(resolved & Q(resolution_timeliness=Timeliness.ON_TIME)),
        "resolved_late": count_rows(resolved & Q(resolution_timeliness=Timeliness.LATE)),
        "in_progress": count_rows(pending),
        "in_progress_overdue": count_rows(pending & _overdue_at(state_day)),
        "under_resolution": count_rows(pending & _under_resolution_at(state_day)),
    }
    for name, status in ENDED_AT.items():
        aggregates[name] = count_rows(
            Q(status=status)
            & (_between("intake_closed_on", start, end) | (Q(intake_closed_on__isnull=True) & received)),
        )
    for name, status in STOPPED_AT.items():
        aggregates[name] = count_rows(
            Q(status=status) & (_between("closed_on", start, end) | (Q(closed_on__isnull=True) & received))
        )
    for name, (kind, outcome) in OUTCOME_FIGURES.items():
        aggregates[name] = count_rows(resolved & Q(kind=kind, outcome=outcome))
    return {f"{name}_{tag}": value for name, value in aggregates.items()}


CASE_SUMS = (
    "eligible",
    "in_jurisdiction",
    "accepted",
    "transferred",
    "guided",
    "filed",
    "withdrawn",
    "terminated",
    "resolved",
    "resolved_on_time",
    "resolved_late",
    "in_progress",
    "in_progress_overdue",
    "under_resolution",
    *OUTCOME_FIGURES,
)


@reporting_reads()
def compare(
    *, unit: AdministrativeUnit, start: dt.date, end: dt.date, scope_q: Q | None = None, today: dt.date | None = None
) -> Comparison:
    """Figures of ``unit``'s subtree (with its legacy predecessors) from ``start`` to ``end`` (both included) and
    for the period of the same length just before (previous year, half, quarter or month for whole months).

    ``scope_q`` (a filter on ``unit_path``, an officer's scope) narrows what is counted; callers check first that
    the unit itself lies within the scope. ``today`` bounds the "in progress" state of a period not over yet.
    """
    paths, _provinces = statistics_paths(unit)
    return _compare(unit, Period(start, end), paths, scope_q, today or timezone.localdate())


@reporting_reads()
def compare_in_scope(*, unit: AdministrativeUnit, period: Period, scope: Scope) -> Comparison:
    """:func:`compare` for an officer: narrowed to ``scope`` only where it does not already cover every path
    counted (the usual case, which keeps the query a plain subtree range)."""
    paths, _provinces = statistics_paths(unit)
    scope_q = None if all(scope.covers(path) for path in paths) else scope.q("unit_path")
    return _compare(unit, period, paths, scope_q, timezone.localdate())


# Figures another app counts over the same units and periods: reception adds its visits (decision 0013), so this
# module never imports it. A provider gets the subtree filter on ``unit_path``, the officer's scope filter (or None),
# the periods by tag ("c" current, "p" previous) and the shape of the filters (a key for ``core.compiled``, None
# when they cannot be named); it returns {figure name: {tag: value}}, one query.
FigureProvider = Callable[[Q, Q | None, dict[str, Period], Hashable | None], dict[str, dict[str, int]]]
FIGURE_PROVIDERS: list[FigureProvider] = []


def register_figures(provider: FigureProvider) -> FigureProvider:
    """Count ``provider``'s figures in every comparison (a decorator; called from the app's ``ready``)."""
    if provider not in FIGURE_PROVIDERS:
        FIGURE_PROVIDERS.append(provider)
    return provider


def _counted_elsewhere(
    subtree: Q, scope_q: Q | None, spans: dict[str, Period], shape: Hashable | None
) -> dict[str, dict[str, int]]:
    counted: dict[str, dict[str, int]] = {}
    for provider in FIGURE_PROVIDERS:
        counted.update(provider(subtree, scope_q, spans, shape))
    return counted


def _grouped_cases(subtree: Q, scope_q: Q | None) -> Any:
    """The one grouped query over the cases, its dates left as slots (``_slot_values``)."""
    cases = Case.objects.filter(subtree, Q(received_on__lte=date_slot("end")), _alive_after(date_slot("alive")))
    if scope_q is not None:
        cases = cases.filter(scope_q)
    aggregates: dict[str, Any] = {}
    for tag in ("c", "p"):
        aggregates.update(
            _case_aggregates(tag, date_slot(f"{tag}_start"), date_slot(f"{tag}_end"), date_slot(f"{tag}_state"))
        )
    return cases.order_by().values("kind", "channel", "field_id", "field__name").annotate(**aggregates)


def _slot_values(spans: dict[str, Period], today: dt.date) -> dict[str, dt.date]:
    values = {"end": spans["c"].end, "alive": spans["p"].start - dt.timedelta(days=1)}
    for tag, span in spans.items():
        values.update({f"{tag}_start": span.start, f"{tag}_end": span.end, f"{tag}_state": min(span.end, today)})
    return values


def _compare(
    unit: AdministrativeUnit, period: Period, paths: tuple[str, ...], scope_q: Q | None, today: dt.date
) -> Comparison:
    previous = period.previous()
    subtree = subtree_q(paths)
    spans = {"c": period, "p": previous}
    # The SQL is the same for every period of a subtree: built once, then run with the dates (``core.compiled``).
    shape = ("subtree", paths) if scope_q is None else None
    counted = _counted_elsewhere(subtree, scope_q, spans, shape)
    groups = compiled.rows(
        Case,
        ("cases.statistics", shape) if shape is not None else None,
        lambda: _grouped_cases(subtree, scope_q),
        _slot_values(spans, today),
    )

    figures = {tag: Figures() for tag in spans}
    field_names: dict[int, str] = {}
    for tag, figure in figures.items():
        for name, values in counted.items():
            setattr(figure, name, values.get(tag, 0))
        column = f"received_{tag}"
        for group in groups:
            count = group[column]
            if count:
                kind, channel, field_id = group["kind"], group["channel"], group["field_id"]
                figure.received_by_kind[kind] = figure.received_by_kind.get(kind, 0) + count
                figure.received_by_channel[channel] = figure.received_by_channel.get(channel, 0) + count
                figure.received_by_field[field_id] = figure.received_by_field.get(field_id, 0) + count
                if field_id is not None:
                    field_names[field_id] = group["field__name"]
        figure.received = sum(group[column] for group in groups)
        for name in CASE_SUMS:
            column = f"{name}_{tag}"
            setattr(figure, name, sum(group[column] for group in groups))

    return Comparison(
        unit=unit,
        period=period,
        previous_period=previous,
        current=figures["c"],
        previous=figures["p"],
        field_names=field_names,
        unit_paths=paths,
    )
