"""Vietnamese text: one ``fold()`` used for every search, on every database.

``fold`` normalises to NFC, lowercases, maps đ/Đ to d and strips combining
marks, so "Đồng Xuân" and "dong xuan" compare equal. SQLite's FTS5
``remove_diacritics`` does not fold đ, and PostgreSQL's ``unaccent`` differs in
edge cases; folding in Python and storing a shadow column keeps one behaviour.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Q

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Return ``text`` lowercased, without Vietnamese diacritics, spaces collapsed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP).lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip()


def search_terms(query: str | None, *, max_terms: int = 8) -> list[str]:
    """Split a user query into folded terms (AND semantics), ignoring punctuation."""
    folded = fold(query)
    terms = re.findall(r"[\w]+", folded)
    return terms[:max_terms]


def single_line(text: str | None) -> str:
    """A name as typed, made safe: control characters (NUL, tabs, newlines) dropped, spaces collapsed."""
    visible = "".join(
        " " if ch.isspace() else ch for ch in (text or "") if ch.isspace() or unicodedata.category(ch) != "Cc"
    )
    return _SPACES.sub(" ", unicodedata.normalize("NFC", visible)).strip()


def matches_all_terms(query: str | None, field: str = "search_text") -> Q:
    """A filter: every folded term of ``query`` occurs in the folded shadow column ``field`` (empty query: all)."""
    condition = Q()
    for term in search_terms(query):
        condition &= Q(**{f"{field}__contains": term})
    return condition
