"""Fuzzing: no generated request may cause a server error, on the API or on the pages, for any role.

The API: Schemathesis generates requests for every operation of the OpenAPI document; each example is sent with
the real API token of one of several roles (officer, leader, viewer of another unit) or none, so the handlers of
protected endpoints (not only their 401 path) are exercised. Every answer below 500; every refusal of the API
is JSON ``{"code", "message"}``. Schemathesis's pytest plugin does not load under pytest 9, so the operations
are driven with Hypothesis directly.

The pages: every page route of the URL resolver (GET, with ids filled in) is requested by several roles with
generated query strings: hostile digits ("²", "٣"), huge numbers, dates out of range, long and invisible text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from http.cookies import SimpleCookie

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.accounts.services import api_token_create
from danvan.wsgi import application
from tests.walkshare import my_examples

# Generated requests per API operation and per page route. In `make test` each engine's run sends half of them, its
# own random ones (tests/walkshare.py); run alone, all of them.
API_EXAMPLES = my_examples(30)  # was 20, with one role
PAGE_EXAMPLES = my_examples(8)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Calls through the raw WSGI app would close the test's open transaction at request end,
    as Django's own test client prevents; do the same here."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_api_never_answers_500(cast, keep_test_connection):
    officers = {"officer": cast.alice, "leader": cast.carol, "viewer": cast.erin, "other unit": cast.frank}
    tokens = {role: api_token_create(actor=who, officer=who, name="fuzz")[1] for role, who in officers.items()}
    headers: list[dict[str, str]] = [{}] + [{"Authorization": f"Bearer {token}"} for token in tokens.values()]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy(), who=st.sampled_from(range(len(headers))))
        @settings(max_examples=API_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case, who: int) -> None:
            response = case.call(headers=headers[who])
            where = f"{case.method} {case.formatted_path} (role {who})"
            if response.status_code >= 500:
                failures.append(f"{where} → {response.status_code}")
            elif response.status_code >= 400:
                try:
                    body = response.json()
                except ValueError:
                    body = None
                if not isinstance(body, dict) or not {"code", "message"} <= set(body):
                    failures.append(f"{where} → {response.status_code} without code and message: {response.text[:80]}")

        check()
    assert failures == []


# --- Pages ---------------------------------------------------------------------------------------------------

PARAMETERS = [
    "unit",
    "province",
    "field",
    "year",
    "recognized_year",
    "q",
    "page",
    "start",
    "end",
    "kind",
    "status",
    "sort",
    "period",
    "month",
]
HOSTILE_VALUES = st.one_of(
    st.sampled_from(["²", "٣", "¹²", "-1", "0", "1e9", str(2**63), str(2**64), "9" * 40, "\u200b\u202e", "' OR 1=1"]),
    st.sampled_from(["31/02/2026", "2026-13-01", "01/01/0001", "99/99/9999", "1900-01-01", "h3", "m13", "q0"]),
    st.text(max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
QUERIES = st.dictionaries(st.sampled_from(PARAMETERS), HOSTILE_VALUES, max_size=4)


def _page_routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    """Every page route as a path, ``<int:…>`` filled with 1 and other converters with a word."""
    routes: list[str] = []
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(("api/", "admin/", "static/", "media/")):
            continue
        if isinstance(pattern, URLResolver):
            routes += _page_routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            path = re.sub(r"<int:[^>]+>", "1", route)
            path = re.sub(r"<(?:slug|str|path):[^>]+>", "x", path)
            if not re.search(r"[\^$\\(]", path):
                routes.append("/" + path)
    return sorted(set(routes))


@pytest.mark.django_db
def test_pages_never_answer_500(client, cast):
    routes = [route for route in _page_routes(get_resolver()) if "logout" not in route]
    assert len(routes) >= 40
    roles = [None, cast.alice, cast.carol, cast.erin, cast.dave]
    failures: list[str] = []
    # Each role signs in once and each example is sent with its session alone (signing out and in for each example
    # was a third of the test); a session a page ended (or that no longer names its officer) is signed in again.
    sessions: dict[int, str] = {}

    def sign_in(role: int) -> None:
        client.cookies = SimpleCookie()  # only the role's session, as after logout() and force_login()
        officer = roles[role]
        if officer is None:
            return
        if role not in sessions:
            client.force_login(officer)
            sessions[role] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        client.cookies[django_settings.SESSION_COOKIE_NAME] = sessions[role]

    def still_signed_in(role: int) -> bool:
        officer = roles[role]
        return officer is None or client.session.get("_auth_user_id") == str(officer.pk)

    @given(route=st.sampled_from(routes), role=st.sampled_from(range(len(roles))), query=QUERIES)
    @settings(
        max_examples=PAGE_EXAMPLES * len(routes), deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def check(route: str, role: int, query: dict[str, str]) -> None:
        sign_in(role)
        try:
            status = client.get(route, query).status_code
        except Exception as error:  # the test client re-raises a view's exception: a 500 in production
            status = 500
            query = {**query, "error": repr(error)[:120]}
        if status >= 500:
            failures.append(f"GET {route} {query!r} (role {role}) → {status}")
        if still_signed_in(role):  # the session the page left (a page may have given it a new key)
            if roles[role] is not None:
                sessions[role] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        else:
            sessions.pop(role, None)

    check()
    assert failures == []
