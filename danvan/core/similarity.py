"""Near-duplicate texts: MinHash over 3-word shingles of the folded text (đ→d, no diacritics), in 4 bands of 2.

Each band's hash is meant to be an indexed integer column beside the text, so that the candidates for a new text are
the rows sharing a band — a handful of index look-ups whatever the table size (locality-sensitive hashing: two texts
with Jaccard similarity 0,7 share a band with probability 1 − (1 − 0,7²)⁴ ≈ 93 %). The candidates are then scored
exactly with :func:`jaccard`. Used by the case engine's intake check (``cases.duplicates``) and by the
recommendation tracker (``democracy.recommendation_duplicates``).
"""

from __future__ import annotations

import hashlib
import struct

from danvan.core.text import fold

BANDS = 4
ROWS = 2
SHINGLE_WORDS = 3
_HASHES = struct.Struct(f"<{BANDS * ROWS}I")


def shingles(text: str) -> set[str]:
    words = fold(text).split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)}  # SHINGLE_WORDS = 3


_HASHES = struct.Struct(f"<{BANDS * ROWS}I")


def text_bands(text: str) -> tuple[int, ...]:
    """The 4 band hashes of ``text`` (0 for an empty text); signed 31-bit so they fit an IntegerField."""
    return shingle_bands(shingles(text))


def shingle_bands(grams: set[str]) -> tuple[int, ...]:
    """:func:`text_bands` of a text whose :func:`shingles` are ``grams`` (when the caller has them already)."""
    if not grams:
        return (0,) * BANDS
    # Each gram's digest read as 8 little-endian 32-bit values at once; the minimum of each of the 8 columns.
    digests = (_HASHES.unpack(hashlib.blake2b(gram.encode(), digest_size=4 * BANDS * ROWS).digest()) for gram in grams)
    minimum = [min(column) for column in zip(*digests, strict=True)]
    bands = []
    for band in range(BANDS):
        raw = b"".join(minimum[band * ROWS + row].to_bytes(4, "little") for row in range(ROWS))
        value = int.from_bytes(hashlib.blake2b(bytes([band]) + raw, digest_size=4).digest(), "little") & 0x7FFFFFFF
        bands.append(value or 1)
    return tuple(bands)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
