"""Helpers for the community decisions' tests: villages with households on the register (written directly, as
the household part's services are not this part's), and a decision ready for ballots."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from danvan.core.models import AdministrativeUnit, UnitKind
from danvan.core.services import village_create
from danvan.democracy import decision_services as services
from danvan.democracy.models import CommunityDecision, DecisionMatter, Household, Residence

SINCE = dt.date(2024, 1, 1)


def village_with_households(
    commune: AdministrativeUnit, name: str, count: int, *, prefix: str = ""
) -> AdministrativeUnit:
    """A village of ``commune`` with ``count`` households living there since 2024."""
    village = village_create(actor=None, commune=commune, name=name, kind=UnitKind.VILLAGE, households=count)
    prefix = prefix or f"{village.pk}-"
    households = Household.objects.bulk_create(
        [
            Household(
                unit=commune,
                unit_path=commune.path,
                province_code=commune.province_code,
                code=f"{prefix}{n:05d}",
                representative_name=f"Hộ {name} {n}",
                search_text=f"ho {n}",
            )
            for n in range(1, count + 1)
        ]
    )
    Residence.objects.bulk_create([Residence(household=h, village=village, valid_from=SINCE) for h in households])
    return village


def household_ids(village: AdministrativeUnit, day: dt.date | None = None) -> list[int]:
    return list(
        Residence.objects.on(day or timezone.localdate())
        .filter(village=village)
        .order_by("household_id")
        .values_list("household_id", flat=True)
    )


def matter(code: str) -> DecisionMatter:
    return DecisionMatter.objects.get(code=code)


def announced_decision(
    actor: Any,
    commune: AdministrativeUnit,
    villages: list[AdministrativeUnit],
    *,
    matter_code: str = "1",
    form: str = "ballot",
    notice_on: dt.date | None = None,
    title: str = "Đóng góp làm đường bê tông liên thôn",
) -> CommunityDecision:
    """A decision announced ``notice_on`` (default: 10 days ago), ballots open from 2 days later."""
    notice_on = notice_on or timezone.localdate() - dt.timedelta(days=10)
    decision = services.decision_create(
        actor=actor,
        commune=commune,
        matter=matter(matter_code),
        scope="village" if len(villages) == 1 else "commune",
        villages=villages,
        form=form,
        title=title,
    )
    return services.decision_announce(
        actor=actor,
        decision=decision,
        notice_on=notice_on,
        register_on=notice_on + dt.timedelta(days=3),
        documents_sent_on=notice_on,
        team=["Nguyễn Văn A", "Trần Thị B", "Lê Văn C"],
        team_leader="Nguyễn Văn A",
    )


def vote(actor: Any, decision: CommunityDecision, ids: list[int], choice: str, channel: str = "paper") -> None:
    for pk in ids:
        services.ballot_record(actor=actor, decision=decision, household_id=pk, choice=choice, channel=channel)
