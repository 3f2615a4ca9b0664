"""Values built from a few rows, shared by every process through Django's cache under versioned keys.

The working-day calendar and the deadline clock are read on every page that shows a deadline and change a few times
a year (a holiday notice, a rule). Each process keeps what it built in memory, keyed by a *version*: a random token
stored in the shared cache (``settings.CACHES``, the database by default) under ``danvan:version:<name>``. The
values themselves go into that cache with the token as their key version (``cache.get(key, version=token)``), so a
process that has not built them yet loads them from the cache instead of the database.

A change saves a new token once its transaction commits (:meth:`SharedVersion.changed`), so every node's next
request sees it: each thread asks the cache for the token once per request (``request_started``) and at most every
``CHECK_SECONDS`` outside requests (task workers, commands), and otherwise answers from memory — the hot path reads
no cache at all. A random token rather than a counter: a cache that lost the key (eviction, restart) gets a fresh
token, never an old number again.

Within the transaction that makes the change, the changing thread uses a token of its own at once (it sees its own
uncommitted rows); what it builds then stays in its memory and never reaches the shared cache. Nothing built inside
an atomic block is written to the shared cache, so a rolled-back row is never shared. See docs/decisions/0016-object-storage-and-caches.md.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.core.cache import BaseCache, caches
from django.core.signals import request_started
from django.db import connection, transaction

CHECK_SECONDS = 1.0
VALUE_SECONDS = 24 * 3600  # values of a superseded token expire on their own

T = TypeVar("T")

_requests = threading.local()
_instances: list[SharedVersion | SharedValue[Any]] = []


def _request_started(**kwargs: Any) -> None:
    _requests.generation = getattr(_requests, "generation", 0) + 1


request_started.connect(_request_started, dispatch_uid="danvan.core.shared_cache.request_started")


def _new_token() -> int:
    return secrets.randbits(62) + 1


def _generation() -> int:
    return int(getattr(_requests, "generation", 0))


class SharedVersion:
    """The version token of one family of values (``name``), kept in the cache ``alias``."""

    def __init__(self, name: str, *, alias: str = "default") -> None:
        self.name = name
        self.alias = alias
        self.key = f"danvan:version:{name}"
        self._local = threading.local()
        _instances.append(self)

    @property
    def cache(self) -> BaseCache:
        return caches[self.alias]

    def current(self) -> int:
        """The token in force for this thread: from memory within a request, else read from the shared cache."""
        local = self._local
        token: int | None = getattr(local, "token", None)
        if token is not None:
            if getattr(local, "own", False):
                if connection.in_atomic_block:
                    return token  # our own uncommitted change: keep our token until it commits
                # The transaction ended without committing (a commit would have bumped): ask the cache.
            elif local.generation == _generation() and time.monotonic() - local.checked_at < CHECK_SECONDS:
                return token
        token = self.cache.get(self.key)
        if token is None:
            self.cache.add(self.key, _new_token(), timeout=None)
            token = self.cache.get(self.key) or _new_token()
        self._remember(token, own=False)
        return token

    def _remember(self, token: int, *, own: bool) -> None:
        local = self._local
        local.token, local.own, local.generation, local.checked_at = token, own, _generation(), time.monotonic()

    def bump(self) -> None:
        """A new token for every process (call after the change is committed)."""
        token = _new_token()
        self.cache.set(self.key, token, timeout=None)
        self._remember(token, own=False)

    def changed(self) -> None:
        """The rows behind the values changed in the current transaction: this thread at once, everyone on commit."""
        self._remember(_new_token(), own=True)
        transaction.on_commit(self.bump)

    def forget_local(self) -> None:
        """Ask the shared cache again on the next read (as a new request would); drop our own uncommitted token."""
        self._local.token = None
        self._local.own = False


class SharedValue(Generic[T]):
    """Values of ``version``'s family, one per ``part`` (e.g. a date): ``load(part)`` gives picklable data (kept in
    the shared cache), ``build(data)`` the object this process uses (kept in its memory for the latest part)."""

    def __init__(
        self,
        version: SharedVersion,
        key: str,
        load: Callable[[str], Any],
        build: Callable[[Any], T] | None = None,
    ) -> None:
        self.version = version
        self.key = f"danvan:{key}"
        self.load = load
        self.build: Callable[[Any], T] = build or (lambda data: data)
        self._memo: tuple[int, str, T] | None = None
        _instances.append(self)

    def get(self, part: str = "") -> T:
        token = self.version.current()
        memo = self._memo
        if memo is not None and memo[0] == token and memo[1] == part:
            return memo[2]
        value = self.build(self._data(token, part))
        self._memo = (token, part, value)
        return value

    def _data(self, token: int, part: str) -> Any:
        shared = not getattr(self.version._local, "own", False)
        cache = self.version.cache
        key = f"{self.key}:{part}" if part else self.key
        if shared:
            data = cache.get(key, version=token)
            if data is not None:
                return data
        data = self.load(part)
        if shared and not connection.in_atomic_block:
            cache.set(key, data, timeout=VALUE_SECONDS, version=token)
        return data

    def forget_local(self) -> None:
        self._memo = None


def forget_all_local() -> None:
    """Every version and value asks the shared cache again (tests: a new test is a new request on a new node)."""
    for instance in _instances:
        instance.forget_local()
