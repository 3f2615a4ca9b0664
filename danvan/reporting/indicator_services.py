"""Services of the indicators part: the report figures of a unit and a period with their comparisons, entered
figures (with the contradiction check), the registry's edits, and keeping the registry in step with the code.

A report figure (:class:`FigureRow`) is a computed value (``indicators.compute``) or the sum of entered figures of
the unit's subtree for exactly that period, beside the previous period and the same period last year, with the
phrases the reports print ("giảm 25,5% so với năm 2021", "tăng 3 mô hình", "bằng").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from danvan.accounts.access import is_system_admin
from danvan.core.audit import audit_log
from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit
from danvan.core.subtree import subtree_q
from danvan.reporting import access
from danvan.reporting.indicators import Place, Value, compute, compute_many, computed_codes, source_of
from danvan.reporting.models import EnteredFigure, Indicator, IndicatorKind
from danvan.reporting.periods import ReportPeriod
from danvan.reporting.phrasing import change_phrase, difference_phrase, figure_phrase, rate_phrase

__all__ = [
    "FigureRow",
    "Report",
    "dashboard_unit",
    "enter_figure",
    "entered_values",
    "indicator_update",
    "report_figures",
    "sync_indicators",
]


@dataclass(frozen=True)
class FigureRow:
    code: str
    label: str
    measure: str
    group: str
    group_label: str
    kind: str
    value: Value
    previous: Value
    last_year: Value
    against_previous: str
    against_last_year: str
    has_records: bool = False

    @property
    def text(self) -> str:
        """ "137 lượt", "đạt 77,8%" for a rate."""
        if self.measure == "%":
            return rate_phrase(self.value if isinstance(self.value, Decimal) else None)
        return figure_phrase(self.value, self.measure)

    @property
    def change_previous(self) -> str:
        return _compare(self.value, self.previous, self.measure, self.against_previous)

    @property
    def change_last_year(self) -> str:
        return _compare(self.value, self.last_year, self.measure, self.against_last_year)


def _compare(current: Value, before: Value, measure: str, against: str) -> str:
    if current is None or before is None:
        return ""
    if measure == "%":
        return difference_phrase(current, before, "điểm %", against=against)
    return change_phrase(current, before, against=against) or difference_phrase(
        current, before, measure, against=against
    )


@dataclass
class Report:
    unit: AdministrativeUnit
    period: ReportPeriod
    previous: ReportPeriod
    last_year: ReportPeriod
    rows: list[FigureRow] = field(default_factory=list)

    def groups(self) -> list[tuple[str, str, list[FigureRow]]]:
        grouped: dict[str, tuple[str, list[FigureRow]]] = {}
        for row in self.rows:
            grouped.setdefault(row.group, (row.group_label, []))[1].append(row)
        return [(code, label, rows) for code, (label, rows) in grouped.items()]

    def row(self, code: str) -> FigureRow | None:
        return next((row for row in self.rows if row.code == code), None)


def entered_values(
    unit: AdministrativeUnit, period: ReportPeriod, codes: list[str] | None = None
) -> dict[str, Decimal]:
    """The entered figures of the unit's subtree for exactly ``period``, summed by code."""
    rows = EnteredFigure.objects.filter(subtree_q((unit.path,), field="unit_path"), start=period.start, end=period.end)
    if codes is not None:
        rows = rows.filter(indicator_code__in=codes)
    return dict(rows.values_list("indicator_code").annotate(total=Sum("value")))


def _values_of(
    unit: AdministrativeUnit, place: Place, periods: list[ReportPeriod], codes: list[str]
) -> list[dict[str, Value]]:
    """The values of ``codes`` in each of ``periods``: the computed ones read together (``compute_many``: a source
    that can count several periods reads its rows once), the entered ones from the submissions."""
    computed = set(codes) & computed_codes()
    results: list[dict[str, Value]] = (
        [dict(values) for values in compute_many(place, [period.period for period in periods], computed)]
        if computed
        else [{} for _period in periods]
    )
    entered = [code for code in codes if code not in computed]
    if entered:
        for period, values in zip(periods, results, strict=True):
            values.update(entered_values(unit, period, entered))
    return results


def report_figures(
    unit: AdministrativeUnit,
    period: ReportPeriod,
    codes: list[str] | None = None,
    *,
    legacy: bool = True,
    comparisons: bool = True,
) -> Report:
    """Every active indicator (or those of ``codes``) of ``unit`` for ``period``, with the previous period and the
    same period last year."""
    indicators = list(Indicator.objects.filter(is_active=True))
    if codes is not None:
        wanted = set(codes)
        indicators = [indicator for indicator in indicators if indicator.code in wanted]
    known = computed_codes()
    indicators = [i for i in indicators if i.kind == IndicatorKind.ENTERED or i.code in known]
    all_codes = [indicator.code for indicator in indicators]
    previous, last_year = period.previous(), period.same_period_last_year()
    place = Place.of(unit, legacy=legacy)
    asked = [period]
    if comparisons:
        asked.append(previous)
        if last_year.period != previous.period:
            asked.append(last_year)
    values = _values_of(unit, place, asked, all_codes)
    now = values[0]
    before = values[1] if comparisons else {}
    year_before = (values[2] if len(values) > 2 else before) if comparisons else {}
    rows = []
    for indicator in indicators:
        source = source_of(indicator.code)
        rows.append(
            FigureRow(
                code=indicator.code,
                label=indicator.label,
                measure=indicator.measure,
                group=indicator.group,
                group_label=indicator.group_label,
                kind=indicator.kind,
                value=now.get(indicator.code),
                previous=before.get(indicator.code),
                last_year=year_before.get(indicator.code),
                against_previous=previous.against,
                against_last_year=_("cùng kỳ %(period)s") % {"period": last_year.against},
                has_records=source is not None and source.records(indicator.code, place, period.period) is not None,
            )
        )
    return Report(unit=unit, period=period, previous=previous, last_year=last_year, rows=rows)


def dashboard_unit(user: Any, unit_id: int | None) -> AdministrativeUnit | None:
    """The unit a dashboard (or its records) is asked for; None for the whole country: no unit given by an officer
    whose viewer scope is the whole system (the unit tree has no root above the provinces). Otherwise the unit in
    the officer's viewer scope, or the officer's first unit (``access.access_report_unit``; 404 outside)."""
    if unit_id is None and is_system_admin(user):  # the only viewer scope that is the whole system
        return None
    return access.access_report_unit(user, unit_id)


# --- Entered figures -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contradiction:
    """An entered figure that disagrees with the figure computed from the records."""

    code: str
    computed_code: str
    entered: Decimal
    computed: Value

    @property
    def message(self) -> str:
        return _(
            "Số liệu nhập (%(entered)s) khác số liệu tính từ hồ sơ trên hệ thống (%(computed)s, chỉ tiêu "
            "“%(code)s”). Có thể hồ sơ chưa được cập nhật đủ hoặc số nhập chưa đúng; hãy kiểm tra lại, hoặc ghi "
            "rõ lý do ở phần ghi chú và xác nhận để lưu."
        ) % {
            "entered": figure_phrase(self.entered),
            "computed": figure_phrase(self.computed),
            "code": self.computed_code,
        }


def contradiction(unit: AdministrativeUnit, period: ReportPeriod, code: str, value: Decimal) -> Contradiction | None:
    """The contradiction of ``value`` with the computed figure it is checked against (the indicator's
    ``checked_against``, or the code itself when it is computed), or None when they agree or nothing is computed."""
    indicator = Indicator.objects.filter(code=code).first()
    against = (indicator.checked_against if indicator else "") or (code if code in computed_codes() else "")
    if not against or against not in computed_codes():
        return None
    computed = compute(Place.of(unit), period.period, [against]).get(against)
    if computed is None or Decimal(computed) == value:
        return None
    return Contradiction(code=code, computed_code=against, entered=value, computed=computed)


@transaction.atomic
def enter_figure(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    period: ReportPeriod,
    code: str,
    value: Decimal,
    note: str = "",
    confirm: bool = False,
    version: int | None = None,
) -> EnteredFigure:
    """Enter (or correct) a unit's figure for a period. Refused: an unknown or inactive indicator (422), a negative
    value (422), a stale ``version`` (409 ``stale``), and a figure contradicting the computed one unless
    ``confirm`` with a ``note`` explaining it (409 ``contradiction``, its message explains the difference)."""
    indicator = Indicator.objects.filter(code=code, is_active=True).first()
    if indicator is None:
        raise DomainError("unknown_indicator", _("Chỉ tiêu không tồn tại."), status=422, field="code")
    if value < 0:
        raise DomainError("invalid_value", _("Giá trị không được âm."), status=422, field="value")
    found = contradiction(unit, period, code, value)
    if found is not None and not (confirm and note.strip()):
        raise DomainError("contradiction", found.message, status=409, fields={"value": [found.message]})
    figure = (
        EnteredFigure.objects.select_for_update(of=("self",))
        .filter(unit=unit, start=period.start, end=period.end, indicator_code=code)
        .first()
    )
    if figure is None:
        figure = EnteredFigure(unit=unit, start=period.start, end=period.end, indicator_code=code, entered_by=actor)
        figure.value, figure.note = value, note
        figure.save()
        action = "reporting.figure.entered"
    else:
        if version is not None and version != figure.version:
            raise DomainError("stale", _("Số liệu đã được người khác sửa; hãy tải lại trang."), status=409)
        figure.value, figure.note, figure.entered_by = value, note, actor
        figure.version += 1
        figure.save()
        action = "reporting.figure.corrected"
    audit_log(
        actor=actor,
        action=action,
        instance=figure,
        unit=unit,
        changes={"code": code, "value": str(value), "period": period.code, "contradiction": bool(found)},
    )
    return figure


# --- The registry ------------------------------------------------------------------------------------------------------

EDITABLE = ("label", "label_en", "source", "method", "sort_order", "is_active")


@transaction.atomic
def indicator_update(*, actor: Any, code: str, version: int, **changes: Any) -> Indicator:
    """An administrator edits an indicator's label, English label, source, method, order or activity."""
    indicator = Indicator.objects.select_for_update(of=("self",)).filter(code=code).first()
    if indicator is None:
        raise DomainError("not_found", _("Chỉ tiêu không tồn tại."), status=404)
    if version != indicator.version:
        raise DomainError("stale", _("Chỉ tiêu đã được người khác sửa; hãy tải lại trang."), status=409)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError("invalid", _("Không sửa được trường này."), status=422)
    if "label" in changes and not str(changes["label"]).strip():
        raise DomainError("invalid", _("Hãy nhập tên chỉ tiêu."), status=422, fields={"label": [_("Bắt buộc.")]})
    before = {name: getattr(indicator, name) for name in changes}
    for name, value in changes.items():
        setattr(indicator, name, value)
    indicator.version += 1
    indicator.save()
    audit_log(
        actor=actor,
        action="reporting.indicator.updated",
        instance=indicator,
        changes={name: [str(before[name]), str(value)] for name, value in changes.items()},
    )
    return indicator


def sync_indicators(*, using: str = "default") -> list[str]:
    """Add a registry row for each computed code that has none (a source registered after the seed; its label is
    the code until an administrator or a seed migration writes one); returns the codes added. Run after each
    ``migrate`` (``apps.py``)."""
    existing = set(Indicator.objects.using(using).values_list("code", flat=True))
    missing = sorted(computed_codes() - existing)
    Indicator.objects.using(using).bulk_create(
        Indicator(code=code, label=code, group=code.split(".")[0], group_label=code.split(".")[0], sort_order=100_000)
        for code in missing
    )
    return missing
