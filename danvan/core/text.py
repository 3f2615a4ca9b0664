"""Vietnamese text: one ``fold()`` used for every search, on every database.

``fold`` normalises to NFC, lowercases, maps đ/Đ to d and strips combining
marks, so "Đồng Xuân" and "dong xuan" compare equal. SQLite's FTS5
``remove_diacritics`` does not fold đ, and PostgreSQL's ``unaccent`` differs in
edge cases; folding in Python and storing a shadow column keeps one behaviour.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Q

_SPACES = re.compile(r"\s+")


def _is_control(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) == "Cc"


_U = TypeVar("_U")


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table for lowered text: each character to its canonical decomposition without combining
    marks, đ and ð to d; worked out on first sight and kept (a few hundred distinct characters in Vietnamese text;
    at most ``_KEPT``, so that text made of every Unicode character cannot grow it without bound)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if len(self) < _KEPT:
            self[code] = stripped
        return stripped


_KEPT = 20_000
_FOLD = _FoldTable({ord("đ"): "d", ord("ð"): "d"})  # Đ and Ð are lowered to them first


def fold(text: str | None) -> str:
    """Return ``text`` lowercased, without Vietnamese diacritics, spaces collapsed.

    The same as mapping đ/Đ to d, lowering, decomposing (NFD), dropping every combining mark, composing again (NFC)
    and collapsing white space: decomposition is character by character (canonical reordering only moves combining
    marks, which are all dropped), so one cached table does it in C, and ``split`` knows the white space ``\\s``
    does. A Python loop over each character took ~0,2 ms for a letter, and the duplicate check folds ~60 of them
    (``tests/test_text.py`` checks this against that loop)."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text.lower().translate(_FOLD)).split())


def search_terms(query: str | None, *, max_terms: int = 8) -> list[str]:
    """Split a user query into folded terms (AND semantics), ignoring punctuation."""
    folded = fold(query)
    terms = re.findall(r"[\w]+", folded)
    return terms[:max_terms]


# The control characters (Cc: U+0000–U+009F) that are not white space; white space is collapsed after.
_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in range(0xA0) if _is_control(chr(code))) + "]")


def single_line(text: str | None) -> str:
    """A name as typed, made safe: control characters (NUL, tabs, newlines) dropped, spaces collapsed.

    Two regular expressions in C: a Python loop over each character cost an Open311 submission ~0.3 ms (its fields
    and description pass here several times; ``test_text_and_formats.py`` checks it against that loop)."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", _CONTROL.sub("", text))).strip()


def matches_all_terms(query: str | None, field: str = "search_text") -> Q:
    """A filter: every folded term of ``query`` occurs in the folded shadow column ``field`` (empty query: all)."""
    condition = Q()
    for term in search_terms(query):
        condition &= Q(**{f"{field}__contains": term})
    return condition


# --- Vietnamese alphabetical order ------------------------------------------------------------------------------

# The 29 letters in dictionary order (TCVN 5712 / CLDR "vi"): ă and â follow a, đ follows d, ê follows e, ô and ơ
# follow o, ư follows u. f, j, w, z (loan words) sit where the Latin alphabet puts them.
_VI_ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô"]
_VI_ALPHABET += ["ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
_VI_LETTER_RANK = {letter: rank for rank, letter in enumerate(_VI_ALPHABET)}
_VI_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư): part of the letter
# Tones, compared only when the letters are equal: ngang < huyền < hỏi < ngã < sắc < nặng.
_VI_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vi_sort_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A key that sorts Vietnamese names in dictionary order: "Cà Mau" before "Cao Bằng", every "Đ…" after every
    "D…", "Ca" < "Cà" < "Cả" < "Cã" < "Cá" < "Cạ".

    Letters are compared first (a space sorts before any letter, digits before letters), then the tone marks, then
    the text itself (case) so that the order is total. Python's own ``sorted`` puts "Cao" before "Cà" and "Đ" after
    "Z"; PostgreSQL's default collation differs from SQLite's; this key gives one order on both.
    """
    normalized = unicodedata.normalize("NFC", text or "").strip()
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", normalized.lower()):
        if unicodedata.combining(char):
            if char in _VI_LETTER_MARKS and letters:
                # Rebuild the letter with its mark (a + breve → ă) and take that letter's rank.
                base = _VI_ALPHABET[letters[-1] - 1000] if letters[-1] >= 1000 else ""
                composed = unicodedata.normalize("NFC", base + char)
                if composed in _VI_LETTER_RANK:
                    letters[-1] = 1000 + _VI_LETTER_RANK[composed]
            elif char in _VI_TONE_RANK and tones:
                tones[-1] = _VI_TONE_RANK[char]
            continue
        if char in _VI_LETTER_RANK:
            letters.append(1000 + _VI_LETTER_RANK[char])
        elif char.isspace():
            letters.append(0)
        elif "0" <= char <= "9":
            letters.append(100 + ord(char) - ord("0"))
        else:
            letters.append(200 + ord(char) if ord(char) < 800 else 2000 + ord(char))
        tones.append(0)
    return tuple(letters), tuple(tones), normalized


def vi_sorted_units(units: Iterable[_U]) -> list[_U]:
    """Units (or anything with ``short_name``/``name``) in Vietnamese order of their short name ("Cà Mau", not
    "Tỉnh Cà Mau": the kind prefix would put every "Thành phố" before every "Tỉnh"), then of their full name."""
    return sorted(
        units,
        key=lambda unit: (
            vi_sort_key(getattr(unit, "short_name", "") or getattr(unit, "name", "")),
            vi_sort_key(getattr(unit, "name", "")),
        ),
    )


# --- Length limits and clean text, shared by forms and API schemas -------------------------------------------

CODE_MAX = 40  # a code or an identifier typed by hand (a field's code, a document kind)
QUERY_MAX = 200  # a search box
NAME_MAX = 200  # a village's or a body's short name
PERSON_NAME_MAX = 150  # a person's full name
TITLE_MAX = 300  # a record's title or name, an address, one line of text
NOTE_MAX = 2_000  # a note, a reason
TEXT_MAX = 20_000  # a body of text (a summary, a content section)
PASSWORD_MAX = 1_024  # a password (hashed as sent)

# Characters that show nothing: zero-width spaces and joiners, the byte-order mark, soft hyphen, the bidirectional
# embeddings, overrides and isolates (U+202A–202E, U+2066–2069) that can reverse what a reader sees.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


UNIT_KIND_WORDS = ("Tỉnh", "Thành phố", "Xã", "Phường", "Đặc khu", "Thôn", "Tổ dân phố", "Ấp", "Bản", "Buôn", "Làng")


def unit_in_sentence(name: str) -> str:
    """A unit's name inside running text: the kind word in lower case ("Xã Đồng Xuân" → "xã Đồng Xuân"), as
    Vietnamese administrative writing spells it after the name of a body ("Ủy ban nhân dân xã Đồng Xuân")."""
    for word in UNIT_KIND_WORDS:
        if name.startswith(word + " "):
            return word.lower() + name[len(word) :]
    return name


def has_nul(text: str | None) -> bool:
    return "\x00" in (text or "")


def holds_nul(value: Any) -> bool:
    """Whether a parsed JSON value holds a NUL character in any string, key or nested item."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False


def visible_text(text: str | None) -> str:
    """``text`` without invisible characters (format characters, zero-width, direction controls) and controls
    other than line breaks and tabs; what a reader would see, stripped."""
    kept = _INVISIBLE.sub("", text or "")
    kept = "".join(ch for ch in kept if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf"))
    return kept.strip()


def title_error(text: str | None) -> str | None:
    """Why ``text`` cannot be a title or a name (None when it can): a NUL byte, or nothing visible."""
    from django.utils.translation import gettext as _

    if has_nul(text):
        return _("Không được chứa ký tự NUL.")
    if text and not visible_text(text):
        return _("Phải có chữ nhìn thấy được (không chỉ gồm ký tự vô hình hoặc ký tự điều khiển hướng chữ).")
    return None


def clean_title(text: str) -> str:
    """A title or a name as stored: one line, invisible characters removed; ``ValueError`` when nothing visible
    is left or it holds a NUL byte (pydantic turns it into a 422 naming the field)."""
    problem = title_error(text)
    if problem:
        raise ValueError(problem)
    return single_line(_INVISIBLE.sub("", text))


def clean_text(text: str) -> str:
    """A body of text: refused when it holds a NUL byte (PostgreSQL cannot store it), else kept as typed."""
    if has_nul(text):
        from django.utils.translation import gettext as _

        raise ValueError(_("Không được chứa ký tự NUL."))
    return text


def validate_title(value: str) -> None:
    """The Django form validator of titles and names (same rule as :func:`clean_title`)."""
    from django.core.exceptions import ValidationError

    problem = title_error(value)
    if problem:
        raise ValidationError(problem, code="invisible_title")
