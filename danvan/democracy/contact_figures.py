"""Figures of dialogues with staff and voter contacts for the statistics page (``danvan.democracy.figures``):
dialogues held, bodies without one in the period, voter contacts held before and after sessions, voters attending,
questions raised at both — four aggregate queries."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Organization, UnitLevel, UnitTree
from danvan.core.periods import Period
from danvan.core.subtree import subtree_q
from danvan.democracy.contact_services import DIALOGUE_BODY_KINDS
from danvan.democracy.figures import FigureGroup, Place, register
from danvan.democracy.models import (
    ContactStatus,
    ContactTiming,
    StaffDialogue,
    VoterContact,
)
from danvan.democracy.recommendation_figures import source_counts


def compute(place: Place, period: Period) -> dict[str, int]:
    """The dialogue and voter-contact figures of ``place`` in ``period``."""
    in_period = Q(held_on__gte=period.start, held_on__lte=period.end)
    dialogues = StaffDialogue.objects.filter(place.q()).filter(in_period)
    held = dialogues.aggregate(count=Count("id"), bodies=Count("organization", distinct=True))
    required = Organization.objects.filter(
        subtree_q(place.paths, "unit__", field="path"),
        is_active=True,
        kind__code__in=DIALOGUE_BODY_KINDS,
        unit__tree=UnitTree.CURRENT,
        unit__level__in=(UnitLevel.COMMUNE, UnitLevel.PROVINCE),
    )
    without = required.exclude(pk__in=dialogues.values("organization_id")).count()
    contacts = (
        VoterContact.objects.filter(place.q())
        .filter(in_period, status=ContactStatus.HELD)
        .aggregate(
            before=Count("id", filter=Q(timing=ContactTiming.BEFORE)),
            after=Count("id", filter=Q(timing=ContactTiming.AFTER)),
            voters=Sum("voters_attending"),
        )
    )
    counted = source_counts(place, period)  # the recommendations, read once with the other groups
    questions = {"voters": counted["contact.voters"], "staff": counted["contact.staff"]}
    return {
        "dialogues_held": held["count"],
        "bodies_with_dialogue": held["bodies"],
        "bodies_without_dialogue": without,
        "contacts_held": contacts["before"] + contacts["after"],
        "contacts_held.before": contacts["before"],
        "contacts_held.after": contacts["after"],
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
        queries=4,
        order=60,
    )
)
