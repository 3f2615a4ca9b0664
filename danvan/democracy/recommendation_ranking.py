"""The ranking of bodies by on-time answers to recommendations (kiến nghị).

For a unit (a commune, a province…) and a period: every body (``Recommendation.addressee_org``) whose unit lies in
the unit's subtree — a province sees its own bodies and its communes' — with the recommendations addressed to it
that were raised in the period and what became of them as of today (the outcomes of
``recommendation_figures``): answered on time, answered late, unanswered and overdue, unanswered and not yet due.
Its share on time is answered-on-time over the items whose outcome is known (on time + late + overdue); a body with
none yet is listed last, unranked. Ties share a rank (1, 2, 2, 4). Bodies of the legacy units merged in 2025 count
under the same kind of body of their successor (the primary successor; ``core.UnitSuccession``).

One grouped query over the addressed side (``addressee_path``, indexed with ``raised_on``), then one for the
bodies' names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.db_router import reporting_reads
from danvan.core.formatting import format_percent
from danvan.core.models import AdministrativeUnit, Organization, UnitSuccession, UnitTree
from danvan.core.periods import Period
from danvan.core.selectors import statistics_paths
from danvan.core.subtree import subtree_q
from danvan.core.text import vi_sort_key
from danvan.democracy.models import Recommendation
from danvan.democracy.recommendation_figures import outcome_counts

COUNTED = ("raised", "on_time", "late", "unanswered", "overdue")


@dataclass
class BodyRank:
    """One body's recommendations raised in the period and their outcomes."""

    organization_id: int
    name: str
    unit_name: str
    raised: int = 0
    on_time: int = 0
    late: int = 0
    unanswered: int = 0
    overdue: int = 0
    rank: int | None = None

    @property
    def pending(self) -> int:
        """Unanswered and not yet due."""
        return self.unanswered - self.overdue

    @property
    def judged(self) -> int:
        """The items whose outcome is known: answered, or past their due date."""
        return self.on_time + self.late + self.overdue

    @property
    def share(self) -> Decimal | None:
        """Percent answered on time of the judged items (one decimal); None when none is judged yet."""
        if not self.judged:
            return None
        return (Decimal(100 * self.on_time) / self.judged).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def share_text(self) -> str:
        return format_percent(self.share) if self.share is not None else _("chưa có kiến nghị đến hạn")


@dataclass
class Ranking:
    unit: AdministrativeUnit
    period: Period
    today: dt.date
    bodies: list[BodyRank] = field(default_factory=list)


def _successor_bodies(organizations: list[Organization]) -> dict[int, Organization]:
    """For each body of a legacy unit: the body of the same kind at the unit's primary successor, when there is one."""
    legacy = [org for org in organizations if org.unit.tree == UnitTree.LEGACY]
    if not legacy:
        return {}
    successors = dict(
        UnitSuccession.objects.filter(predecessor_id__in={org.unit_id for org in legacy}, is_primary=True).values_list(
            "predecessor_id", "successor_id"
        )
    )
    current = {
        (org.unit_id, org.kind_id): org
        for org in Organization.objects.filter(unit_id__in=set(successors.values()))
        .select_related("unit")
        .order_by("is_active", "-pk")  # the last one kept: the active body, the oldest first
    }
    found = {}
    for org in legacy:
        successor = current.get((successors.get(org.unit_id), org.kind_id))
        if successor is not None:
            found[org.pk] = successor
    return found


def _ordered(bodies: list[BodyRank]) -> list[BodyRank]:
    def key(body: BodyRank) -> tuple[Any, ...]:
        share = body.share
        return (share is None, -(share or 0), -body.on_time, -body.raised, vi_sort_key(body.name), body.organization_id)

    ordered = sorted(bodies, key=key)
    previous: tuple[Decimal | None, int] | None = None
    for position, body in enumerate(ordered, start=1):
        if body.share is None:
            body.rank = None
            continue
        current = (body.share, body.on_time)
        body.rank = ordered[position - 2].rank if previous == current else position
        previous = current
    return ordered


@reporting_reads()
def recommendation_ranking(*, unit: AdministrativeUnit, period: Period, today: dt.date | None = None) -> Ranking:
    """The bodies of ``unit``'s subtree (with its legacy predecessors) ranked by on-time answers to the
    recommendations raised in ``period``."""
    today = today or timezone.localdate()
    paths, _provinces = statistics_paths(unit)
    rows = list(
        Recommendation.objects.filter(
            subtree_q(paths, field="addressee_path"),
            Q(addressee_org__isnull=False),
            raised_on__gte=period.start,
            raised_on__lte=period.end,
        )
        .values("addressee_org")
        .annotate(**outcome_counts(today, names=COUNTED))
        .order_by()
    )
    organizations = list(
        Organization.objects.filter(pk__in=[row["addressee_org"] for row in rows]).select_related("unit")
    )
    by_id = {org.pk: org for org in organizations}
    successor = _successor_bodies(organizations)
    bodies: dict[int, BodyRank] = {}
    for row in rows:
        org = by_id[row["addressee_org"]]
        org = successor.get(org.pk, org)
        body = bodies.get(org.pk)
        if body is None:
            body = bodies[org.pk] = BodyRank(organization_id=org.pk, name=org.name, unit_name=org.unit.name)
        for name in COUNTED:
            setattr(body, name, getattr(body, name) + row[name])
    return Ranking(unit=unit, period=period, today=today, bodies=_ordered(list(bodies.values())))


def ranking_xlsx(ranking: Ranking) -> bytes:
    """The ranking as one sheet (formula-safe: every cell through ``core.xlsx``)."""
    from danvan.core.xlsx import xlsx_bytes, xlsx_row, xlsx_workbook

    with xlsx_workbook() as workbook:
        sheet = workbook.create_sheet(_("Xếp hạng"))
        title = _("Xếp hạng cơ quan theo tỷ lệ trả lời kiến nghị đúng hạn – %(unit)s") % {"unit": ranking.unit.name}
        sheet.append(xlsx_row(sheet, [title]))
        sheet.append(
            xlsx_row(
                sheet,
                [
                    _("Kiến nghị nêu trong kỳ %(period)s; kết quả tính đến ngày %(today)s")
                    % {"period": ranking.period.label, "today": ranking.today.strftime("%d/%m/%Y")}
                ],
            )
        )
        header = [
            _("Hạng"),
            _("Cơ quan"),
            _("Đơn vị"),
            _("Kiến nghị nhận"),
            _("Trả lời đúng hạn"),
            _("Trả lời quá hạn"),
            _("Chưa trả lời, quá hạn"),
            _("Chưa đến hạn"),
            _("Tỷ lệ đúng hạn (%)"),
        ]
        sheet.append(xlsx_row(sheet, header))
        for body in ranking.bodies:
            share = float(body.share) if body.share is not None else body.share_text
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        body.rank if body.rank is not None else "",
                        body.name,
                        body.unit_name,
                        body.raised,
                        body.on_time,
                        body.late,
                        body.overdue,
                        body.pending,
                        share,
                    ],
                )
            )
        return xlsx_bytes(workbook)
