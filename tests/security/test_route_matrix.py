"""The access matrix, generated from the URL resolver and the OpenAPI document (issue 9 §2).

Every page and every API operation is requested by every role of the cast — anonymous, a viewer (erin), an officer
(alice), a leader (grace), a unit administrator (dave), all of Xã Đồng Xuân, and the system administrator (root) —
on records of their own unit, of another unit (Phường Buôn Ma Thuột) and of a legacy unit Xã Đồng Xuân succeeded.
``ROUTES`` declares, for each route, what it needs; a route the resolver or the OpenAPI document lists without a
declaration fails :func:`test_every_route_has_a_declared_expectation`, so a new endpoint cannot ship unchecked.

A declaration is ``Need(obj, get, post)``: ``obj`` the kind of record its URL names (its path parameters are filled
with the record of the unit under test); ``get``/``post`` the least role that may use the method — ``PUBLIC``
(anyone, signed in or not), ``LOGIN`` (any signed-in officer), a role (over the record's unit when there is one, in
some unit otherwise), ``OWN`` (the officer's own things: tokens, notifications, security page) or ``None`` (the
method is not offered). Refusals are 404 (the answer for a missing record too) or 403, never a 2xx; an anonymous
caller is sent to sign in (302) or answered 401; nothing answers 5xx.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from danvan.accounts.access import scope_for
from danvan.accounts.models import ROLE_RANK, Membership, Role
from danvan.cases.models import Case, CaseKind, Channel
from danvan.cases.services import PersonIn, case_receive
from danvan.core.attachments import attachment_store
from danvan.core.models import UnitSuccession
from danvan.initiatives.models import Field as InitiativeField
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_register
from danvan.reception.models import ReceptionSession, Visit, VisitOutcome
from danvan.reception.services import VisitorIn, session_plan, visit_record
from tests.security import democracy_routes, feedback_routes, reporting_routes
from tests.security.matrix_needs import LEADER, LOGIN, OFFICER, OWN, PUBLIC, SYSTEM_ADMIN, UNIT_ADMIN, VIEWER, Need
from tests.walkshare import my_part

pytestmark = pytest.mark.django_db


# --- Pages (URL names) -----------------------------------------------------------------------------------------

PAGES: dict[str, Need] = {
    "healthz": Need(get=PUBLIC),
    "set_language": Need(post=PUBLIC),
    "accounts:login": Need(get=PUBLIC, post=PUBLIC),
    "accounts:logout": Need(post=PUBLIC),
    "accounts:security": Need(get=OWN),
    "accounts:twofactor_setup": Need(get=OWN, post=OWN),
    "accounts:twofactor_verify": Need(get=OWN, post=OWN),
    "accounts:twofactor_disable": Need(post=OWN),
    "accounts:password": Need(get=OWN, post=OWN),
    "accounts:token_create": Need(post=OWN),
    "accounts:token_revoke": Need(obj="token", post=OWN),
    "office:dashboard": Need(get=LOGIN),
    "office:unit_list": Need(get=LOGIN),
    "office:unit_picker": Need(get=LOGIN),
    "office:unit_detail": Need(obj="unit", get=LOGIN),
    "office:village_create": Need(obj="unit", post=OFFICER),
    "office:organization_create": Need(obj="unit", post=UNIT_ADMIN),
    "office:village_households": Need(obj="unit", post=OFFICER),
    "office:audit": Need(get=UNIT_ADMIN),
    "office:calendar": Need(get=LOGIN),
    "officers:list": Need(get=UNIT_ADMIN),
    "officers:create": Need(get=UNIT_ADMIN, post=UNIT_ADMIN),
    "officers:organization_picker": Need(get=UNIT_ADMIN),
    "officers:detail": Need(obj="officer", get=UNIT_ADMIN),
    "officers:toggle_active": Need(obj="officer", post=UNIT_ADMIN),
    "officers:membership_add": Need(obj="officer", post=UNIT_ADMIN),
    "officers:membership_revoke": Need(obj="membership", post=UNIT_ADMIN),
    "initiatives:list": Need(get=LOGIN),
    "initiatives:create": Need(get=OFFICER, post=OFFICER),
    "initiatives:detail": Need(obj="initiative", get=VIEWER),
    "initiatives:edit": Need(obj="initiative", get=OFFICER, post=OFFICER),
    "initiatives:delete": Need(obj="draft", post=OFFICER),  # its own draft: deleting it leaves the others' records
    "initiatives:self_assess": Need(obj="initiative", post=OFFICER),
    "initiatives:transition": Need(obj="initiative", post=OFFICER),
    "initiatives:progress": Need(obj="initiative", post=OFFICER),
    "initiatives:score": Need(obj="initiative", post=OFFICER),
    "initiatives:evaluation_close": Need(obj="initiative", post=OFFICER),
    "initiatives:recognize": Need(obj="initiative", post=LEADER),
    "initiatives:commend": Need(obj="initiative", post=OFFICER),
    "initiatives:publish": Need(obj="initiative", post=OFFICER),
    "initiatives:replicate": Need(obj="initiative", post=OFFICER),
    "initiatives:initiative_import": Need(get=OFFICER, post=OFFICER),
    "initiatives:initiative_import_template": Need(get=LOGIN),
    "initiatives:initiative_export": Need(get=LOGIN),
    "initiatives:initiative_statistics": Need(get=LOGIN),
    "initiatives:decision_docx": Need(obj="missing", get=VIEWER),
    "initiatives:commendations_docx": Need(get=LOGIN),
    "initiatives:document_templates": Need(get=SYSTEM_ADMIN),
    "case_statistics:index": Need(get=LOGIN),
    "case_statistics:xlsx": Need(get=LOGIN),
    "case_notices:download": Need(obj="case", get=VIEWER, absent_ok=True),
    "cases:list": Need(get=LOGIN),
    "cases:new": Need(get=OFFICER, post=OFFICER),
    "cases:duplicates": Need(get=LOGIN),
    "cases:unit_options": Need(get=LOGIN),
    "notifications:list": Need(get=OWN),
    "notifications:read": Need(post=OWN),
    "jobs:detail": Need(obj="token", get=OWN),
    "jobs:download": Need(obj="token", get=OWN),
    "cases:detail": Need(obj="case", get=VIEWER),
    "cases:act": Need(obj="case", post=OFFICER),
    "cases:assign": Need(obj="case", post=LEADER),
    "cases:second_complaint": Need(obj="case", post=OFFICER),
    "cases:attach": Need(obj="case", post=OFFICER),
    "cases:duplicate_link": Need(obj="case", post=OFFICER),
    "cases:duplicate_dismiss": Need(obj="case", post=OFFICER),
    "cases:denouncer": Need(obj="case", post="vault"),
    "cases:denouncer_scan_add": Need(obj="case", post="vault"),
    "cases:denouncer_scan": Need(obj="case", post="vault"),
    "reception:index": Need(get=LOGIN),
    "reception:schedule": Need(get=LOGIN, post=OFFICER),
    "reception:session_status": Need(obj="session", post=OFFICER),
    "reception:compliance": Need(get=LOGIN),
    "reception:visit_create": Need(get=OFFICER, post=OFFICER),
    "reception:visit_detail": Need(obj="visit", get=VIEWER),
    "reception:visit_track": Need(obj="visit", post=OFFICER),
    "reception:logbook": Need(get=LOGIN),
    "reception:logbook_xlsx": Need(get=LOGIN),
    "portal:home": Need(get=PUBLIC),
    "portal:unit_search": Need(get=PUBLIC),
    "portal:unit_page": Need(obj="unit", get=PUBLIC),
    "portal:showcase": Need(get=PUBLIC),
    "portal:showcase_detail": Need(obj="missing", get=PUBLIC),
    "portal:showcase_photo": Need(obj="missing", get=PUBLIC),
}

PAGES.update(democracy_routes.PAGES)
PAGES.update(reporting_routes.PAGES)
PAGES.update(feedback_routes.PAGES)

# The Django admin is a system administrator's tool (is_staff); it is checked as one route family.
ADMIN_SITE = "admin:"

# --- API operations (method, OpenAPI path) ------------------------------------------------------------------------

API: dict[tuple[str, str], Need] = {
    ("GET", "/api/v1/units"): Need(get=PUBLIC),
    ("GET", "/api/v1/units/{unit_id}"): Need(obj="unit", get=PUBLIC),
    ("POST", "/api/v1/units/{unit_id}/villages"): Need(obj="unit", post=OFFICER),
    ("PUT", "/api/v1/units/{unit_id}/households"): Need(obj="unit", post=OFFICER),
    ("GET", "/api/v1/organizations"): Need(get=PUBLIC),
    ("POST", "/api/v1/organizations"): Need(post=UNIT_ADMIN),
    ("GET", "/api/v1/organizations/{organization_id}"): Need(obj="organization", get=PUBLIC),
    ("GET", "/api/v1/org-kinds"): Need(get=PUBLIC),
    ("GET", "/api/v1/audit"): Need(get=LOGIN),  # answers the entries of the caller's administrator scope (none)
    ("GET", "/api/v1/calendar/deadline"): Need(get=PUBLIC),
    ("GET", "/api/v1/calendar/rules"): Need(get=PUBLIC),
    ("POST", "/api/v1/attachments"): Need(post=OFFICER),
    ("GET", "/api/v1/attachments/{attachment_id}"): Need(obj="attachment", get=VIEWER),
    ("GET", "/api/v1/attachments/{attachment_id}/download"): Need(obj="attachment", get=VIEWER),
    ("GET", "/api/v1/me"): Need(get=OWN),
    ("GET", "/api/v1/tokens"): Need(get=OWN),
    ("POST", "/api/v1/tokens"): Need(post=OWN),
    ("DELETE", "/api/v1/tokens/{token_id}"): Need(obj="token", post=OWN),
    ("POST", "/api/v1/initiatives/import"): Need(post=OFFICER),
    ("GET", "/api/v1/initiatives/import-template"): Need(get=LOGIN),
    ("GET", "/api/v1/initiatives/export"): Need(get=LOGIN),
    ("GET", "/api/v1/initiatives/statistics"): Need(get=LOGIN),
    ("GET", "/api/v1/initiatives/decisions/{decision_id}/docx"): Need(obj="missing", get=VIEWER),
    ("GET", "/api/v1/initiatives/decisions/{decision_id}/pdf"): Need(obj="missing", get=VIEWER),
    ("GET", "/api/v1/initiatives/fields"): Need(get=PUBLIC),
    ("GET", "/api/v1/initiatives"): Need(get=LOGIN),
    ("POST", "/api/v1/initiatives"): Need(post=OFFICER),
    ("GET", "/api/v1/initiatives/{initiative_id}"): Need(obj="initiative", get=VIEWER),
    ("POST", "/api/v1/initiatives/{initiative_id}/transitions"): Need(obj="initiative", post=OFFICER),
    ("PUT", "/api/v1/initiatives/{initiative_id}/scores"): Need(obj="initiative", post=OFFICER),
    ("POST", "/api/v1/initiatives/{initiative_id}/evaluation/close"): Need(obj="initiative", post=OFFICER),
    ("POST", "/api/v1/initiatives/decisions"): Need(post=LEADER),
    ("GET", "/api/v1/cases/statistics"): Need(get=LOGIN),
    ("GET", "/api/v1/cases/{case_id}/notices/{kind}"): Need(obj="case", get=VIEWER, absent_ok=True),
    ("GET", "/api/v1/reception/sessions"): Need(get=LOGIN),
    ("POST", "/api/v1/reception/sessions"): Need(post=OFFICER),
    ("POST", "/api/v1/reception/sessions/series"): Need(post=OFFICER),
    ("POST", "/api/v1/reception/sessions/{session_id}/held"): Need(obj="session", post=OFFICER),
    ("POST", "/api/v1/reception/sessions/{session_id}/cancelled"): Need(obj="session", post=OFFICER),
    ("GET", "/api/v1/reception/compliance"): Need(get=LOGIN),
    ("GET", "/api/v1/reception/visits"): Need(get=LOGIN),
    ("POST", "/api/v1/reception/visits"): Need(post=OFFICER),
    ("GET", "/api/v1/reception/visits/{visit_id}"): Need(obj="visit", get=VIEWER),
    ("GET", "/api/v1/reception/logbook"): Need(get=LOGIN),
    ("GET", "/api/v1/reception/logbook.xlsx"): Need(get=LOGIN),
    ("GET", "/api/v1/cases/fields"): Need(get=PUBLIC),
    ("GET", "/api/v1/cases/refusal-grounds"): Need(get=PUBLIC),
    ("GET", "/api/v1/cases/complexity-criteria"): Need(get=PUBLIC),
    ("POST", "/api/v1/cases/duplicates/probe"): Need(post=OFFICER),
    ("GET", "/api/v1/cases"): Need(get=LOGIN),
    ("POST", "/api/v1/cases"): Need(post=OFFICER),
    ("GET", "/api/v1/cases/{case_id}"): Need(obj="case", get=VIEWER),
    ("POST", "/api/v1/cases/{case_id}/transitions"): Need(obj="case", post=OFFICER),
    ("POST", "/api/v1/cases/{case_id}/assign"): Need(obj="case", post=LEADER),
    ("POST", "/api/v1/cases/{case_id}/second-complaint"): Need(obj="case", post=OFFICER),
    ("GET", "/api/v1/cases/{case_id}/history"): Need(obj="case", get=VIEWER),
    ("GET", "/api/v1/cases/{case_id}/duplicates"): Need(obj="case", get=VIEWER),
    ("POST", "/api/v1/cases/{case_id}/links"): Need(obj="case", post=OFFICER),
    ("POST", "/api/v1/cases/{case_id}/dismissals"): Need(obj="case", post=OFFICER),
    ("GET", "/api/v1/cases/{case_id}/denouncer"): Need(obj="case", get="vault"),
    ("POST", "/api/v1/cases/{case_id}/attachments"): Need(obj="case", post=OFFICER),
    ("GET", "/api/v1/cases/{case_id}/attachments"): Need(obj="case", get=VIEWER),
    ("GET", "/api/v1/notifications"): Need(get=OWN),
    ("POST", "/api/v1/notifications/read"): Need(post=OWN),
    ("GET", "/api/v1/tasks/{job_id}"): Need(obj="token", get=OWN),
    ("GET", "/api/v1/tasks/{job_id}/result"): Need(obj="token", get=OWN),
}

API.update(democracy_routes.API)
API.update(reporting_routes.API)
API.update(feedback_routes.API)

# Views the resolver lists that are not operations of their own: the API's own URLs (its operations are
# checked through the OpenAPI document) and the documentation.
API_URL_NAMES_PREFIX = "api:"


def resolver_routes() -> list[tuple[str, str]]:
    """(URL pattern, "namespace:name") of every view the resolver reaches."""

    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> list[tuple[str, str]]:
        found = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
                found += walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith("admin/"):
                    name = ADMIN_SITE + str(pattern.name)  # the Django admin, one family (see the last test)
                else:
                    name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name or route)
                found.append((route, name))
        return found

    return walk(get_resolver().url_patterns, "", None)


def openapi_operations() -> list[tuple[str, str]]:
    from danvan.api import api

    spec = api.get_openapi_schema()
    return [(method.upper(), path) for path, item in spec["paths"].items() for method in item]


def test_every_route_has_a_declared_expectation():
    pages = {name for pattern, name in resolver_routes() if not name.startswith((API_URL_NAMES_PREFIX, ADMIN_SITE))}
    undeclared = sorted(pages - set(PAGES))
    assert not undeclared, f"pages without a declared access expectation in tests/security: {undeclared}"
    assert not sorted(set(PAGES) - pages), "declared pages that no longer exist"
    operations = set(openapi_operations())
    assert not sorted(operations - set(API)), f"API operations without a declared expectation: {operations - set(API)}"
    assert not sorted(set(API) - operations), "declared API operations that no longer exist"


# --- The records of each unit ------------------------------------------------------------------------------------


@pytest.fixture
def grace(cast):
    from conftest import make_officer

    return make_officer("grace", "Võ Thị Giang", "22081", Role.LEADER)


@pytest.fixture
def world(cast, grace, land):
    """A case, visit, session, initiative and attachment at the own unit (22081), another unit (24133) and a
    legacy unit 22081 succeeded (records made there before 1/7/2025, moved by the ORM as a migration would)."""
    legacy = UnitSuccession.objects.filter(successor=cast.dong_xuan).select_related("predecessor").first().predecessor
    records: dict[str, dict[str, Any]] = {}
    for where, unit, actor in (("own", cast.dong_xuan, cast.alice), ("other", cast.buon_ma_thuot, cast.bob)):
        case = case_receive(
            actor=actor,
            unit=unit,
            kind=CaseKind.COMPLAINT,
            channel=Channel.IN_PERSON,
            field=land,
            title=f"Khiếu nại {where}",
            summary="Khiếu nại quyết định thu hồi đất.",
            received_on=dt.date(2026, 11, 16),
            people=[PersonIn("Nguyễn Văn Hùng", id_number="066080001234")],
            event_known_on=dt.date(2026, 10, 1),
        )
        visit = visit_record(
            actor=actor,
            unit=unit,
            visited_on=dt.date(2026, 11, 16),
            kind=CaseKind.FEEDBACK,
            summary="Phản ánh đường liên thôn",
            outcome=VisitOutcome.ANSWERED,
            answer="Đã hướng dẫn",
            visitors=[VisitorIn("Hà Văn Bảy")],
        )
        session = session_plan(
            actor=actor,
            unit=unit,
            kind="regular",
            host_role="desk",
            host_name="Bộ phận tiếp",
            held_on=dt.date(2026, 11, 23),
        )
        organization = unit.organizations.get(kind__code="peoples_committee")
        initiative = initiative_register(
            actor=actor,
            unit=unit,
            organization=organization,
            kind="model",
            name=f"Mô hình {where}",
            field=InitiativeField.objects.first(),
            level="commune",
            year=2026,
        )
        draft = initiative_register(
            actor=actor,
            unit=unit,
            organization=organization,
            kind="model",
            name=f"Dự thảo {where}",
            field=InitiativeField.objects.first(),
            level="commune",
            year=2026,
        )
        attachment = attachment_store(
            actor=actor,
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"),
            unit=unit,
        )
        records[where] = {
            "unit": unit,
            "case": case,
            "visit": visit,
            "session": session,
            "initiative": initiative,
            "draft": draft,
            "attachment": attachment,
            "organization": organization,
            "officer": actor,
            "membership": Membership.objects.get(officer=actor),
            **democracy_routes.records(unit, actor),
            **reporting_routes.records(unit, actor),
            **feedback_routes.records(unit, actor),
        }
    # The legacy unit's records: copies of the own unit's, moved there.
    moved: dict[str, Any] = {"unit": legacy, "organization": records["own"]["organization"]}
    for kind, model in (
        ("case", Case),
        ("visit", Visit),
        ("session", ReceptionSession),
        ("initiative", Initiative),
        ("draft", Initiative),
    ):
        copy = model.objects.get(pk=records["own"][kind].pk)
        copy.pk = None
        copy._state.adding = True
        if kind == "case":
            copy.code += "-L"
        if kind in ("case", "visit"):
            copy.submission_key = None
        copy.save()
        model.objects.filter(pk=copy.pk).update(unit=legacy, unit_path=legacy.path)
        moved[kind] = model.objects.get(pk=copy.pk)
    records["legacy"] = moved
    return records


# Shared between the two runs of `make test` (tests/walkshare.py): share 1/2 gets the leader, the officer and the
# viewer, share 2/2 the system administrator (who sees every unit), the unit administrator and the public;
# scripts/test.sh says which engine runs which share (the heavier half on the chain with room to spare).
MATRIX_ROLES = my_part(("leader", "system_admin", "officer", "unit_admin", "viewer", "anonymous"))


def person(cast, grace, role: str) -> Any:
    return {
        "anonymous": None,
        "viewer": cast.erin,
        "officer": cast.alice,
        "leader": grace,
        "unit_admin": cast.dave,
        "system_admin": cast.root,
    }[role]


def fill(pattern: str, records: dict[str, Any], need: Need) -> str:
    """A concrete URL for ``pattern`` with the records of one unit."""

    def value(name: str) -> str:
        if need.obj == "missing":
            return "987654"
        if need.obj == "draft" and name == "initiative_id":
            return str(records["draft"].pk)
        if name in ("pk", "case_id", "other_id"):
            return str(records["case"].pk)
        if name == "kind":
            return "acceptance"
        if name == "action":
            return "classify"
        key = name.removesuffix("_id")
        if key in records:
            found = records[key]
            return str(getattr(found, "pk", found))  # a record, or a code ("indicator_code")
        return "987654"  # a record that does not exist: tokens of someone else, scans, decisions

    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), pattern)
    path = re.sub(r"\{(\w+)\}", lambda m: value(m.group(1)), path)
    return path if path.startswith("/") else "/" + path


def allowed(user: Any, need: str, unit: Any) -> bool:
    if need == PUBLIC:
        return True
    if user is None:
        return False
    if need in (LOGIN, OWN):
        return True
    if need == "vault":
        return False  # a complaint has no vault; denunciations are walked by the canary test
    rank = ROLE_RANK[need]
    if unit is None:
        return any(ROLE_RANK[r] >= rank for r in Role.values if not scope_for(user, r).is_empty)
    return scope_for(user, need).covers(unit.path)


def shown(response: Any, need: Need, unit: Any, user: Any, url: str) -> bool:
    """What an allowed GET answers: the page; a redirect elsewhere than the sign-in (two-factor steps already
    done); 422 for a query that needs parameters; 404 for a record that does not exist or is not in a state to be
    shown, and for a page on the officer's own unit asked by a system administrator who has none."""
    status = response.status_code
    if status == 200 or status == 422:
        return True
    if status == 302:
        return "login" not in response.get("Location", "")
    if status == 409:
        return need.absent_ok
    if status == 404:
        no_unit = user is not None and user.is_superuser and not Membership.objects.filter(officer=user).exists()
        return need.absent_ok or "987654" in url or (no_unit and unit is None)
    return False


def who(user: Any) -> str:
    return user.username if user is not None else "anonymous"


def check(client, user: Any, method: str, url: str, need: str, unit: Any, api: bool, spec: Need) -> str | None:
    if method == "GET":
        response = client.get(url)
    elif method == "DELETE":
        response = client.delete(url)
    elif method == "PUT":
        response = client.put(url, {}, content_type="application/json")
    else:
        response = client.post(url, {}, content_type="application/json") if api else client.post(url, {})
    status = response.status_code
    if status >= 500:
        return f"{method} {url}: {status}"
    if user is None and need != PUBLIC:
        ok = status in (401, 403) or (status == 302 and "login" in response.get("Location", ""))
        ok = ok or status in (404, 405)  # a record never shown, or a method not offered
        return None if ok else f"{method} {url} anonymous: {status}"
    if not allowed(user, need, unit):
        # A page refusing a step redirects back with a message: the services' own checks (and the tests of each
        # step) make sure nothing was done; an API call must answer with an error status.
        return f"{method} {url} as {who(user)}: {status}, should be refused" if 200 <= status < 300 else None
    if method == "GET" and not shown(response, spec, unit, user, url):
        return f"{method} {url} as {who(user)}: {status}, should be allowed"
    return None


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_matrix(client, cast, grace, world, role):
    user = person(cast, grace, role)
    if user is not None:
        client.force_login(user)
    problems: list[str] = []
    for where in ("own", "other", "legacy"):
        records = world[where]
        for pattern, name in resolver_routes():
            if name.startswith((API_URL_NAMES_PREFIX, ADMIN_SITE)):
                continue
            need = PAGES[name]
            if need.obj is None and where != "own":
                continue
            unit = records["unit"] if need.obj not in (None, "missing", "token") else None
            url = fill(pattern, records, need)
            for method, level in (("GET", need.get), ("POST", need.post)):
                if level is None or (name == "accounts:logout"):
                    continue
                problem = check(client, user, method, url, level, unit, api=False, spec=need)
                if problem:
                    problems.append(problem)
                if user is not None and client.session.get("_auth_user_id") is None:
                    client.force_login(user)  # a page signed the user out (logout is skipped, but be safe)
        for (method, path), need in API.items():
            if need.obj is None and where != "own":
                continue
            unit = records["unit"] if need.obj not in (None, "missing", "token") else None
            level = need.get if method == "GET" else need.post
            assert level is not None
            problem = check(client, user, method, fill(path, records, need), level, unit, api=True, spec=need)
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(problems)


def test_the_admin_site_is_for_staff_only(client, cast, grace):
    admin_urls = [pattern for pattern, name in resolver_routes() if name.startswith(ADMIN_SITE) and "<" not in pattern]
    admin_urls = [u for u in admin_urls if "(?P" not in u and "^" not in u and "logout" not in u]
    for role in ("viewer", "officer", "leader", "unit_admin"):
        client.force_login(person(cast, grace, role))
        for pattern in admin_urls:
            response = client.get("/" + pattern)
            assert response.status_code in (302, 403, 404), (role, pattern, response.status_code)
            if response.status_code == 302:
                assert "login" in response["Location"], (role, pattern)
