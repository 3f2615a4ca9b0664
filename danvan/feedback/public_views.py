"""The citizen's pages under /phan-anh/ (no account): file a report, see it, act on it through its secret link,
browse the public list and map.

Nothing here shows personal data: the templates read the public fields only (code, category, commune, state,
dates, description, address, public events, photos not hidden, the public answer). A report an officer hid shows
its code and "ẩn vì lý do riêng tư", nothing else. Spam defence on the form: a proof of work (core.proof_of_work)
and rate limits per IP and per phone from the rules (``feedback.rate_ip_per_hour``, ``feedback.rate_phone_per_day``).
"""

from __future__ import annotations

import datetime as dt
import secrets as pysecrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core import proof_of_work, ratelimit
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import request_fingerprint, submission_key
from danvan.core.middleware import client_ip
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitSuccession, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.params import digits_int
from danvan.core.rules import rule_in_force
from danvan.core.selectors import units_search
from danvan.core.storage import stored_file_response
from danvan.core.text import vi_sorted_units
from danvan.feedback import citizen
from danvan.feedback.intake import ReportIn, current_commune, report_by_secret, report_check, report_submit
from danvan.feedback.models import Category, EventKind, PhotoRole, Report, ReportEvent, ReportPhoto
from danvan.feedback.nearby import nearby_open_reports, nearby_radius_m
from danvan.feedback.public_forms import FollowForm, InfoForm, ListFilterForm, RateForm, ReopenForm, ReportForm

PAGE_SIZE = 20
SESSION_SECRETS = "feedback_secrets"
CITIZEN_LIMIT = 30  # citizen actions (rate, reopen, add information, follow) per IP per hour
# Events never shown publicly whatever their flag says (an officer's note is internal by nature).
PRIVATE_KINDS = (EventKind.NOTE, EventKind.MODERATED, EventKind.HIDDEN, EventKind.SHOWN)


# --- Spam defence --------------------------------------------------------------------------------------------------


def check_ip_rate(request: HttpRequest) -> None:
    """At most ``feedback.rate_ip_per_hour`` submissions from one address per hour (429 ``rate_limited``)."""
    limit = int(rule_in_force("feedback.rate_ip_per_hour", timezone.localdate()).value)
    ratelimit.check("feedback.submit.ip", client_ip(request) or "unknown", limit=limit, per_seconds=3600)


def check_phone_rate(phone: str) -> None:
    """At most ``feedback.rate_phone_per_day`` submissions giving one phone number per day."""
    digits = "".join(ch for ch in phone or "" if ch in "0123456789")
    if not digits:
        return
    limit = int(rule_in_force("feedback.rate_phone_per_day", timezone.localdate()).value)
    ratelimit.check("feedback.submit.phone", digits[-9:], limit=limit, per_seconds=86400)


def proof_required() -> bool:
    return bool(getattr(settings, "FEEDBACK_PROOF_OF_WORK", True))


# --- Public reads --------------------------------------------------------------------------------------------------


def public_report(code: str) -> Report:
    """The report with this tracking code, else ``Http404``."""
    report = (
        Report.objects.select_related("category", "unit", "organization", "merged_into")
        .filter(code=(code or "").strip().upper()[:16])
        .first()
    )
    if report is None:
        raise Http404
    return report


def public_events(report: Report) -> QuerySet[ReportEvent]:
    return (
        ReportEvent.objects.filter(report=report, is_public=True)
        .exclude(kind__in=PRIVATE_KINDS)
        .select_related("to_unit", "from_unit")
        .order_by("at", "id")
    )


def public_photos(report: Report) -> list[ReportPhoto]:
    return list(ReportPhoto.objects.filter(report=report, is_hidden=False).select_related("attachment").order_by("id"))


def photos_by_role(report: Report) -> tuple[list[ReportPhoto], list[ReportPhoto]]:
    """The shown photos of a report: the citizen's (filed and added), and the answer's."""
    groups: dict[str, list[ReportPhoto]] = {}
    for photo in [] if report.is_hidden else public_photos(report):
        groups.setdefault(photo.role, []).append(photo)
    citizens = sorted(groups.get(PhotoRole.REPORT, []) + groups.get(PhotoRole.INFO, []), key=lambda p: p.pk)
    return citizens, groups.get(PhotoRole.ANSWER, [])


def _detail_context(report: Report) -> dict[str, Any]:
    citizens, answers = photos_by_role(report)
    return {
        "report": report,
        "events": [] if report.is_hidden else list(public_events(report)),
        "report_photos": citizens,
        "answer_photos": answers,
        "reopen_until": citizen.reopen_until(report),
    }


@require_GET
def report_detail(request: HttpRequest, code: str) -> HttpResponse:
    report = public_report(code)
    context = _detail_context(report)
    context["follow_form"] = FollowForm()
    return render(request, "feedback/public/detail.html", context)


@require_GET
def report_photo(request: HttpRequest, code: str, photo_id: int) -> FileResponse:
    """A photo of a shown report that moderation did not hide; anything else is ``Http404``."""
    report = public_report(code)
    photo = (
        ReportPhoto.objects.filter(report=report, pk=photo_id, is_hidden=False).select_related("attachment").first()
        if not report.is_hidden
        else None
    )
    if photo is None:
        raise Http404
    try:
        response = stored_file_response(photo.attachment.file, content_type=photo.attachment.content_type)
    except FileNotFoundError as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- Filing a report -----------------------------------------------------------------------------------------------


def _form_context(form: ReportForm) -> dict[str, Any]:
    categories = list(Category.objects.active().order_by("group", "sort_order", "name"))
    groups: dict[str, list[Category]] = {}
    for category in categories:
        groups.setdefault(category.group_label, []).append(category)
    chosen = form["category"].value() if form.is_bound else None
    return {
        "form": form,
        # (group, its categories, open): the group of the chosen category is open, or the first one.
        "groups": [
            (name, items, any(c.code == chosen for c in items) if chosen else index == 0)
            for index, (name, items) in enumerate(groups.items())
        ],
        "chosen_category": chosen,
        "challenge": proof_of_work.create_challenge() if proof_required() else None,
        "tile_url": getattr(settings, "FEEDBACK_TILE_URL", ""),
        "tile_attribution": getattr(settings, "FEEDBACK_TILE_ATTRIBUTION", ""),
        "max_photos": rule_in_force("feedback.max_photos", timezone.localdate()).value,
        "radius": nearby_radius_m(),
    }


def _remember_secret(request: HttpRequest, code: str, secret: str) -> None:
    kept = dict(request.session.get(SESSION_SECRETS) or {})
    kept[code] = secret
    request.session[SESSION_SECRETS] = dict(list(kept.items())[-5:])


# The service's names of the form's fields.
SERVICE_FIELDS = {"location": "latitude", "unit": "unit_code"}


def _report_in(data: dict[str, Any], **more: Any) -> ReportIn:
    """The submission from the form's cleaned data (what it could read of it)."""
    return ReportIn(
        category_code=data.get("category") or "",
        description=data.get("description") or "",
        unit_code=data.get("unit_code") or "",
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        address_text=data.get("address_text") or "",
        citizen_name=data.get("citizen_name") or "",
        citizen_phone=data.get("citizen_phone") or "",
        citizen_email=data.get("citizen_email") or "",
        is_anonymous=bool(data.get("is_anonymous")),
        photos=data.get("photos") or [],
        **more,
    )


def _check_the_rest(form: ReportForm) -> None:
    """For a form with errors: the service's checks on what it could read, their errors beside the fields the form
    found no fault with — every problem shown at once, not one round trip per field."""
    try:
        report_check(_report_in(form.cleaned_data), timezone.localdate())
    except DomainError as error:
        rest = {
            name: messages
            for name, messages in (error.fields or {}).items()
            if SERVICE_FIELDS.get(name, name) not in form.errors
        }
        if rest:
            apply_errors(form, DomainError(error.code, error.message, fields=rest), field_names=SERVICE_FIELDS)


def _submit(request: HttpRequest, form: ReportForm) -> Report | None:
    data = form.cleaned_data
    key = submission_key(None, data.get("submission_key"))
    photos = data.get("photos") or []
    fingerprint = request_fingerprint(
        "feedback.report",
        {k: v for k, v in data.items() if k not in ("altcha", "submission_key", "photos", "unit_label")},
        [(photo.name, photo.size) for photo in photos],
    )
    if key:
        existing = Report.objects.filter(submission_key=key).first()
        if existing is not None:  # a double click or a resent form: the report it already made
            return existing
    try:
        if proof_required():
            proof_of_work.verify(data.get("altcha") or "")
        if not data.get("is_anonymous"):
            check_phone_rate(data.get("citizen_phone") or "")
        submitted = report_submit(_report_in(data, submission_key=key, submission_fingerprint=fingerprint))
    except DomainError as error:
        apply_errors(form, error, field_names=SERVICE_FIELDS, summary=True)
        return None
    if submitted.secret:
        _remember_secret(request, submitted.report.code, submitted.secret)
    return submitted.report


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    """The report form (phone first)."""
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        try:
            check_ip_rate(request)
        except DomainError as error:
            form.is_valid()
            apply_errors(form, error, summary=True)
            return render(request, "feedback/public/form.html", _form_context(form), status=429)
        if form.is_valid():
            report = _submit(request, form)
            if report is not None:
                return redirect("feedback_public:sent", code=report.code)
        else:
            _check_the_rest(form)
        status = 422
    else:
        form = ReportForm(initial={"submission_key": pysecrets.token_urlsafe(24)})
    return render(request, "feedback/public/form.html", _form_context(form), status=status)


@require_GET
def report_sent(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation: the tracking code, and the secret link shown once (taken out of the session)."""
    report = public_report(code)
    kept = dict(request.session.get(SESSION_SECRETS) or {})
    secret = kept.pop(report.code, "")
    if secret:
        request.session[SESSION_SECRETS] = kept
    secret_url = (
        request.build_absolute_uri(reverse("feedback_public:citizen", args=[report.code, secret])) if secret else ""
    )
    public_url = request.build_absolute_uri(reverse("feedback_public:detail", args=[report.code]))
    return render(
        request,
        "feedback/public/sent.html",
        {"report": report, "secret_url": secret_url, "public_url": public_url},
    )


# --- Pickers (fragments the form's script asks for) ----------------------------------------------------------------


@require_GET
def commune_search(request: HttpRequest) -> HttpResponse:
    """Communes matching a folded query: today's communes, and pre-2025 ones shown with today's commune."""
    q = (request.GET.get("q") or "").strip()[:100]
    rows: list[dict[str, Any]] = []
    if len(q) >= 2:
        seen: set[int] = set()
        for unit in units_search(q=q, level=UnitLevel.COMMUNE)[:20]:
            if unit.tree == UnitTree.CURRENT:
                today, former = unit, None
            else:
                link = (
                    UnitSuccession.objects.filter(predecessor=unit, successor__level=UnitLevel.COMMUNE)
                    .order_by("-is_primary")
                    .select_related("successor__parent")
                    .first()
                )
                if link is None:
                    continue
                today, former = link.successor, unit
            if today.pk in seen and former is None:
                continue
            seen.add(today.pk)
            rows.append({"unit": today, "former": former})
            if len(rows) >= 12:
                break
    return render(request, "feedback/public/_communes.html", {"rows": rows, "q": q})


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if -180.0 <= number <= 180.0 else None


@require_GET
def nearby(request: HttpRequest) -> HttpResponse:
    """“Is it one of these?”: open reports of the category near the pin, each with a follow form."""
    lat, lng = _float(request.GET.get("lat")), _float(request.GET.get("lng"))
    category = Category.objects.active().filter(code=(request.GET.get("category") or "")[:40]).first()
    found = []
    if category is not None and lat is not None and lng is not None:
        found = nearby_open_reports(category=category, latitude=lat, longitude=lng)
    return render(
        request,
        "feedback/public/_nearby.html",
        {"found": found, "follow_form": FollowForm(), "radius": nearby_radius_m()},
    )


# --- Following and the citizen's own actions -----------------------------------------------------------------------


def _citizen_rate(request: HttpRequest) -> DomainError | None:
    try:
        ratelimit.check("feedback.citizen.ip", client_ip(request) or "unknown", limit=CITIZEN_LIMIT, per_seconds=3600)
    except DomainError as error:
        return error
    return None


@require_POST
def report_follow(request: HttpRequest, code: str) -> HttpResponse:
    report = public_report(code)
    form = FollowForm(request.POST)
    limited = _citizen_rate(request)
    if limited is not None:
        messages.error(request, str(limited.message))
    elif form.is_valid():
        try:
            citizen.report_follow(report=report, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("Bạn đang theo dõi phản ánh %(code)s; sẽ được báo khi có tiến triển.") % {"code": report.code},
            )
    else:
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("feedback_public:detail", code=report.code)


@require_http_methods(["GET", "POST"])
def citizen_page(request: HttpRequest, code: str, secret: str) -> HttpResponse:
    """The citizen's own link: the public page plus what they may do now (add information, rate, reopen)."""
    report = report_by_secret(code, secret)
    if report is None:
        raise Http404
    forms: dict[str, Any] = {"rate_form": RateForm(), "reopen_form": ReopenForm(), "info_form": InfoForm()}
    status = 200
    action = ""
    if request.method == "POST":
        action = request.POST.get("action") or ""
        limited = _citizen_rate(request)
        form: Any
        if action == "rate":
            form = forms["rate_form"] = RateForm(request.POST)
        elif action == "reopen":
            form = forms["reopen_form"] = ReopenForm(request.POST)
        elif action == "info":
            form = forms["info_form"] = InfoForm(request.POST, request.FILES)
        else:
            return redirect(request.path)
        version = request.POST.get("version")
        expected = digits_int(version) if version else None
        if limited is not None:
            form.is_valid()
            apply_errors(form, limited, summary=True)
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                if action == "rate":
                    citizen.report_rate(
                        report=report, rating=data["rating"], comment=data["comment"], expected_version=expected
                    )
                    messages.success(request, _("Cảm ơn bạn đã đánh giá."))
                elif action == "reopen":
                    citizen.report_reopen(report=report, reason=data["reason"], expected_version=expected)
                    messages.success(request, _("Phản ánh đã được mở lại và chuyển cơ quan xử lý tiếp."))
                else:
                    citizen.report_add_info(
                        report=report, text=data["text"], photos=data["photos"], expected_version=expected
                    )
                    messages.success(request, _("Đã gửi thông tin bổ sung."))
            except DomainError as error:
                apply_errors(form, error, summary=True)
                status = 409 if error.status == 409 else 422
            else:
                return redirect(request.path)
        else:
            status = 422
        report.refresh_from_db()
    context = {
        **_detail_context(report),
        **forms,
        "is_citizen": True,
        # A refused action shows its form again with the reason beside it.
        "can_rate": citizen.can_rate(report) or (status != 200 and action == "rate"),
        "can_reopen": citizen.can_reopen(report) or (status != 200 and action == "reopen"),
        "info_pending": citizen.info_pending(report) or (status != 200 and action == "info"),
    }
    response = render(request, "feedback/public/detail.html", context, status=status)
    # The secret link never leaves the site in a Referer; "no-referrer" would also make the browser send
    # "Origin: null" with the page's own forms, which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    """Type a tracking code, go to its page."""
    code = (request.GET.get("code") or "").strip().upper()[:16]
    if code and Report.objects.filter(code=code).exists():
        return redirect("feedback_public:detail", code=code)
    if code:
        messages.error(request, _("Không tìm thấy phản ánh có mã %(code)s.") % {"code": code})
    return redirect("feedback_public:list")


# --- The public list and map ---------------------------------------------------------------------------------------


def _provinces() -> list[AdministrativeUnit]:
    return vi_sorted_units(AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE))


def filtered_reports(params: Any) -> tuple[QuerySet[Report], dict[str, str]]:
    """Reports matching the public filters (status open|closed, category code, province code, commune code,
    period in days); the cleaned filters as a dict for links. Used by the list page and the map API."""
    reports = Report.objects.all()
    used: dict[str, str] = {}
    status = (params.get("status") or "").strip()
    if status in ("open", "closed"):
        reports = reports.filter(is_open=status == "open")
        used["status"] = status
    category = (params.get("category") or "").strip()[:40]
    if category:
        reports = reports.filter(category__code=category)
        used["category"] = category
    unit_code = (params.get("unit") or "").strip()[:10]
    province = (params.get("province") or "").strip()[:2]
    if unit_code:
        unit = current_commune(unit_code)
        # unit_path, not unit: the (unit_path, received_at) index serves the newest-first list of one commune.
        reports = reports.filter(unit_path=unit.path) if unit is not None else reports.none()
        used["unit"] = unit_code
    elif province:
        reports = reports.filter(province_code=province)
        used["province"] = province
    period = (params.get("period") or "").strip()
    days = digits_int(period, most=3660)
    if days:  # 1 to 3660 days back
        reports = reports.filter(received_at__gte=timezone.now() - dt.timedelta(days=days))
        used["period"] = period
    return reports, used


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    reports, used = filtered_reports(request.GET)
    reports = reports.select_related("category", "unit").order_by("-received_at", "-id")
    page = ListPaginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    form = ListFilterForm(initial=used, auto_id="f-%s")
    unit = current_commune(used["unit"]) if used.get("unit") else None
    return render(
        request,
        "feedback/public/list.html",
        {
            "page": page,
            "form": form,
            "used": used,
            "unit": unit,
            "provinces": _provinces(),
            "query": urlencode(used),
            "map_query": urlencode(used),
            "tile_url": getattr(settings, "FEEDBACK_TILE_URL", ""),
            "tile_attribution": getattr(settings, "FEEDBACK_TILE_ATTRIBUTION", ""),
        },
    )
