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
from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import CharField, F, IntegerField, Model, Q, QuerySet, Value
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
from danvan.core import compiled
from danvan.core.models import AdministrativeUnit
from danvan.core.similarity import jaccard, shingle_bands, shingles
from danvan.core.similarity import text_bands as text_bands  # the bands ``services`` stores, read here
from danvan.core.subtree import subtree_q
from danvan.core.text import fold

ModelT = TypeVar("ModelT", bound=Model)

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


# What scoring reads of a candidate (its text and subject, and what ``access.can_read_denouncer`` asks of a
# denunciation) and what a suggestion shows (the pages' and the API's fields, and the unit's, which
# ``access.sees_unit`` reads too).
SCORED_FIELDS = ("id", "title", "summary", "subject_party", "kind", "unit_id", "assignee_id", "accepted_by_id")
SHOWN_FIELDS = ("code", "status", "received_on")
UNIT_FIELDS = ("id", "tree", "code", "kind", "level", "name", "short_name", "path", "province_code")


def _columns(cases: QuerySet[Case], **more: Any) -> QuerySet[Case, dict[str, Any]]:
    """The columns of a candidate, and ``more`` after them."""
    units = {f"unit__{name}": F(f"unit__{name}") for name in UNIT_FIELDS}
    return cases.values(*SCORED_FIELDS, *SHOWN_FIELDS, **units, **more)


class _Candidate:
    """A case as the candidate query read it: the columns of ``_columns``, by name."""

    __slots__ = ("id", "row")

    def __init__(self, row: dict[str, Any]) -> None:
        self.id: int = row["id"]
        self.row = row

    def case(self) -> Case:
        """The case with the columns read (the others load when first used, as with ``QuerySet.only``) and its unit."""
        case = _instance(Case, self.row, "")
        case.unit = _instance(AdministrativeUnit, self.row, "unit__")
        return case


def _instance(model: type[ModelT], row: dict[str, Any], prefix: str) -> ModelT:
    alias = router.db_for_read(model)
    fields = [field.attname for field in model._meta.concrete_fields if prefix + field.attname in row]
    return model.from_db(alias, fields, [row[prefix + name] for name in fields])


def _area_key(scope: Scope, extra_paths: Sequence[str]) -> tuple[Any, ...]:
    """What the area filter writes into the SQL (the paths stay literal, so the path indexes answer it)."""
    return (scope.is_global, scope.paths, tuple(extra_paths))


def _band_filter(used: list[int]) -> Q:
    """Sharing one of the ``used`` bands (their values in slots ``band_<index>``)."""
    band_filter = Q()
    for index in used:
        band_filter |= Q(**{f"text_band_{index}": compiled.Slot(f"band_{index}", IntegerField())})
    return band_filter


def _band_values(bands: tuple[int, ...], used: list[int]) -> dict[str, int]:
    return {f"band_{index}": bands[index] for index in used}


def _newest_sharing_a_band(used: list[int], scope: Scope, extra_paths: Sequence[str]) -> QuerySet[Case]:
    cases = Case.objects.filter(_area(scope, extra_paths, "unit_path"), _band_filter(used))
    return cases.order_by("-received_on", "-id")


def _band_candidates(bands: tuple[int, ...], scope: Scope, extra_paths: Sequence[str]) -> list[_Candidate]:
    """The newest cases of the area sharing a band with the probe, with the columns scoring reads: one query, its
    SQL built once per area (``core.compiled``), the band values filled in."""
    used = [index for index, value in enumerate(bands) if value]
    if not used:
        return []

    def build() -> Any:
        return _columns(_newest_sharing_a_band(used, scope, extra_paths))[:CANDIDATE_LIMIT]

    key = ("cases.duplicates.bands", _area_key(scope, extra_paths), tuple(used), CANDIDATE_LIMIT)
    found = compiled.rows(Case, key, build, _band_values(bands, used))
    return [_Candidate(row) for row in found]


# The person-key look-ups: each model's key column, the case it belongs to and that case's unit path.
_KEY_SOURCES: tuple[tuple[type[Model], str, str], ...] = (
    (CasePerson, "case_id", "case__unit_path"),
    (Denouncer, "case_id", "case__unit_path"),
    (CosignerKey, "denouncer__case_id", "denouncer__case__unit_path"),
)


def _band_and_key_candidates(
    bands: tuple[int, ...], forms: list[str], scope: Scope, extra_paths: Sequence[str]
) -> tuple[dict[int, _Candidate], list[tuple[int, str]], bool]:
    """The candidates of a probe with person keys, by id: the newest cases of the area sharing a band with it and
    the newest holding one of the key ``forms`` (``CANDIDATE_LIMIT`` rows of each source: bands, petitioners,
    denouncers, co-signers); the ``(case id, stored key)`` matches; and whether every match was read (no key
    source reached the limit).

    One statement, built once per area and number of forms (``core.compiled``): the four look-ups as one
    ``UNION ALL`` of ``(case id, stored key, source)`` rows, joined once to the cases and their units for the
    columns scoring reads. It was four or five statements (the band query, one look-up per source, then the cases
    only a key found), each a round trip to PostgreSQL's server process, which a loaded machine makes the larger
    part of a sub-millisecond look-up: the check was 3,8× the hand-written candidate query there (issue 15). Each
    look-up joining the cases and units itself would be one statement too, but with three more joins to plan
    (planning, not execution, is most of the server's time here)."""
    used = [index for index, value in enumerate(bands) if value]

    def compile_sql(alias: str) -> tuple[str, tuple[Any, ...]] | None:
        quote = connections[alias].ops.quote_name
        members: list[QuerySet[Any, Any]] = []
        if used:
            band_ids = _newest_sharing_a_band(used, scope, extra_paths).values(
                found_case=F("id"), found_key=Value(None, CharField()), found_in=Value(0)
            )
            members.append(band_ids[:CANDIDATE_LIMIT])
        slots = [compiled.text_slot(f"key_{index}") for index in range(len(forms))]
        for source, (model, case_field, path_field) in enumerate(_KEY_SOURCES, start=1):
            matches = model._default_manager.filter(_area(scope, extra_paths, path_field), person_key__in=slots)
            found = matches.order_by(f"-{case_field}").values(
                found_case=F(case_field), found_key=F("person_key"), found_in=Value(source)
            )
            members.append(found[:CANDIDATE_LIMIT])
        union = compiled.union_sql(members, alias)
        columns = compiled.sql_of(
            _columns(
                Case.objects.order_by(),
                found_key=compiled.Joined("found", "found_key", CharField()),
                found_in=compiled.Joined("found", "found_in", IntegerField()),
            ),
            alias,
        )
        if union is None or columns is None:
            return None
        (union_text, union_params), (columns_text, columns_params) = union, columns
        assert " WHERE " not in columns_text and " ORDER BY " not in columns_text  # the join goes last
        case_id = f"{quote(Case._meta.db_table)}.{quote('id')}"
        join = f" INNER JOIN ({union_text}) {quote('found')} ON ({quote('found')}.{quote('found_case')} = {case_id})"
        return columns_text + join, columns_params + union_params

    key = ("cases.duplicates.candidates", _area_key(scope, extra_paths), tuple(used), len(forms), CANDIDATE_LIMIT)
    values = {**_band_values(bands, used), **{f"key_{index}": form for index, form in enumerate(forms)}}
    candidates: dict[int, _Candidate] = {}
    matches: list[tuple[int, str]] = []
    per_source = [0] * (len(_KEY_SOURCES) + 1)
    for row in compiled.statement_rows(Case, key, compile_sql, values):
        source, found_key = row.pop("found_in"), row.pop("found_key")
        if source:
            matches.append((row["id"], found_key))
            per_source[source] += 1
        if row["id"] not in candidates:
            candidates[row["id"]] = _Candidate(row)
    return candidates, matches, all(count < CANDIDATE_LIMIT for count in per_source[1:])


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
    stored = [
        *CasePerson.objects.filter(case_id__in=case_ids, person_key__in=forms).values_list("case_id", "person_key"),
        *Denouncer.objects.filter(case_id__in=case_ids, person_key__in=forms).values_list("case_id", "person_key"),
        *CosignerKey.objects.filter(denouncer__case_id__in=case_ids, person_key__in=forms).values_list(
            "denouncer__case_id", "person_key"
        ),
    ]
    return _points_of(probe_keys, stored)


def _points_of(probe_keys: Sequence[str], stored: Iterable[tuple[int, str]]) -> dict[int, int]:
    """Case id → points of its strongest match among the ``(case id, stored key)`` pairs matching ``probe_keys``."""
    kinds: dict[str, str | None] = {}
    for key in probe_keys:
        if key:
            body = vault.person_key_body(key)
            kinds[body] = kinds.get(body) or vault.person_key_kind(key)
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
    return {a if b == case_id else b for a, b in dismissed.union(linked, all=True)} | {case_id}


def suggest(
    probe: Probe, *, scope: Scope, viewer: Any = None, extra_paths: Iterable[str] = (), limit: int = 10
) -> list[Suggestion]:
    """Scored likely duplicates of ``probe`` within ``scope`` and the units the case came through, best first,
    as ``viewer`` may see them (no person match through a denunciation whose vault they cannot open).

    The candidates are the newest cases of the area sharing a text band, and the newest holding one of the probe's
    person keys (``CANDIDATE_LIMIT`` of each), read in one statement; only the columns scoring reads are fetched,
    and the suggested cases are loaded whole at the end (issue 15: the wide rows, one query per step and a Python
    fold of every candidate made the check 14–17× the hand-written candidate query)."""
    if scope.is_empty and not extra_paths:
        return []
    extra_paths = list(extra_paths)
    mine = shingles(case_text(probe.title, probe.summary))
    bands = shingle_bands(mine)
    forms = _stored_forms(probe.person_keys)
    person_points: dict[int, int] = {}
    if not forms:
        candidates = {row.id: row for row in _band_candidates(bands, scope, extra_paths)}
    else:
        candidates, matches, complete = _band_and_key_candidates(bands, forms, scope, extra_paths)
        # Every candidate lies in the area, so when no look-up reached its limit the matches read are all there are.
        if complete:
            person_points = _points_of(probe.person_keys, matches)
        else:
            person_points = _person_points(probe.person_keys, list(candidates))
    for case_id in _excluded_pairs(probe.exclude_id):
        candidates.pop(case_id, None)
    if not candidates:
        return []
    subject = " ".join(fold(probe.subject_party).split())
    grams_of: dict[str, set[str]] = {}  # a text sent to several units is shingled once
    scored: list[tuple[int, _Candidate, float, bool, bool, int]] = []
    for candidate in candidates.values():
        row = candidate.row
        text = case_text(row["title"], row["summary"])
        grams = grams_of.get(text)
        if grams is None:
            grams = grams_of[text] = shingles(text)
        similarity = jaccard(mine, grams)
        points = person_points.get(candidate.id, 0)
        if points and row["kind"] == CaseKind.DENUNCIATION and not can_read_denouncer(viewer, candidate.case()):
            points = 0
        same_subject = bool(subject) and subject == " ".join(fold(row["subject_party"]).split())
        score = 100 * TEXT_WEIGHT * similarity + points + SUBJECT_BONUS * same_subject
        if similarity >= 0.8:
            score = max(score, 100 * similarity)  # the same text re-sent is a duplicate whoever signs it
        rounded = min(100, round(score))
        if rounded >= MIN_SCORE:
            scored.append((rounded, candidate, similarity, bool(points), same_subject, points))
    scored.sort(key=lambda item: (-item[0], -item[1].id))
    return [
        Suggestion(
            candidate.case(), rounded, similarity, same, subject_match, _reasons(similarity, points, subject_match)
        )
        for rounded, candidate, similarity, same, subject_match, points in scored[:limit]
    ]


def _reasons(similarity: float, points: int, same_subject: bool) -> list[str]:
    reasons = []
    if similarity:
        reasons.append(_("Nội dung giống %(percent)s%%") % {"percent": round(similarity * 100)})
    if points == NAME_MATCH_POINTS:
        reasons.append(_("Trùng họ tên người gửi"))
    elif points:
        reasons.append(_("Cùng người gửi"))
    if same_subject:
        reasons.append(_("Cùng đối tượng bị khiếu nại, tố cáo"))
    return reasons
