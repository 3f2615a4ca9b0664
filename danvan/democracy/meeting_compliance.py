"""Yearly compliance of meetings: which communes held no dialogue conference and which villages no year-end
meeting in a year (Luật 10/2022/QH15 Art. 32–33; NĐ 59/2023 Art. 10–11).

Counted for the current communes and villages under a unit (a province, a commune, a village), with the minimums
in force at the end of the year (``dialogue.commune_min``, ``year_end_meeting.village_min``). Two grouped counts
and one read of the units, whatever the number of communes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from danvan.core.compiled import count_rows
from danvan.core.db_router import reporting_reads
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.rules import rule_in_force
from danvan.core.subtree import subtree_q
from danvan.core.text import vi_sort_key
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus

DIALOGUE_RULE = "dialogue.commune_min"
VILLAGE_RULE = "year_end_meeting.village_min"


@dataclass
class CommuneCompliance:
    """One commune: its dialogues held in the year, and its villages with and without a year-end meeting."""

    commune: AdministrativeUnit
    dialogues_held: int
    dialogues_required: int
    villages_total: int = 0
    villages_missing: list[AdministrativeUnit] = field(default_factory=list)

    @property
    def dialogue_ok(self) -> bool:
        return self.dialogues_held >= self.dialogues_required

    @property
    def villages_held(self) -> int:
        return self.villages_total - len(self.villages_missing)

    @property
    def is_compliant(self) -> bool:
        return self.dialogue_ok and not self.villages_missing


@dataclass
class MeetingCompliance:
    """The year's compliance of every current commune under ``unit``."""

    unit: AdministrativeUnit
    year: int
    dialogues_required: int
    meetings_required: int
    dialogue_rule_basis: str
    meeting_rule_basis: str
    communes: list[CommuneCompliance]

    @property
    def communes_without_dialogue(self) -> list[CommuneCompliance]:
        return [row for row in self.communes if not row.dialogue_ok]

    @property
    def villages_without_meeting(self) -> int:
        return sum(len(row.villages_missing) for row in self.communes)

    @property
    def villages_total(self) -> int:
        return sum(row.villages_total for row in self.communes)


@reporting_reads()
def meeting_compliance(*, unit: AdministrativeUnit, year: int) -> MeetingCompliance:
    """Which communes under ``unit`` held fewer dialogues than required in ``year`` and which of their villages
    held fewer year-end meetings than required (meetings counted by the year they review, when held)."""
    on = dt.date(year, 12, 31)
    dialogue_rule = rule_in_force(DIALOGUE_RULE, on)
    meeting_rule = rule_in_force(VILLAGE_RULE, on)
    current = AdministrativeUnit.objects.filter(
        subtree_q(unit, field="path"), tree=UnitTree.CURRENT, level__in=(UnitLevel.COMMUNE, UnitLevel.VILLAGE)
    ).filter(valid_to__isnull=True)
    units = list(current.only("id", "name", "path", "level", "parent_id", "kind", "code", "tree", "province_code"))
    held = (
        CommunityMeeting.objects.filter(subtree_q(unit), year=year, status=MeetingStatus.HELD)
        .order_by()
        .values("unit_id", "kind")
        .annotate(count=count_rows())
    )
    counts: dict[tuple[int, str], int] = {(row["unit_id"], row["kind"]): row["count"] for row in held}
    villages_of: dict[int, list[AdministrativeUnit]] = defaultdict(list)
    for village in (u for u in units if u.level == UnitLevel.VILLAGE):
        if village.parent_id is not None:
            villages_of[village.parent_id].append(village)
    rows = []
    for commune in sorted((u for u in units if u.level == UnitLevel.COMMUNE), key=lambda u: vi_sort_key(u.name)):
        villages = villages_of.get(commune.pk, [])
        rows.append(
            CommuneCompliance(
                commune=commune,
                dialogues_held=counts.get((commune.pk, MeetingKind.DIALOGUE), 0),
                dialogues_required=dialogue_rule.value,
                villages_total=len(villages),
                villages_missing=sorted(
                    (v for v in villages if counts.get((v.pk, MeetingKind.YEAR_END), 0) < meeting_rule.value),
                    key=lambda v: vi_sort_key(v.name),
                ),
            )
        )
    return MeetingCompliance(
        unit=unit,
        year=year,
        dialogues_required=dialogue_rule.value,
        meetings_required=meeting_rule.value,
        dialogue_rule_basis=dialogue_rule.legal_basis,
        meeting_rule_basis=meeting_rule.legal_basis,
        communes=rows,
    )
