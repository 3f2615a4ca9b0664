"""Pages of consultations: officers prepare, publish, record opinions and the decision; citizens read the draft,
the time left, send an opinion (rate-limited, no sign-in, works without JavaScript) and read the published
summary and answer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.attachments import attachment_download_name
from danvan.core.downloads import stream_response
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import submission_key
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.params import positive_int
from danvan.core.pickers import picker_response
from danvan.core.ratelimit import check_request
from danvan.core.text import matches_all_terms
from danvan.democracy import access, consultation_audit_text  # noqa: F401  (the audit entries' words)
from danvan.democracy.consultation_api import public_consultation_out
from danvan.democracy.consultation_forms import ConsultationForm, DecisionForm, OpinionRecordForm, PublicOpinionForm
from danvan.democracy.consultation_selectors import consultation_list, consultation_tally, public_consultations
from danvan.democracy.consultation_services import (
    consultation_create,
    consultation_decide,
    consultation_publish,
    consultation_update,
    earliest_close,
    opinion_record,
    opinion_submit_public,
)
from danvan.democracy.models import Consultation, ConsultationStatus, Opinion

PAGE_SIZE = 30
OPINION_LIMIT = 5
OPINION_WINDOW = 600


def _communes(user: Any) -> QuerySet[AdministrativeUnit]:
    """The current communes where the officer keeps records."""
    communes = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, tree=UnitTree.CURRENT)
    return communes.filter(access.write_scope(user).q("path")).order_by("name")


@login_required
@require_GET
def consultation_list_view(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:200]
    status = request.GET.get("status") or None
    if status not in ConsultationStatus.values:
        status = None
    page = ListPaginator(consultation_list(request.user, status=status, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "democracy/consultations/list.html",
        {
            "page": page,
            "q": q,
            "status": status,
            "statuses": ConsultationStatus.choices,
            "query": query.urlencode(),
            "can_create": _communes(request.user).exists(),
        },
    )


def _save(request: HttpRequest, form: ConsultationForm, consultation: Consultation | None) -> Consultation | None:
    data = form.cleaned_data
    common = {
        "item": data["item"],
        "title": data["title"],
        "description": data["description"],
        "authority": data["authority"],
        "channels": list(data["channels"]),
        "opens_on": data["opens_on"],
        "closes_on": data["closes_on"],
        "draft": data.get("draft"),
    }
    try:
        if consultation is None:
            commune = access.access_commune_for_write(request.user, data["unit"].pk)
            key = submission_key(request.user, data["submission_key"])
            existing = Consultation.objects.filter(submission_key=key).first() if key else None
            if existing is not None:
                return existing
            return consultation_create(actor=request.user, commune=commune, submission_key=key, **common)
        return consultation_update(
            actor=request.user, consultation=consultation, expected_version=data["expected_version"], **common
        )
    except DomainError as error:
        apply_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create_view(request: HttpRequest) -> HttpResponse:
    communes = _communes(request.user)
    if not communes.exists():
        raise Http404
    form = ConsultationForm(request.POST or None, request.FILES or None, communes=communes)
    if (matches := picker_response(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        consultation = _save(request, form, None)
        if consultation is not None:
            return redirect("democracy:consultation_detail", consultation_id=consultation.pk)
    status = 422 if form.errors else 200
    return render(request, "democracy/consultations/form.html", {"form": form, "consultation": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit_view(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    communes = AdministrativeUnit.objects.filter(pk=consultation.unit_id)
    initial = {
        "unit": consultation.unit_id,
        "item": consultation.item_id,
        "title": consultation.title,
        "description": consultation.description,
        "authority": consultation.authority,
        "channels": list(consultation.channels.all()),
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "expected_version": consultation.version,
    }
    form = ConsultationForm(request.POST or None, request.FILES or None, communes=communes, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, consultation)
        if saved is not None:
            return redirect("democracy:consultation_detail", consultation_id=saved.pk)
    status = 422 if form.errors else 200
    return render(
        request, "democracy/consultations/form.html", {"form": form, "consultation": consultation}, status=status
    )


def _detail(request: HttpRequest, consultation: Consultation, status: int = 200, **forms: Any) -> HttpResponse:
    earliest, explanation = earliest_close(consultation.opens_on)
    context = {
        "consultation": consultation,
        "channels": consultation.channels.order_by("sort_order"),
        "tally": consultation_tally(consultation),
        "opinions": Opinion.objects.filter(consultation=consultation).order_by("-received_on", "-id")[:100],
        "earliest_close": earliest,
        "rule_explanation": explanation,
        "can_write": access.can_write_at(request.user, consultation.unit),
        "opinion_form": forms.get("opinion_form") or OpinionRecordForm(initial={"received_on": timezone.localdate()}),
        "decision_form": forms.get("decision_form")
        or DecisionForm(initial={"expected_version": consultation.version, "decided_on": timezone.localdate()}),
        "publish_error": forms.get("publish_error"),
    }
    return render(request, "democracy/consultations/detail.html", context, status=status)


@login_required
@require_GET
def consultation_detail_view(request: HttpRequest, consultation_id: int) -> HttpResponse:
    return _detail(request, access.access_consultation(request.user, consultation_id))


@login_required
@require_POST
def consultation_publish_view(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    version = positive_int(request.POST.get("expected_version"))
    try:
        consultation_publish(actor=request.user, consultation=consultation, expected_version=version)
    except DomainError as error:
        return _detail(request, consultation, 409 if error.status == 409 else 422, publish_error=str(error.message))
    return redirect("democracy:consultation_detail", consultation_id=consultation.pk)


@login_required
@require_POST
def opinion_record_view(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    form = OpinionRecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opinion_record(actor=request.user, consultation=consultation, **data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            return redirect("democracy:consultation_detail", consultation_id=consultation.pk)
    return _detail(request, consultation, 422, opinion_form=form)


@login_required
@require_POST
def consultation_decide_view(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = access.access_consultation(request.user, consultation_id, for_write=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            consultation_decide(actor=request.user, consultation=consultation, **form.cleaned_data)
        except DomainError as error:
            apply_errors(form, error)
        else:
            return redirect("democracy:consultation_detail", consultation_id=consultation.pk)
    return _detail(request, consultation, 422, decision_form=form)


def _draft_response(consultation: Consultation) -> HttpResponse:
    if consultation.draft is None:
        raise Http404
    attachment = consultation.draft
    return stream_response(attachment.file.open("rb"), attachment.content_type, attachment_download_name(attachment))  # type: ignore[return-value]


@login_required
@require_GET
def consultation_draft_view(request: HttpRequest, consultation_id: int) -> HttpResponse:
    return _draft_response(access.access_consultation(request.user, consultation_id))


# --- Citizens' pages ----------------------------------------------------------------------------------------------


@require_GET
def public_consultation_list(request: HttpRequest) -> HttpResponse:
    """Published consultations (open first), searchable without diacritics; never a draft."""
    q = (request.GET.get("q") or "").strip()[:200]
    consultations = public_consultations()
    if q:
        consultations = consultations.filter(matches_all_terms(q))
    page = ListPaginator(consultations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [public_consultation_out(c) for c in page]
    return render(
        request,
        "democracy/consultations/public_list.html",
        {"page": page, "rows": rows, "q": q, "query": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
def public_consultation_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = access.access_public_consultation(consultation_id)
    form = PublicOpinionForm(request.POST or None)
    sent = request.GET.get("sent") == "1"
    status = 200
    if request.method == "POST":
        check_request(request, "democracy.opinion", limit=OPINION_LIMIT, per_seconds=OPINION_WINDOW)
        if form.is_valid():
            try:
                opinion_submit_public(consultation=consultation, **form.cleaned_data)
            except DomainError as error:
                apply_errors(form, error, summary=True)
            else:
                return redirect(f"{request.path}?sent=1")
        status = 422
    return render(
        request,
        "democracy/consultations/public_detail.html",
        {
            "consultation": public_consultation_out(consultation),
            "channels": consultation.channels.order_by("sort_order"),
            "form": form,
            "sent": sent,
        },
        status=status,
    )


@require_GET
def public_consultation_draft(request: HttpRequest, consultation_id: int) -> HttpResponse:
    return _draft_response(access.access_public_consultation(consultation_id))
