"""Likely duplicates at intake: the same text re-sent or sent to several bodies, the same person on the same matter.

Text: MinHash over 3-word shingles of the folded text (đ→d, no diacritics), 8 hash values grouped in 4 bands of 2;
each band's hash is an indexed column on ``Case``, so candidates are the cases sharing a band (locality-sensitive
hashing: two texts with Jaccard similarity 0,7 share a band with probability 1 − (1 − 0,7²)⁴ ≈ 93 %) — a handful of
index look-ups whatever the table size. People: the keyed ``person_key`` of petitioners and of denouncers (the
vault's HMAC, so no identity is read). Candidates are then scored exactly: text similarity (Jaccard of shingles),
same person, same subject.

"Same person" weighs what the key was made from (``vault.person_key_kind``): an ID number names one person, so
that match alone is suggested (50 points); a name alone names every namesake, so it counts 20 and needs the text
to overlap as well (a shared subject adds 10, still short of ``MIN_SCORE``). A pair matched only through keys
stored before keys carried their kind scores 35 as every match did then; the other side's key, or a
``vault_rotate`` run that rewrites old keys, tells the kind.

A "same person" match through a denunciation tells who denounced it, so it counts only for an officer who may open
that case's vault (Luật Tố cáo Art. 8.3); for everyone else the candidate is scored on its text and subject alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.accounts.access import Scope
from danvan.cases import vault
from danvan.cases.access import can_read_denouncer
from danvan.cases.models import (
    Case,
    CaseKind,
    CaseLink,
    CasePerson,
    CosignerKey,
    Denouncer,
    DuplicateDismissal,
    LinkKind,
)
from danvan.core.similarity import jaccard, shingles, text_bands
from danvan.core.subtree import subtree_q
from danvan.core.text import fold

CANDIDATE_LIMIT = 60
MIN_SCORE = 35
TEXT_WEIGHT = 0.65
SUBJECT_BONUS = 10
# Points of a "same person" match by the kind of key that matched (see the module docstring).
ID_MATCH_POINTS = 50
NAME_MATCH_POINTS = 20
UNKNOWN_MATCH_POINTS = 35


def case_text(title: str, summary: str) -> str:
    return f"{title} {summary}"


@dataclass
class Suggestion:
    case: Case
    score: int
    text_similarity: float
    same_person: bool
    same_subject: bool
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Probe:
    """What intake knows of a new petition; ``exclude_id`` is the case itself once saved."""

    title: str
    summary: str
    subject_party: str = ""
    person_keys: Sequence[str] = ()
    exclude_id: int | None = None


def _area(scope: Scope, extra_paths: Iterable[str], field: str) -> Q:
    """The officer's units and the units the case came through, on the unit-path column ``field``."""
    area = scope.q(field)
    paths = list(extra_paths)
    if paths:
        area |= subtree_q(paths, field=field)
    return area


def _candidate_ids(probe: Probe, bands: tuple[int, ...], scope: Scope, extra_paths: Sequence[str]) -> list[int]:
    area = _area(scope, extra_paths, "unit_path")
    ids: list[int] = []
    band_filter = Q()
    for index, value in enumerate(bands):
        if value:
            band_filter |= Q(**{f"text_band_{index}": value})
    if band_filter:
        ids += list(
            Case.objects.filter(area, band_filter)
            .order_by("-received_on", "-id")
            .values_list("id", flat=True)[:CANDIDATE_LIMIT]
        )
    keys = _stored_forms(probe.person_keys)
    if keys:
        ids += list(
            CasePerson.objects.filter(_area(scope, extra_paths, "case__unit_path"), person_key__in=keys)
            .order_by("-case_id")
            .values_list("case_id", flat=True)[:CANDIDATE_LIMIT]
        )
        ids += list(
            Denouncer.objects.filter(_area(scope, extra_paths, "case__unit_path"), person_key__in=keys)
            .order_by("-case_id")
            .values_list("case_id", flat=True)[:CANDIDATE_LIMIT]
        )
        ids += list(
            CosignerKey.objects.filter(_area(scope, extra_paths, "denouncer__case__unit_path"), person_key__in=keys)
            .order_by("-denouncer__case_id")
            .values_list("denouncer__case_id", flat=True)[:CANDIDATE_LIMIT]
        )
    return list(dict.fromkeys(ids))


def _stored_forms(keys: Iterable[str]) -> list[str]:
    """Every spelling under which the people of ``keys`` may be stored (old and new key forms)."""
    return list(dict.fromkeys(form for key in keys for form in vault.person_key_forms(key)))


def _match_points(kind: str | None) -> int:
    if kind == vault.ID_KEY:
        return ID_MATCH_POINTS
    if kind == vault.NAME_KEY:
        return NAME_MATCH_POINTS
    return UNKNOWN_MATCH_POINTS


def _person_points(probe_keys: Sequence[str], case_ids: list[int]) -> dict[int, int]:
    """Case id → points of its strongest "same person" match with ``probe_keys`` (cases without one left out)."""
    forms = _stored_forms(probe_keys)
    if not forms:
        return {}
    kinds: dict[str, str | None] = {}
    for key in probe_keys:
        if key:
            body = vault.person_key_body(key)
            kinds[body] = kinds.get(body) or vault.person_key_kind(key)
    stored = [
        *CasePerson.objects.filter(case_id__in=case_ids, person_key__in=forms).values_list("case_id", "person_key"),
        *Denouncer.objects.filter(case_id__in=case_ids, person_key__in=forms).values_list("case_id", "person_key"),
        *CosignerKey.objects.filter(denouncer__case_id__in=case_ids, person_key__in=forms).values_list(
            "denouncer__case_id", "person_key"
        ),
    ]
    points: dict[int, int] = {}
    for case_id, key in stored:
        # Either side may say what the key was made from; equal HMACs come from the same material.
        kind = kinds.get(vault.person_key_body(key)) or vault.person_key_kind(key)
        points[case_id] = max(points.get(case_id, 0), _match_points(kind))
    return points


def _excluded_pairs(case_id: int | None) -> set[int]:
    if case_id is None:
        return set()
    dismissed = DuplicateDismissal.objects.filter(Q(case_id=case_id) | Q(other_id=case_id)).values_list(
        "case_id", "other_id"
    )
    linked = CaseLink.objects.filter(Q(case_id=case_id) | Q(other_id=case_id), kind=LinkKind.DUPLICATE).values_list(
        "case_id", "other_id"
    )
    return {a if b == case_id else b for a, b in [*dismissed, *linked]} | {case_id}


def suggest(
    probe: Probe, *, scope: Scope, viewer: Any = None, extra_paths: Iterable[str] = (), limit: int = 10
) -> list[Suggestion]:
    """Scored likely duplicates of ``probe`` within ``scope`` and the units the case came through, best first,
    as ``viewer`` may see them (no person match through a denunciation whose vault they cannot open)."""
    extra_paths = list(extra_paths)
    area = _area(scope, extra_paths, "unit_path")
    bands = text_bands(case_text(probe.title, probe.summary))
    ids = _candidate_ids(probe, bands, scope, extra_paths)
    excluded = _excluded_pairs(probe.exclude_id)
    ids = [case_id for case_id in ids if case_id not in excluded]
    if not ids:
        return []
    candidates = Case.objects.filter(area, id__in=ids).select_related("unit")
    person_points = _person_points(probe.person_keys, ids)
    mine = shingles(case_text(probe.title, probe.summary))
    subject = " ".join(fold(probe.subject_party).split())
    suggestions = []
    for candidate in candidates:
        similarity = jaccard(mine, shingles(case_text(candidate.title, candidate.summary)))
        points = person_points.get(candidate.pk, 0)
        if points and candidate.kind == CaseKind.DENUNCIATION and not can_read_denouncer(viewer, candidate):
            points = 0
        same_person = bool(points)
        same_subject = bool(subject) and subject == " ".join(fold(candidate.subject_party).split())
        score = 100 * TEXT_WEIGHT * similarity + points + SUBJECT_BONUS * same_subject
        if similarity >= 0.8:
            score = max(score, 100 * similarity)  # the same text re-sent is a duplicate whoever signs it
        reasons = []
        if similarity:
            reasons.append(_("Nội dung giống %(percent)s%%") % {"percent": round(similarity * 100)})
        if points == NAME_MATCH_POINTS:
            reasons.append(_("Trùng họ tên người gửi"))
        elif same_person:
            reasons.append(_("Cùng người gửi"))
        if same_subject:
            reasons.append(_("Cùng đối tượng bị khiếu nại, tố cáo"))
        rounded = min(100, round(score))
        if rounded >= MIN_SCORE:
            suggestions.append(Suggestion(candidate, rounded, similarity, same_person, same_subject, reasons))
    suggestions.sort(key=lambda s: (-s.score, -s.case.pk))
    return suggestions[:limit]
