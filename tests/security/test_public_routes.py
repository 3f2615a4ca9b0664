"""Every API operation is for signed-in officers unless it is on the approved list of public operations.

Apps mount one router each with the project's authentication (danvan/api.py, danvan/core/routing.py); an
operation is opened to everyone only with ``core.routing.public``. This test lists the operations the API
answers without authentication and compares them with the list below: adding a public operation means adding it
here, on purpose, in review.
"""

from __future__ import annotations

import re
from pathlib import Path

from danvan.api import api
from danvan.core.routing import is_marked_public

# (method, path): what a citizen may read without signing in — pick-lists, the unit tree, the legal calendar.
APPROVED_PUBLIC = {
    ("GET", "/units"),
    ("GET", "/units/{unit_id}"),
    ("GET", "/organizations"),
    ("GET", "/organizations/{organization_id}"),
    ("GET", "/org-kinds"),
    ("GET", "/calendar/deadline"),
    ("GET", "/calendar/rules"),
    ("GET", "/initiatives/fields"),
    ("GET", "/cases/fields"),
    ("GET", "/cases/refusal-grounds"),
    ("GET", "/cases/complexity-criteria"),
    ("GET", "/democracy/consultation-items"),
    ("GET", "/democracy/consultation-channels"),
    ("GET", "/democracy/public/consultations"),
    ("GET", "/democracy/public/consultations/{int:consultation_id}"),
    ("POST", "/democracy/public/consultations/{int:consultation_id}/opinions"),
    # Grassroots democracy – disclosures: what a commune published on its portal
    ("GET", "/democracy/public/communes/{int:unit_id}/disclosures"),
    ("GET", "/democracy/ballot-receipts/{code}"),
    ("GET", "/democracy/public/communes/{int:unit_id}/decisions"),
    # Grassroots democracy – recommendations raised in public settings, with their answers (never who raised them)
    ("GET", "/democracy/public/communes/{int:unit_id}/recommendations"),
    # The citizen feedback channel: file a report (proof of work, rate limits), follow it, and — with the secret
    # shown once at filing — add information, rate the answer, reopen; the public list, map and ranking.
    ("GET", "/feedback/ranking"),
    ("GET", "/feedback/public/categories"),
    ("GET", "/feedback/public/challenge"),
    ("GET", "/feedback/public/nearby"),
    ("GET", "/feedback/public/reports"),
    ("POST", "/feedback/public/reports"),
    ("GET", "/feedback/public/reports/{code}"),
    ("POST", "/feedback/public/reports/{code}/info"),
    ("POST", "/feedback/public/reports/{code}/rating"),
    ("POST", "/feedback/public/reports/{code}/reopen"),
    ("POST", "/feedback/public/reports/{code}/followers"),
}
ROOT = Path(__file__).resolve().parents[2]


def _operations():
    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    yield method, path, operation


def test_only_approved_operations_are_public():
    public = {(method, path) for method, path, operation in _operations() if not operation.auth_callbacks}
    assert public == APPROVED_PUBLIC


def test_public_operations_of_the_apps_are_marked_with_the_public_helper():
    unmarked = [
        (method, path)
        for method, path, operation in _operations()
        if not operation.auth_callbacks and not is_marked_public(operation.view_func)
    ]
    assert unmarked == []


def test_auth_none_is_written_only_in_the_public_helper():
    written = []
    for source in sorted((ROOT / "danvan").rglob("*.py")):
        relative = source.relative_to(ROOT).as_posix()
        if "/tests/" in relative or relative == "danvan/core/routing.py":
            continue
        if re.search(r"\bauth\s*=\s*None\b", source.read_text(encoding="utf-8")):
            written.append(relative)
    assert written == []


def test_every_app_has_one_router_mounted_with_authentication():
    import importlib

    for app in ("office", "accounts", "initiatives", "reception", "cases"):
        router = importlib.import_module(f"danvan.{app}.api").api_router
        mounted = [r for prefix, r in api._routers if r is router]
        assert mounted, app
        assert router.auth is not None and router.auth != [], app
