"""The yearly ranking of the units below a unit (communes of a province) by a scheme of weighted criteria.

A scheme's weights sum to 100 (refused otherwise). Each criterion names an indicator (computed by the registry, or
entered by the unit in its approved submissions of the year) and a target: a unit earns ``weight × min(value /
target, 1)`` points when more is better, ``weight × min(target / value, 1)`` when less is better (nothing counts
as the full weight). Every score is explained in words; the grade comes from the scheme's thresholds (data).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.core.audit import audit_log
from danvan.core.errors import DomainError
from danvan.core.formatting import format_number
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import Period, year_in_range
from danvan.core.text import vi_sort_key
from danvan.reporting import access
from danvan.reporting.indicators import Place, compute, computed_codes
from danvan.reporting.models import RankingCriterion, RankingResult, RankingScheme, Submission, SubmissionStatus
from danvan.reporting.models.submissions import default_thresholds

ONE_DECIMAL = Decimal("0.1")


def _number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def clean_thresholds(thresholds: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    rows = thresholds or default_thresholds()
    cleaned: list[dict[str, Any]] = []
    for row in rows:
        grade = str(row.get("grade", "")).strip()
        minimum = _number(row.get("min"))
        if not grade or minimum is None or not 0 <= minimum <= 100:
            raise DomainError("thresholds", _("Ngưỡng xếp loại không hợp lệ."), fields={"thresholds": [_("Sai.")]})
        cleaned.append({"grade": grade, "min": float(minimum)})
    cleaned.sort(key=lambda row: -float(row["min"]))
    if cleaned[-1]["min"] != 0:
        raise DomainError("thresholds", _("Ngưỡng thấp nhất phải là 0 điểm."), fields={"thresholds": [_("Sai.")]})
    return cleaned


@transaction.atomic
def scheme_create(
    *,
    actor: Any,
    unit: AdministrativeUnit,
    year: int,
    name: str,
    criteria: list[dict[str, Any]],
    thresholds: list[dict[str, Any]] | None = None,
    basis: str = "",
) -> RankingScheme:
    """A scheme with its criteria; the weights must sum to exactly 100."""
    if not access.ranking_can_manage(actor, unit):
        raise Http404
    errors: dict[str, list[str]] = {}
    if not year_in_range(year):
        errors["year"] = [_("Năm không hợp lệ.")]
    if not (name or "").strip():
        errors["name"] = [_("Bắt buộc.")]
    if not criteria:
        errors["criteria"] = [_("Cần ít nhất một tiêu chí.")]
    total = 0
    for criterion in criteria:
        weight = int(criterion.get("weight") or 0)
        target = _number(criterion.get("target", 100))
        if weight < 1 or not str(criterion.get("label", "")).strip() or not criterion.get("indicator_code"):
            errors["criteria"] = [_("Mỗi tiêu chí cần tên, mã chỉ tiêu và trọng số dương.")]
        if target is None or target <= 0:
            errors["criteria"] = [_("Mục tiêu phải lớn hơn 0.")]
        total += weight
    if criteria and total != 100:
        errors["criteria"] = [_("Tổng trọng số phải bằng 100 (hiện là %(total)s).") % {"total": total}]
    if errors:
        raise DomainError("invalid", _("Bộ tiêu chí chưa hợp lệ."), fields=errors)
    scheme = RankingScheme.objects.create(
        unit=unit,
        year=year,
        name=name.strip()[:300],
        thresholds=clean_thresholds(thresholds),
        basis=(basis or "").strip()[:300],
        created_by=actor,
    )
    RankingCriterion.objects.bulk_create(
        RankingCriterion(
            scheme=scheme,
            label=str(c["label"]).strip()[:300],
            indicator_code=str(c["indicator_code"]).strip()[:80],
            weight=int(c["weight"]),
            target=_number(c.get("target", 100)) or Decimal(100),
            higher_is_better=bool(c.get("higher_is_better", True)),
            sort_order=index,
        )
        for index, c in enumerate(criteria)
    )
    audit_log(actor=actor, action="reporting.ranking.scheme_created", instance=scheme, unit=unit)
    return scheme


def grade_for(scheme: RankingScheme, total: Decimal) -> str:
    for row in sorted(scheme.thresholds, key=lambda row: -float(row["min"])):
        if total >= Decimal(str(row["min"])):
            return str(row["grade"])
    return str(scheme.thresholds[-1]["grade"]) if scheme.thresholds else ""


def score(criterion: RankingCriterion, value: Decimal | None) -> tuple[Decimal, str]:
    """The points a value earns on a criterion, and the sentence that explains them."""
    weight = Decimal(criterion.weight)
    target = criterion.target
    if value is None:
        return Decimal(0), _("%(label)s: không có số liệu → 0/%(weight)s điểm.") % {
            "label": criterion.label,
            "weight": criterion.weight,
        }
    if criterion.higher_is_better:
        share = min(value / target, Decimal(1))
    else:
        share = Decimal(1) if value <= target else target / value
    points = (weight * share).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    sentence = _(
        "%(label)s: đạt %(value)s so với mục tiêu %(target)s (%(share)s%%) × trọng số %(weight)s = %(points)s điểm."
    ) % {
        "label": criterion.label,
        "value": format_number(value, 1 if value != value.to_integral() else 0),
        "target": format_number(target, 1 if target != target.to_integral() else 0),
        "share": format_number((share * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP), 1),
        "weight": criterion.weight,
        "points": format_number(points, 1),
    }
    return points, sentence


def _entered_values(units: list[AdministrativeUnit], year: int) -> dict[int, dict[str, Decimal]]:
    """Figures the units entered in their approved (or locked) submissions of the year; a later period wins."""
    values: dict[int, dict[str, Decimal]] = {}
    for unit_id, entered in (
        Submission.objects.filter(
            unit__in=units,
            period_start__year=year,
            period_end__year=year,
            status__in=[SubmissionStatus.APPROVED, SubmissionStatus.LOCKED],
        )
        .order_by("period_end", "pk")
        .values_list("unit_id", "entered")
    ):
        for code, raw in (entered or {}).items():
            number = _number(raw)
            if number is not None:
                values.setdefault(unit_id, {})[code] = number
    return values


@transaction.atomic
def rank_units(*, actor: Any, scheme: RankingScheme, units: list[AdministrativeUnit] | None = None) -> list[Any]:
    """Score and rank the units below the scheme's unit for its year; the results replace earlier ones."""
    from danvan.reporting.submission_services import recipients_of

    if not access.ranking_can_manage(actor, scheme.unit):
        raise Http404
    criteria = list(scheme.criteria.all())
    targets = units if units is not None else recipients_of(scheme.unit)
    period = Period.year(scheme.year)
    computed = computed_codes()
    codes = [c.indicator_code for c in criteria if c.indicator_code in computed]
    entered = _entered_values(targets, scheme.year)
    rows = []
    for unit in targets:
        figures = compute(Place.of(unit), period, codes) if codes else {}
        scores = []
        total = Decimal(0)
        for criterion in criteria:
            code = criterion.indicator_code
            value = _number(figures.get(code)) if code in computed else entered.get(unit.pk, {}).get(code)
            points, sentence = score(criterion, value)
            total += points
            scores.append(
                {
                    "criterion": criterion.label,
                    "indicator_code": code,
                    "weight": criterion.weight,
                    "value": None if value is None else str(value),
                    "target": str(criterion.target),
                    "points": str(points),
                    "explanation": sentence,
                }
            )
        rows.append((unit, scores, total.quantize(ONE_DECIMAL)))
    rows.sort(key=lambda row: (-row[2], vi_sort_key(row[0].name)))
    RankingResult.objects.filter(scheme=scheme).delete()
    results = []
    rank = 0
    previous: Decimal | None = None
    for index, (unit, scores, total) in enumerate(rows, start=1):
        if total != previous:
            rank, previous = index, total
        results.append(
            RankingResult(
                scheme=scheme, unit=unit, scores=scores, total=total, grade=grade_for(scheme, total), rank=rank
            )
        )
    RankingResult.objects.bulk_create(results)
    audit_log(
        actor=actor,
        action="reporting.ranking.ranked",
        instance=scheme,
        unit=scheme.unit,
        changes={"units": len(results)},
    )
    return list(scheme.results.select_related("unit"))
