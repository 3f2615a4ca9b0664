"""Likely duplicates at intake: the same text re-sent or sent to several bodies, the same person on the same matter.

Text: MinHash over 3-word shingles of the folded text (đ→d, no diacritics), 8 hash values grouped in 4 bands of 2;
each band's hash is an indexed column on ``Case``, so candidates are the cases sharing a band (locality-sensitive
hashing: two texts with Jaccard similarity 0,7 share a band with probability 1 − (1 − 0,7²)⁴ ≈ 93 %) — a handful of
index look-ups whatever the table size. People: the keyed ``person_key`` of petitioners and of denouncers (the
vault's HMAC, so no identity is read). Candidates are then scored exactly: text similarity (Jaccard of shingles),
same person, same subject.

A "same person" match through a denunciation tells who denounced it, so it counts only for an officer who may open
that case's vault (Luật Tố cáo Art. 8.3); for everyone else the candidate is scored on its text and subject alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.accounts.access import Scope, path_prefix_q
from danvan.cases.access import can_read_denouncer
from danvan.cases.models import Case, CaseKind, CaseLink, CasePerson, Denouncer, DuplicateDismissal, LinkKind
from danvan.core.text import fold

BANDS = 4
ROWS = 2
SHINGLE_WORDS = 3
CANDIDATE_LIMIT = 60
MIN_SCORE = 35
TEXT_WEIGHT = 0.65
PERSON_WEIGHT = 0.35
SUBJECT_BONUS = 10


def shingles(text: str) -> set[str]:
    words = fold(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def text_bands(text: str) -> tuple[int, ...]:
    """The 4 band hashes of ``text`` (0 for an empty text); signed 31-bit so they fit an IntegerField."""
    grams = shingles(text)
    if not grams:
        return (0,) * BANDS
    minimum = [2**32] * (BANDS * ROWS)
    for gram in grams:
        digest = hashlib.blake2b(gram.encode(), digest_size=4 * BANDS * ROWS).digest()
        for i in range(BANDS * ROWS):
            value = int.from_bytes(digest[4 * i : 4 * i + 4], "little")
            if value < minimum[i]:
                minimum[i] = value
    bands = []
    for band in range(BANDS):
        raw = b"".join(minimum[band * ROWS + row].to_bytes(4, "little") for row in range(ROWS))
        value = int.from_bytes(hashlib.blake2b(bytes([band]) + raw, digest_size=4).digest(), "little") & 0x7FFFFFFF
        bands.append(value or 1)
    return tuple(bands)


def case_text(title: str, summary: str) -> str:
    return f"{title} {summary}"


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


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
    for path in extra_paths:
        area |= path_prefix_q(field, path)
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
    keys = [key for key in probe.person_keys if key]
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
    return list(dict.fromkeys(ids))


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
    person_matches = set(
        CasePerson.objects.filter(case_id__in=ids, person_key__in=list(probe.person_keys)).values_list(
            "case_id", flat=True
        )
    ) | set(
        Denouncer.objects.filter(case_id__in=ids, person_key__in=list(probe.person_keys)).values_list(
            "case_id", flat=True
        )
    )
    mine = shingles(case_text(probe.title, probe.summary))
    subject = " ".join(fold(probe.subject_party).split())
    suggestions = []
    for candidate in candidates:
        similarity = jaccard(mine, shingles(case_text(candidate.title, candidate.summary)))
        same_person = candidate.pk in person_matches and (
            candidate.kind != CaseKind.DENUNCIATION or can_read_denouncer(viewer, candidate)
        )
        same_subject = bool(subject) and subject == " ".join(fold(candidate.subject_party).split())
        score = 100 * (TEXT_WEIGHT * similarity + PERSON_WEIGHT * same_person) + SUBJECT_BONUS * same_subject
        if similarity >= 0.8:
            score = max(score, 100 * similarity)  # the same text re-sent is a duplicate whoever signs it
        reasons = []
        if similarity:
            reasons.append(_("Nội dung giống %(percent)s%%") % {"percent": round(similarity * 100)})
        if same_person:
            reasons.append(_("Cùng người gửi"))
        if same_subject:
            reasons.append(_("Cùng đối tượng bị khiếu nại, tố cáo"))
        rounded = min(100, round(score))
        if rounded >= MIN_SCORE:
            suggestions.append(Suggestion(candidate, rounded, similarity, same_person, same_subject, reasons))
    suggestions.sort(key=lambda s: (-s.score, -s.case.pk))
    return suggestions[:limit]
