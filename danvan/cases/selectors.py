"""Reads shared by the case pages and the API: linked groups, their one history, duplicate suggestions, and the
one rule for which case another may be linked to or dismissed from as a duplicate."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.cases import access, duplicates
from danvan.cases.access import can_read_denouncer
from danvan.cases.models import Case, CaseLink, CasePerson, CaseTransition, CosignerKey, Denouncer, LinkKind
from danvan.core.errors import DomainError

MAX_GROUP = 200


def linked_case_ids(case: Case, kinds: tuple[str, ...] = (LinkKind.DUPLICATE,)) -> set[int]:
    """The case and every case joined to it through links of ``kinds`` (a connected group, bounded)."""
    group = {case.pk}
    frontier = {case.pk}
    while frontier and len(group) < MAX_GROUP:
        pairs = CaseLink.objects.filter(Q(case_id__in=frontier) | Q(other_id__in=frontier), kind__in=kinds).values_list(
            "case_id", "other_id"
        )
        found = {case_id for pair in pairs for case_id in pair} - group
        group |= found
        frontier = found
    return group


def case_history(case: Case) -> QuerySet[CaseTransition]:
    """The steps of the case and of its duplicates and transfer chain: linked cases share one history."""
    ids = linked_case_ids(case, (LinkKind.DUPLICATE, LinkKind.TRANSFER, LinkKind.SECOND_ROUND))
    return CaseTransition.objects.filter(case_id__in=ids).select_related("case", "actor").order_by("at", "id")


def case_links(case: Case) -> list[CaseLink]:
    return list(
        CaseLink.objects.filter(Q(case=case) | Q(other=case)).select_related("case__unit", "other__unit", "created_by")
    )


def came_through_paths(case: Case) -> list[str]:
    """Unit paths of the cases this one was transferred from (duplicates are looked for there too)."""
    ids = linked_case_ids(case, (LinkKind.TRANSFER,)) - {case.pk}
    return list(Case.objects.filter(pk__in=ids).values_list("unit_path", flat=True).distinct())


def person_keys_of(user: Any, case: Case) -> list[str]:
    """The case's person keys; a denouncer's only for an officer who may open its vault (a match would name them)."""
    keys = list(CasePerson.objects.filter(case=case).values_list("person_key", flat=True))
    if can_read_denouncer(user, case):
        keys += list(Denouncer.objects.filter(case=case).values_list("person_key", flat=True))
        keys += list(CosignerKey.objects.filter(denouncer__case=case).values_list("person_key", flat=True))
    return keys


def duplicate_suggestions(user: Any, case: Case, limit: int = 10) -> list[duplicates.Suggestion]:
    """Likely duplicates of a saved case within the officer's scope and the units the case came through."""
    probe = duplicates.Probe(
        title=case.title,
        summary=case.summary,
        subject_party=case.subject_party,
        person_keys=person_keys_of(user, case),
        exclude_id=case.pk,
    )
    return duplicates.suggest(
        probe, scope=access.visible_scope(user), viewer=user, extra_paths=came_through_paths(case), limit=limit
    )


def duplicate_target(user: Any, case: Case, other_id: int) -> Case:
    """The case ``other_id`` when ``user`` may link ``case`` to it or dismiss it as a duplicate, else a
    ``DomainError``: the other case must be one the officer can open (``access.access_case``) and not the case
    itself. Being among the current suggestions is not required (a linked or dismissed pair is no longer suggested,
    and an officer may link a duplicate the search missed); a case the officer cannot open is refused even when it
    is suggested from a unit the case came through. The officer's role over ``case`` is checked by the service."""
    try:
        other = access.access_case(user, other_id)
    except Http404:
        # The answer of a missing case: another unit's case must not be told apart from one that does not exist.
        raise DomainError("not_found", _("Không tìm thấy."), status=404) from None
    if other.pk == case.pk:
        raise DomainError("link_self", _("Không thể liên kết hồ sơ với chính nó."))
    return other


def suggested_score(user: Any, case: Case, other: Case) -> int | None:
    """The score ``other`` has among the duplicate suggestions of ``case`` (``None`` when it is not suggested)."""
    for suggestion in duplicate_suggestions(user, case, limit=50):
        if suggestion.case.pk == other.pk:
            return suggestion.score
    return None


def case_submitted(user: Any, stored_key: str | None) -> Case | None:
    """The case ``user`` already saved from the intake form with this (stored) submission key, if any."""
    if not stored_key:
        return None
    return Case.objects.filter(submission_key=stored_key, received_by=user).only("pk", "code").first()
