"""Every page of the site, generated from the URL resolver, with real objects in place of the URL's parameters.

Used by the page tests (unique element ids, labels that point at an input) and by the phone browser test (no
sideways scrolling at 360 px). A new URL pattern is walked without anyone listing it; a pattern whose parameter
this module cannot fill fails :func:`test_every_route_is_walked` until a value source is added to
:data:`PARAMETER_SOURCES`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.core.management import call_command
from django.db.models import QuerySet
from django.urls import URLPattern, URLResolver, get_resolver

# Not walked: Django's own admin, the JSON API (walked by the API tests) and the language switch (POST only).
EXCLUDED_PREFIXES = ("admin/", "api/", "i18n/", "healthz")

# Routes the demo data gives no object for; none of them is a page: files (a scan, a .docx, a photo) and a POST.
NOT_PAGES_WITHOUT_DEMO_DATA = {
    "cases:denouncer_scan",  # a scanned file of the vault
    "initiatives:decision_docx",  # a .docx download
    "democracy:decision_record",  # a .docx download
    "portal:showcase_photo",  # an image
    "accounts:token_revoke",  # POST only
    "democracy:recommendation_document",  # an answer's document (the demo answers have none)
    "feedback_public:citizen",  # the citizen's own page needs the secret shown once at filing
    "feedback_public:photo",  # an image (the demo reports have no photos)
    "feedback_officer:photo",  # an image
    "open311:media",  # an image
    "open311_keys:key_revoke",  # POST only (the demo issues no key)
    "feedback_officer:moderation_revert",  # POST only (the demo moderates nothing)
}

# Attachments of democracy records, downloaded through their records' own routes.
DEMOCRACY_DOCUMENT_TYPES = ("democracy.consultation", "democracy.disclosure")

DEMO_USERS = {
    "system_admin": "quantri",
    "province_leader": "tinh.lanhdao",
    "unit_admin": "dongxuan.qtdv",
    "leader": "dongxuan.chutich",
    "officer": "dongxuan.canbo",
    "viewer": "dongxuan.xem",
}


@dataclass(frozen=True)
class Route:
    name: str  # "cases:detail"
    route: str  # "backoffice/cases/<int:pk>/"
    params: tuple[str, ...]  # ("pk",)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield Route(f"{namespace}{pattern.name}", route, tuple(re.findall(r"<(?:\w+:)?(\w+)>", route)))


def routes() -> list[Route]:
    """Every named route of the site's pages (not the admin, not the API)."""
    found = {r.name: r for r in _walk(get_resolver().url_patterns) if not r.route.startswith(EXCLUDED_PREFIXES)}
    return sorted(found.values(), key=lambda r: r.route)


def _ids(queryset: QuerySet[Any], *, distinct_by: tuple[str, ...] = (), limit: int = 1) -> list[int]:
    """The ids of ``queryset``: one per distinct combination of ``distinct_by`` (each kind of page), else ``limit``."""
    if not distinct_by:
        return list(queryset.order_by("pk").values_list("pk", flat=True)[:limit])
    seen: dict[tuple[Any, ...], int] = {}
    for row in queryset.order_by("pk").values("pk", *distinct_by):
        seen.setdefault(tuple(row[field] for field in distinct_by), row["pk"])
    return list(seen.values())


def own_job(user: Any) -> Any:
    """A finished background job of ``user`` (the demo data has none: jobs are started by hand), with its file."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from danvan.jobs.models import Job, JobState

    job = Job.objects.filter(owner_id=user.pk).first()
    if job is None:
        job = Job.objects.create(
            owner_id=user.pk, kind="initiatives.export", label="Xuất danh sách", state=JobState.DONE
        )
        job.result_name = default_storage.save(f"jobs/{user.pk}/{job.pk}/ket-qua.txt", ContentFile(b"ok"))
        job.result_filename, job.result_content_type = "ket-qua.txt", "text/plain"
        job.save(update_fields=["result_name", "result_filename", "result_content_type"])
    return job


def _sources() -> dict[str, Callable[[Any, Route], list[Any]]]:
    from danvan.accounts.access import active_memberships, officers_visible_to
    from danvan.accounts.models import ApiToken, Membership
    from danvan.cases import access as case_access
    from danvan.cases.models import DenouncerScan
    from danvan.core.models import AdministrativeUnit, Attachment, UnitTree
    from danvan.democracy import access as democracy_access
    from danvan.democracy.access import decisions_visible_to
    from danvan.democracy.models import BoardMember, Disclosure, DisclosureChannel
    from danvan.initiatives.access import initiatives_visible_to
    from danvan.initiatives.models import Initiative, RecognitionDecision
    from danvan.reception import access as reception_access

    def units(user: Any, route: Route) -> list[Any]:
        own = [m.unit_id for m in active_memberships(user)]
        province = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code="66").values_list("pk", flat=True)
        legacy = AdministrativeUnit.objects.filter(tree=UnitTree.LEGACY, code="22081").values_list("pk", flat=True)
        return list(dict.fromkeys([*own[:1], *province, *legacy[:1]]))

    def cases(user: Any, route: Route) -> list[Any]:
        return _ids(case_access.cases_visible_to(user), distinct_by=("kind", "status"))

    return {
        "unit_id": units,
        "pk": cases,
        "other_id": lambda user, route: _ids(case_access.cases_visible_to(user), limit=2)[1:],
        "initiative_id": lambda user, route: (
            _ids(Initiative.objects.filter(is_public=True))
            if route.name.startswith("portal:")
            else _ids(initiatives_visible_to(user), distinct_by=("status",))
        ),
        "visit_id": lambda user, route: _ids(reception_access.visits_visible_to(user), distinct_by=("kind",)),
        "session_id": lambda user, route: _ids(reception_access.sessions_visible_to(user), distinct_by=("status",)),
        "officer_id": lambda user, route: _ids(officers_visible_to(user), limit=2),
        "membership_id": lambda user, route: _ids(Membership.objects.filter(officer_id=user.pk)),
        "token_id": lambda user, route: _ids(ApiToken.objects.filter(officer_id=user.pk)),
        "job_id": lambda user, route: [own_job(user).pk] if getattr(user, "pk", None) else [],
        "decision_id": lambda user, route: (
            _open_ballots(user).values_list("decision_id", flat=True)[:1]
            if route.name == "democracy:decision_ballot_correct"
            else _ids(decisions_visible_to(user), distinct_by=("status",))
            if route.name.startswith("democracy:")
            else _ids(RecognitionDecision.objects.all())
        ),
        # A ballot of the decision above (the correction page pairs them)
        "ballot_id": lambda user, route: list(_open_ballots(user).values_list("pk", flat=True)[:1]),
        "scan_id": lambda user, route: _ids(DenouncerScan.objects.all()),
        # Drafts of consultations and documents of disclosures are served by their own routes, not as attachments
        # of other records (an initiative photo); so are a plan's files.
        "attachment_id": lambda user, route: (
            _plan_attachments(user)
            if route.name == "reporting:plan_file"
            else _ids(
                Attachment.objects.exclude(object_type__in=DEMOCRACY_DOCUMENT_TYPES).exclude(
                    object_type__startswith="reporting."
                )
            )
        ),
        # --- Democracy: households and consultations ---
        **_democracy_household_sources(),
        "meeting_id": lambda user, route: _ids(
            democracy_access.meetings_visible_to(user), distinct_by=("kind", "status")
        ),
        "item_id": lambda user, route: _ids(
            democracy_access.recommendations_visible_to(user).filter(answer_document__isnull=False)
            if route.name == "democracy:recommendation_document"
            else democracy_access.recommendations_visible_to(user)
        ),
        # --- Democracy: Front supervision and social criticism ---
        "programme_id": lambda user, route: _ids(democracy_access.supervision_programmes_visible_to(user)),
        "supervision_id": lambda user, route: _ids(
            democracy_access.supervisions_visible_to(user), distinct_by=("kind", "status")
        ),
        "action": lambda user, route: ["classify"],
        "kind": lambda user, route: ["decision"] if route.name.startswith("democracy:") else ["acceptance"],
        # Grassroots democracy – disclosures
        "disclosure_id": lambda user, route: (
            _ids(Disclosure.objects.filter(is_published=True))
            if route.name.startswith("democracy_public:")
            else _ids(democracy_access.disclosures_visible(user), distinct_by=("status",))
        ),
        "channel_id": lambda user, route: _ids(
            DisclosureChannel.objects.filter(disclosure__in=democracy_access.disclosures_visible(user))
        ),
        "year": lambda user, route: [dt.date.today().year],
        "quarter": lambda user, route: [1],
        # --- Democracy: boards ---
        "board_id": lambda user, route: _ids(democracy_access.boards_visible_to(user), distinct_by=("kind",)),
        "member_id": lambda user, route: _ids(
            BoardMember.objects.filter(board__in=democracy_access.boards_visible_to(user))
        ),
        "board_session_id": lambda user, route: _ids(
            democracy_access.board_sessions_visible_to(user), distinct_by=("status",)
        ),
        "project_id": lambda user, route: _ids(democracy_access.board_projects_visible_to(user)),
        # --- Democracy: dialogues with staff and voter contacts ---
        "dialogue_id": lambda user, route: _ids(democracy_access.staff_dialogues_visible_to(user)),
        "area_id": lambda user, route: _ids(democracy_access.electoral_areas_visible_to(user)),
        "contact_id": lambda user, route: _ids(
            democracy_access.voter_contacts_visible_to(user), distinct_by=("status",)
        ),
        # --- Feedback channel and Open311 ---
        **_feedback_sources(),
        # --- Plans, indicators, reports and rankings ---
        **_reporting_sources(),
    }


def _open_ballots(user: Any) -> Any:
    """Ballots of the decisions the officer keeps that are still open for corrections, first one first."""
    from danvan.democracy import access as democracy_access
    from danvan.democracy.models import Ballot, DecisionStatus

    if not getattr(user, "is_authenticated", False):
        return Ballot.objects.none()
    decisions = democracy_access.decisions_visible_to(user).filter(status=DecisionStatus.ANNOUNCED)
    return Ballot.objects.filter(decision__in=decisions).order_by("pk")


def _democracy_household_sources() -> dict[str, Callable[[Any, Route], list[Any]]]:
    """Villages with a register, the officer's communes, households and consultations (published ones on the
    citizens' pages)."""
    from danvan.core.models import AdministrativeUnit, UnitLevel
    from danvan.democracy.access import read_scope, write_scope
    from danvan.democracy.models import Consultation, ConsultationStatus, Household

    def villages(user: Any, route: Route) -> list[Any]:
        scoped = AdministrativeUnit.objects.filter(level=UnitLevel.VILLAGE, households__gt=0)
        return _ids(scoped.filter(read_scope(user).q("path")))

    def communes(user: Any, route: Route) -> list[Any]:
        return _ids(AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE).filter(write_scope(user).q("path")))

    def consultations(user: Any, route: Route) -> list[Any]:
        if route.name.startswith("democracy_public:"):
            return _ids(Consultation.objects.exclude(status=ConsultationStatus.DRAFT), distinct_by=("status",))
        return _ids(Consultation.objects.filter(read_scope(user).q("unit_path")), distinct_by=("status",))

    return {
        "village_id": villages,
        "commune_id": communes,
        "household_id": lambda user, route: _ids(Household.objects.filter(read_scope(user).q("unit_path"))),
        "consultation_id": consultations,
    }


def _feedback_sources() -> dict[str, Callable[[Any, Route], list[Any]]]:
    """Reports in every state (the officer's; public ones by tracking code on the citizens' pages and Open311),
    their photos and moderations, the Open311 services and keys."""
    from danvan.feedback import access as feedback_access
    from danvan.feedback.models import Category, Moderation, Report, ReportPhoto
    from danvan.open311.models import ApiKey

    def codes(user: Any, route: Route) -> list[Any]:
        public = Report.objects.filter(is_hidden=False)
        return [Report.objects.get(pk=pk).code for pk in _ids(public, distinct_by=("state",))]

    return {
        "report_id": lambda user, route: _ids(feedback_access.reports_visible_to(user), distinct_by=("state",)),
        "photo_id": lambda user, route: _ids(ReportPhoto.objects.all()),
        "moderation_id": lambda user, route: _ids(Moderation.objects.all()),
        "code": codes,
        "service_request_id": codes,
        "open311_token": codes,
        "open311_photo_id": lambda user, route: _ids(ReportPhoto.objects.filter(is_hidden=False)),
        "service_code": lambda user, route: list(Category.objects.active().values_list("code", flat=True)[:1]),
        "response_format": lambda user, route: ["json", "xml"],
        "open311_key_id": lambda user, route: _ids(ApiKey.objects.all()),
        "secret": lambda user, route: [],
    }


def _reporting_sources() -> dict[str, Callable[[Any, Route], list[Any]]]:
    """Plans (draft, issued), their tasks and assigned organizations (one the officer reports for first),
    submissions in every state, templates, ranking schemes and an indicator of the registry — each as
    ``danvan.reporting.access`` lets the user see them (nothing for the public)."""
    from danvan.reporting import access as reporting_access
    from danvan.reporting.models import Indicator, PlanTask, RankingScheme, TaskTarget

    def targets(user: Any, route: Route) -> list[Any]:
        visible = TaskTarget.objects.filter(task__plan__in=reporting_access.plans_visible(user))
        reported = visible.filter(reporting_access.report_scope(user).q("unit_path"))
        return list(dict.fromkeys([*_ids(reported), *_ids(visible, distinct_by=("task__plan__status",))]))

    def schemes(user: Any, route: Route) -> list[Any]:
        scope = reporting_access.submission_viewer_scope(user)
        return [] if scope.is_empty else _ids(RankingScheme.objects.filter(scope.q("unit_path")))

    def indicator_codes(user: Any, route: Route) -> list[Any]:
        # The registry is read by everyone signed in; its edit page is the system administrator's (404 otherwise).
        registry = Indicator.objects.filter(is_active=True).order_by("sort_order", "code")
        return list(registry.values_list("code", flat=True)[:1])

    return {
        "plan_id": lambda user, route: _ids(reporting_access.plans_visible(user), distinct_by=("status",)),
        "task_id": lambda user, route: _ids(
            PlanTask.objects.filter(plan__in=reporting_access.plans_visible(user)), distinct_by=("plan__status",)
        ),
        "target_id": targets,
        "submission_id": lambda user, route: _ids(
            reporting_access.submissions_visible_to(user), distinct_by=("status",)
        ),
        "template_id": lambda user, route: _ids(reporting_access.templates_visible_to(user)),
        "scheme_id": schemes,
        "indicator_code": indicator_codes,
    }


def _plan_attachments(user: Any) -> list[Any]:
    """The attachments of the plans the officer reads (the demo's issued plan has its signed copy)."""
    from danvan.core.models import Attachment
    from danvan.reporting import access as reporting_access
    from danvan.reporting.models.plans import PLAN_ATTACHMENT

    plan_ids = [str(pk) for pk in reporting_access.plans_visible(user).values_list("pk", flat=True)]
    return _ids(Attachment.objects.filter(object_type=PLAN_ATTACHMENT, object_id__in=plan_ids))


PARAMETER_SOURCES: dict[str, Callable[[Any, Route], list[Any]]] = {}


def urls_for(user: Any, route: Route) -> list[str]:
    """The URLs of ``route`` for ``user``: one per value of its (first) parameter; [] when a value is missing."""
    from django.urls import reverse

    if not PARAMETER_SOURCES:
        PARAMETER_SOURCES.update(_sources())
    if not route.params:
        return [reverse(route.name)]
    values = {name: PARAMETER_SOURCES[name](user, route) for name in route.params}
    if any(not found for found in values.values()):
        return []
    first, *rest = route.params
    fixed = {name: values[name][0] for name in rest}
    return [reverse(route.name, kwargs={first: value, **fixed}) for value in values[first]]


@dataclass(frozen=True)
class Page:
    route: Route
    url: str
    status: int
    content_type: str
    body: str

    @property
    def is_html_page(self) -> bool:
        return self.status == 200 and self.content_type.startswith("text/html") and "<html" in self.body[:500]


def walk(
    client: Any, user: Any | None, among: list[Route] | None = None, *, html_per_route: int | None = None
) -> list[Page]:
    """GET every URL of every route (or of the routes ``among``) as ``user`` (anonymous when None) with the Django
    test client; with ``html_per_route``, a route's URLs only until that many answered an HTML page.

    A route that answers 405 (it takes only POST) is asked once, not once per record."""
    from django.contrib.auth.models import AnonymousUser

    pages = []
    for route in routes() if among is None else among:
        html = 0
        for url in urls_for(user or AnonymousUser(), route):
            response = client.get(url)
            body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
            page = Page(route, url, response.status_code, response.get("Content-Type", ""), body)
            pages.append(page)
            if response.status_code == 405:
                break  # a POST-only route refuses a GET whatever its record: one answer shows it
            html += page.is_html_page
            if html_per_route is not None and html >= html_per_route:
                break
    return pages


# Where each role starts: the dashboard and the hub of each app (the back office's menu). Every link on them must
# open for the role that sees it (test_every_page.py).
START_PAGES = (
    "office:dashboard",
    "initiatives:list",
    "cases:list",
    "reception:index",
    "democracy:home",
    "feedback_officer:inbox",
    "reporting:indicator_report",
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")


def back_office_links(page: Page) -> list[str]:
    """The back-office addresses ``page`` links to (``<a href>``, same site, fragments dropped), in page order."""
    parser = _Links()
    parser.feed(page.body)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(f"http://testserver{page.url}", href.strip()))
        if parts.scheme in ("http", "https") and parts.netloc == "testserver" and parts.path.startswith("/backoffice/"):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return list(dict.fromkeys(found))


def link_kind(url: str) -> tuple[str, tuple[str, ...]]:
    """What decides whether a link opens for a role: its route and the names of its query parameters (not which
    record: the pages list records the role reads)."""
    from django.urls import Resolver404, resolve

    parts = urlsplit(url)
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        name = parts.path
    return name, tuple(sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)}))


def load_demo() -> None:
    """The demo province, officers in every role, initiatives, reception days, visits and cases of every kind."""
    call_command("demo", quiet=True)
    publish_one_model()


def publish_one_model() -> None:
    """One model recognized (the demo stops at self-assessment) and on the public showcase, so its pages are walked."""
    from danvan.accounts.models import Officer
    from danvan.initiatives.models import Initiative, InitiativeStatus
    from danvan.initiatives.services import initiative_publish

    if not Initiative.objects.filter(is_public=True).exists():
        recognized = Initiative.objects.filter(status=InitiativeStatus.SELF_ASSESSED).order_by("pk").first()
        assert recognized is not None, "the demo has no self-assessed model any more"
        Initiative.objects.filter(pk=recognized.pk).update(
            status=InitiativeStatus.RECOGNIZED, recognized_on=dt.date(recognized.year, 12, 1)
        )
        recognized.refresh_from_db()
        initiative_publish(
            actor=Officer.objects.get(username=DEMO_USERS["system_admin"]),
            initiative=recognized,
            is_public=True,
            public_summary="Mô hình được công nhận, tóm tắt công bố.",
        )
