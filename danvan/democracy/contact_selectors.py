"""Reads of dialogues with staff and voter contacts: the yearly compliance of dialogues with staff (which bodies
held fewer than ``staff_dialogue.per_year_min``), and the lists' filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from danvan.core.compiled import count_rows
from danvan.core.db_router import reporting_reads
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.core.rules import rule_in_force
from danvan.core.subtree import subtree_q
from danvan.core.text import fold, vi_sort_key
from danvan.democracy.contact_services import DIALOGUE_BODY_KINDS, PER_YEAR_RULE
from danvan.democracy.models import StaffDialogue, VoterContact


@dataclass(frozen=True)
class BodyRow:
    organization: Organization
    held: int
    required: int

    @property
    def ok(self) -> bool:
        return self.held >= self.required


@dataclass(frozen=True)
class DialogueCompliance:
    unit: AdministrativeUnit
    year: int
    required: int
    rule_basis: str
    bodies: list[BodyRow]

    @property
    def missing(self) -> list[BodyRow]:
        return [row for row in self.bodies if not row.ok]


def dialogue_bodies(unit: AdministrativeUnit) -> QuerySet[Organization]:
    """The active bodies at the current communes and provinces under ``unit`` whose heads must hold a dialogue
    with their staff (``DIALOGUE_BODY_KINDS``)."""
    return Organization.objects.filter(
        subtree_q(unit, "unit__", field="path"),
        is_active=True,
        kind__code__in=DIALOGUE_BODY_KINDS,
        unit__tree=UnitTree.CURRENT,
        unit__level__in=(UnitLevel.COMMUNE, UnitLevel.PROVINCE),
    ).select_related("unit", "kind")


@reporting_reads()
def staff_dialogue_compliance(*, unit: AdministrativeUnit, year: int) -> DialogueCompliance:
    """Each body under ``unit`` with the dialogues with staff it held in ``year``, missing ones first."""
    rule = rule_in_force(PER_YEAR_RULE, dt.date(year, 12, 31))
    held = dict(
        StaffDialogue.objects.filter(subtree_q(unit), year=year)
        .order_by()
        .values("organization_id")
        .annotate(count=count_rows())
        .values_list("organization_id", "count")
    )
    rows = [BodyRow(organization=org, held=held.get(org.pk, 0), required=rule.value) for org in dialogue_bodies(unit)]
    rows.sort(key=lambda row: (row.ok, vi_sort_key(row.organization.unit.name), vi_sort_key(row.organization.name)))
    return DialogueCompliance(unit=unit, year=year, required=rule.value, rule_basis=rule.legal_basis, bodies=rows)


def _matching(rows: QuerySet[Any], text: str) -> list[int]:
    """The ids (first value of each row) whose other values contain ``text``, diacritics ignored."""
    folded = fold(text)
    return [row[0] for row in rows if folded in fold(" ".join(str(value) for value in row[1:]))]


def search_dialogues(dialogues: QuerySet[StaffDialogue], text: str) -> QuerySet[StaffDialogue]:
    """Dialogues whose body, chair or topics contain ``text`` (diacritics ignored), within the officer's list."""
    if not fold(text):
        return dialogues
    rows = dialogues.order_by().values_list("pk", "organization__name", "chaired_by", "topics")
    return dialogues.filter(pk__in=_matching(rows, text))


def search_contacts(contacts: QuerySet[VoterContact], text: str) -> QuerySet[VoterContact]:
    """Contacts whose area, session or place contain ``text`` (diacritics ignored), within the officer's list."""
    if not fold(text):
        return contacts
    rows = contacts.order_by().values_list("pk", "area__name", "session_name", "place")
    return contacts.filter(pk__in=_matching(rows, text))
