"""Figures of dialogues with staff and voter contacts for the statistics page (``danvan.democracy.figures``):
dialogues held, bodies without one in the period, voter contacts held before and after sessions, voters attending,
questions raised at both — four aggregate queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from danvan.core.compiled import count_rows
from danvan.core.models import Organization, UnitLevel, UnitTree
from danvan.core.periods import Period
from danvan.core.subtree import subtree_q
from danvan.democracy.contact_services import DIALOGUE_BODY_KINDS
from danvan.democracy.figures import FigureGroup, Grouping, Place, register, totals
from danvan.democracy.models import (
    ContactStatus,
    ContactTiming,
    StaffDialogue,
    VoterContact,
)
from danvan.democracy.recommendation_figures import read_ahead, source_counts


def compute(place: Place, period: Period) -> dict[str, int]:
    """The dialogue and voter-contact figures of ``place`` in ``period``."""
    return compute_by(place, period)[None]


def compute_by(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, int]]:
    """:func:`compute`; with ``grouping``, of each of its places (lying under ``place``) in as many queries.

    Alone, the dialogues are counted over the dialogues and the bodies without one over the bodies. Grouped, both
    come from one query over the bodies (those that must hold a dialogue, and those that held one), grouped by the
    body's unit: a dialogue is recorded at its body's unit (``contact_services.staff_dialogue_record``), so a body's
    dialogues lie in the body's place."""
    in_period = Q(held_on__gte=period.start, held_on__lte=period.end)
    dialogues = StaffDialogue.objects.filter(place.q()).filter(in_period)
    required = Q(
        is_active=True,
        kind__code__in=DIALOGUE_BODY_KINDS,
        unit__tree=UnitTree.CURRENT,
        unit__level__in=(UnitLevel.COMMUNE, UnitLevel.PROVINCE),
    )
    bodies = Organization.objects.filter(subtree_q(place.paths, "unit__", field="path"))
    if grouping is None:
        held = {None: dialogues.aggregate(count=count_rows(), bodies=Count("organization", distinct=True))}
        without = {None: {"count": bodies.filter(required).exclude(pk__in=dialogues.values("organization_id")).count()}}
    else:
        own = dialogues.filter(organization=OuterRef("pk")).order_by()
        held_by_body = own.values("organization").annotate(count=count_rows()).values("count")
        counted = totals(
            bodies.annotate(has_dialogue=Exists(own), dialogues=Subquery(held_by_body)).filter(
                required | Q(has_dialogue=True)
            ),
            {
                "count": Sum("dialogues"),
                "bodies": count_rows(Q(has_dialogue=True)),
                "without": count_rows(required & Q(has_dialogue=False)),
            },
            grouping,
            field="unit__path",
        )
        held = counted
        without = {key: {"count": row["without"]} for key, row in counted.items()}
    contacts = totals(
        VoterContact.objects.filter(place.q()).filter(in_period, status=ContactStatus.HELD),
        {
            "before": count_rows(Q(timing=ContactTiming.BEFORE)),
            "after": count_rows(Q(timing=ContactTiming.AFTER)),
            "voters": Sum("voters_attending"),
        },
        grouping,
    )
    counted = source_counts(place, period, grouping)  # the recommendations, read once with the other groups
    return {key: _figures(held[key], without[key], contacts[key], counted[key]) for key in held}


def _figures(
    held: dict[str, Any], without: dict[str, Any], contacts: dict[str, Any], counted: dict[str, int]
) -> dict[str, int]:
    before, after = int(contacts["before"] or 0), int(contacts["after"] or 0)
    questions = {"voters": counted["contact.voters"], "staff": counted["contact.staff"]}
    return {
        "dialogues_held": int(held["count"] or 0),
        "bodies_with_dialogue": int(held["bodies"] or 0),
        "bodies_without_dialogue": int(without["count"] or 0),
        "contacts_held": before + after,
        "contacts_held.before": before,
        "contacts_held.after": after,
        "voters_attending": contacts["voters"] or 0,
        "questions_raised": questions["voters"] + questions["staff"],
        "questions_raised.voter_contact": questions["voters"],
        "questions_raised.staff_dialogue": questions["staff"],
    }


CONTACTS = register(
    FigureGroup(
        code="contacts",
        label=_("Đối thoại với cán bộ, công chức và tiếp xúc cử tri"),
        figures=(
            ("dialogues_held", _("Buổi đối thoại của người đứng đầu với cán bộ, công chức")),
            ("bodies_with_dialogue", _("Cơ quan đã tổ chức đối thoại")),
            ("bodies_without_dialogue", _("Cơ quan chưa tổ chức đối thoại trong kỳ")),
            ("contacts_held", _("Buổi tiếp xúc cử tri của đại biểu HĐND")),
            ("contacts_held.before", _("trong đó: trước kỳ họp")),
            ("contacts_held.after", _("trong đó: sau kỳ họp")),
            ("voters_attending", _("Lượt cử tri dự tiếp xúc")),
            ("questions_raised", _("Ý kiến, kiến nghị được nêu")),
            ("questions_raised.voter_contact", _("trong đó: của cử tri")),
            ("questions_raised.staff_dialogue", _("trong đó: tại đối thoại với cán bộ, công chức")),
        ),
        compute=compute,
        compute_by=compute_by,
        read_ahead=read_ahead,  # the recommendations it counts, read once for every period
        queries=4,
        order=60,
    )
)
