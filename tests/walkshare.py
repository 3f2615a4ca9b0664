"""Walkers' share of the work when `make test` runs the suite twice, on SQLite and on PostgreSQL.

A walker repeats one check over every role × route (the route matrix, the denouncer canary) or over many generated
requests (the fuzzers). Run twice in one `make test`, the second run would only repeat the first one's checks on
another engine, so `scripts/test.sh` sets ``DANVAN_WALK_SHARE`` to ``1/2`` on one run and ``2/2`` on the other:
each run walks every other role (or half the examples), and together they walk every role once. Every test still
runs on both engines. Without the variable (pytest run by hand, one engine) a walker walks everything.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def _share() -> tuple[int, int]:
    """(k, n): this run does the k-th of n shares; (1, 1) when the work is not shared."""
    value = os.environ.get("DANVAN_WALK_SHARE", "")
    if not value:
        return 1, 1
    k, _, n = value.partition("/")
    share = (int(k), int(n))
    if not 1 <= share[0] <= share[1]:
        raise ValueError(f"DANVAN_WALK_SHARE={value!r}: expected k/n with 1 <= k <= n")
    return share


def my_part(items: Sequence[T]) -> list[T]:
    """The items this run walks: every n-th from the k-th (list the costly ones first, one per share)."""
    k, n = _share()
    return [item for index, item in enumerate(items) if index % n == k - 1]


def my_examples(total: int) -> int:
    """This run's part of ``total`` generated examples (each run draws its own random ones)."""
    return math.ceil(total / _share()[1])
