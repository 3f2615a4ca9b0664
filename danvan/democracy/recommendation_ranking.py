"""The ranking of bodies by on-time answers to recommendations (kiến nghị).

For a unit (a commune, a province…) and a period: every body (``Recommendation.addressee_org``) whose unit lies in
the unit's subtree — a province sees its own bodies and its communes' — with the recommendations addressed to it
that were raised in the period and what became of them as of today (the outcomes of
``recommendation_figures``): answered on time, answered late, unanswered and overdue, unanswered and not yet due.
Its share on time is answered-on-time over the items whose outcome is known (on time + late + overdue); a body with
none yet is listed last, unranked. Ties share a rank (1, 2, 2, 4). Bodies of the legacy units merged in 2025 count
under the same kind of body of their successor (the primary successor; ``core.UnitSuccession``).

One grouped query over the addressed side (``addressee_path``, indexed with ``raised_on``) that reads the bodies'
names too; one more only when legacy bodies are among them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from typing import Any, cast

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


def _successor_bodies(legacy: dict[int, tuple[int, int]]) -> dict[int, dict[str, Any]]:
    """For each body of a legacy unit (``{org id: (unit id, kind id)}``): the body of the same kind at the unit's
    primary successor (an active one first), when there is one."""
    if not legacy:
        return {}
    successors = dict(
        UnitSuccession.objects.filter(
            predecessor_id__in={unit for unit, _kind in legacy.values()}, is_primary=True
        ).values_list("predecessor_id", "successor_id")
    )
    current: dict[tuple[int, int], dict[str, Any]] = {}
    for org in cast(
        "list[dict[str, Any]]",
        Organization.objects.filter(unit_id__in=set(successors.values()))
        .order_by("is_active", "-pk")  # the last one kept: the active body, the oldest first
        .values("pk", "name", "unit_id", "kind_id", "unit__name"),
    ):
        current[(org["unit_id"], org["kind_id"])] = org
    found = {}
    for org_id, (unit_id, kind_id) in legacy.items():
        successor = current.get((successors.get(unit_id, 0), kind_id))
        if successor is not None:
            found[org_id] = successor
    return found


def _ordered(bodies: list[BodyRank]) -> list[BodyRank]:
    """By share on time, then answers on time, then items received; equal ones by name (Vietnamese collation)."""

    def key(body: BodyRank) -> tuple[Any, ...]:
        share = body.share
        return (share is None, -(share or 0), -body.on_time, -body.raised)

    ordered: list[BodyRank] = []
    for _key, tied in groupby(sorted(bodies, key=key), key=key):
        group = list(tied)
        if len(group) > 1:
            group.sort(key=lambda body: (vi_sort_key(body.name), body.organization_id))
        ordered += group
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
    rows: list[dict[str, Any]] = cast(
        "list[dict[str, Any]]",
        Recommendation.objects.filter(
            subtree_q(paths, field="addressee_path"),
            Q(addressee_org__isnull=False),
            raised_on__gte=period.start,
            raised_on__lte=period.end,
        )
        .values(
            "addressee_org",
            "addressee_org__name",
            "addressee_org__unit_id",
            "addressee_org__kind_id",
            "addressee_org__unit__name",
            "addressee_org__unit__tree",
        )
        .annotate(**outcome_counts(today, names=COUNTED))
        .order_by(),
    )
    successor = _successor_bodies(
        {
            row["addressee_org"]: (row["addressee_org__unit_id"], row["addressee_org__kind_id"])
            for row in rows
            if row["addressee_org__unit__tree"] == UnitTree.LEGACY
        }
    )
    bodies: dict[int, BodyRank] = {}
    for row in rows:
        org_id, name, unit_name = row["addressee_org"], row["addressee_org__name"], row["addressee_org__unit__name"]
        if org_id in successor:
            org_id, name, unit_name = (
                successor[org_id]["pk"],
                successor[org_id]["name"],
                successor[org_id]["unit__name"],
            )
        body = bodies.get(org_id)
        if body is None:
            body = bodies[org_id] = BodyRank(organization_id=org_id, name=name, unit_name=unit_name)
        for counted in COUNTED:
            setattr(body, counted, getattr(body, counted) + row[counted])
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
