"""Likely duplicates of a recommendation across sources: the same matter (the same road, say) raised at a voter
contact and at a dialogue. The case engine's near-duplicate machinery, in the kernel (``core.similarity``): the
candidates share a MinHash band of the folded text and lie in the same province, then are scored exactly by the
Jaccard similarity of their 3-word shingles."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from danvan.core.similarity import jaccard, shingles, text_bands
from danvan.democracy.models import Recommendation

THRESHOLD = 0.5
CANDIDATES = 200


@dataclass(frozen=True)
class Duplicate:
    item: Recommendation
    similarity: float

    @property
    def percent(self) -> int:
        return round(100 * self.similarity)


def likely_duplicates(
    content: str, province_code: str, *, exclude_id: int | None = None, visible: Q | None = None, limit: int = 10
) -> list[Duplicate]:
    """The items of the province whose text is most like ``content`` (similarity ≥ 0,5), most alike first;
    ``visible`` narrows them to what the officer reads."""
    bands = text_bands(content)
    band_filter = Q()
    for index, value in enumerate(bands):
        if value:
            band_filter |= Q(**{f"band_{index}": value})
    if not band_filter:
        return []
    candidates = Recommendation.objects.filter(band_filter, province_code=province_code)
    if visible is not None:
        candidates = candidates.filter(visible)
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    mine = shingles(content)
    found = []
    for candidate in candidates.select_related("unit", "addressee_org").order_by("-raised_on", "-id")[:CANDIDATES]:
        similarity = jaccard(mine, shingles(candidate.content))
        if similarity >= THRESHOLD:
            found.append(Duplicate(candidate, similarity))
    found.sort(key=lambda duplicate: (-duplicate.similarity, -duplicate.item.pk))
    return found[:limit]


def duplicates_notice(item: Recommendation, visible: Q | None = None) -> str:
    """What a page says right after ``item`` was raised when the province already has items like it (the numbers
    to open in the tracker, where the raising side marks the duplicate), or ""."""
    from django.utils.translation import gettext as _

    found = likely_duplicates(item.content, item.province_code, exclude_id=item.pk, visible=visible, limit=5)
    if not found:
        return ""
    numbers = ", ".join(f"#{duplicate.item.pk}" for duplicate in found)
    return _(
        "Kiến nghị vừa ghi (#%(id)s) có thể trùng với kiến nghị %(numbers)s đã nêu trong tỉnh; "
        "xem và đánh dấu trùng ở trang theo dõi kiến nghị."
    ) % {"id": item.pk, "numbers": numbers}
