"""Helpers for the boards' tests: five villages of Xã Đồng Xuân, an elected inspection board, a project with its
supervision board, a recognized community decision of matter 5."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.core.models import AdministrativeUnit, UnitKind
from danvan.core.services import village_create
from danvan.democracy import board_services as services
from danvan.democracy import decision_services
from danvan.democracy.board_services import MemberLine
from danvan.democracy.models import Board, BoardKind, BoardRole, CommunityDecision, DecisionMatter, InvestmentProject

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Phương")


def five_villages(commune: AdministrativeUnit) -> list[AdministrativeUnit]:
    return [
        village_create(actor=None, commune=commune, name=f"Thôn {n}", kind=UnitKind.VILLAGE, households=None)
        for n in ("Một", "Hai", "Ba", "Bốn", "Năm")
    ]


def member_lines(villages: list[AdministrativeUnit], count: int = 5, **overrides: Any) -> list[MemberLine]:
    lines = []
    for index in range(count):
        position = BoardRole.HEAD if index == 0 else BoardRole.DEPUTY if index == 1 else BoardRole.MEMBER
        lines.append(MemberLine(full_name=NAMES[index], village=villages[index % len(villages)], position=position))
    if overrides:
        first = lines[-1]
        lines[-1] = MemberLine(**{**first.__dict__, **overrides})
    return lines


def inspection_board(actor: Any, commune: AdministrativeUnit, villages: list[AdministrativeUnit], on: dt.date) -> Board:
    return services.board_establish(
        actor=actor,
        unit=commune,
        kind=BoardKind.PEOPLES_INSPECTION,
        established_on=on,
        members=member_lines(villages),
    )


def project(actor: Any, commune: AdministrativeUnit, **values: Any) -> InvestmentProject:
    return services.project_create(
        actor=actor,
        unit=commune,
        name=values.pop("name", "Đường bê tông liên thôn Một – Hai"),
        investor=values.pop("investor", "UBND xã Đồng Xuân"),
        contractor=values.pop("contractor", "Công ty TNHH Xây dựng Phú Yên"),
        consultant=values.pop("consultant", "Công ty Tư vấn Sông Cầu"),
        budget=values.pop("budget", 2_500_000_000),
        place=values.pop("place", "Thôn Một, thôn Hai"),
        starts_on=values.pop("starts_on", dt.date(2026, 3, 1)),
        ends_on=values.pop("ends_on", dt.date(2027, 6, 30)),
        **values,
    )


def investment_board(actor: Any, commune: AdministrativeUnit, on: dt.date, the_project: InvestmentProject) -> Board:
    lines = [
        MemberLine(full_name=name, position=BoardRole.HEAD if i == 0 else BoardRole.MEMBER, is_resident=i >= 2)
        for i, name in enumerate(NAMES[:5])
    ]
    return services.board_establish(
        actor=actor,
        unit=commune,
        kind=BoardKind.INVESTMENT_SUPERVISION,
        established_on=on,
        members=lines,
        project=the_project,
    )


def matter_5_decision(
    actor: Any,
    commune: AdministrativeUnit,
    villages: list[AdministrativeUnit],
    *,
    recognized: bool = True,
    code: str = "5",
) -> CommunityDecision:
    """A community decision of ``code`` over ``villages`` (recognized: written directly, the recognition flow is the
    decisions part's)."""
    decision = decision_services.decision_create(
        actor=actor,
        commune=commune,
        matter=DecisionMatter.objects.get(code=code),
        scope="village" if len(villages) == 1 else "commune",
        villages=villages,
        form="meeting",
        title="Bầu thành viên Ban Thanh tra nhân dân",
    )
    if recognized:
        CommunityDecision.objects.filter(pk=decision.pk).update(status="recognized")
        decision.refresh_from_db()
    return decision
