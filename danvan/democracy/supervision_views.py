"""Officers' pages of the Fatherland Front's supervision programmes and social-criticism sessions: the list (with
its XLSX), a programme, planning and editing a supervision, recording its findings, cancelling it, sending its
recommendations to the tracker, and the DOCX plan and findings report."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import submission_key
from danvan.core.pagination import ListPaginator
from danvan.core.pickers import picker_response
from danvan.core.subtree import subtree_q
from danvan.core.xlsx import xlsx_response
from danvan.democracy import access, supervision_documents
from danvan.democracy import supervision_services as services
from danvan.democracy.models import Recommendation, Supervision, SupervisionStatus
from danvan.democracy.supervision_forms import (
    ProgrammeEditForm,
    ProgrammeForm,
    SupervisionCancelForm,
    SupervisionForm,
    SupervisionListForm,
    SupervisionRecommendationForm,
    SupervisionRecordForm,
)
from danvan.democracy.supervision_selectors import filter_supervisions, with_recommendation_counts
from danvan.democracy.view_kit import run_form

PAGE_SIZE = 25
EXPORT_MAX = 5_000


def _filtered(request: HttpRequest) -> tuple[SupervisionListForm, Any]:
    filters = SupervisionListForm(request.GET)
    supervisions = access.supervisions_visible_to(request.user)
    data = filters.cleaned_data if filters.is_valid() else {}
    supervisions = filter_supervisions(
        supervisions,
        year=data.get("year"),
        kind=data.get("kind") or None,
        status=data.get("status") or None,
        text=data.get("q") or "",
    )
    return filters, supervisions


@login_required
def supervision_list(request: HttpRequest) -> HttpResponse:
    """Supervisions and criticism sessions of the officer's units, latest first, with the programmes."""
    filters, supervisions = _filtered(request)
    page = ListPaginator(with_recommendation_counts(supervisions), PAGE_SIZE).get_page(request.GET.get("page"))
    programmes = (
        access.supervision_programmes_visible_to(request.user)
        .select_related("organization", "unit")
        .order_by("-year", "unit_path", "organization__kind__sort_order", "id")[:20]
    )
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and isinstance(v, str)})
    return render(
        request,
        "democracy/supervisions/list.html",
        {
            "filters": filters,
            "page": page,
            "programmes": programmes,
            "query": query,
            "can_create": access.supervising_organizations_for(request.user).exists(),
        },
    )


@login_required
def supervision_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as XLSX (at most 5.000 rows, latest first)."""
    _filters, supervisions = _filtered(request)
    rows = list(with_recommendation_counts(supervisions)[:EXPORT_MAX])
    filename = f"giam-sat-phan-bien-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(supervision_documents.supervisions_xlsx(rows), filename)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    """Open the yearly programme of a Front organization the officer keeps."""
    organizations = access.supervising_organizations_for(request.user)
    if not organizations.exists():
        raise Http404
    if request.method == "POST":
        form = ProgrammeForm(request.POST, organizations=organizations)
        if form.is_valid():
            data = form.cleaned_data
            try:
                organization = access.access_supervising_organization_for_write(request.user, data["organization"].pk)
                programme = services.programme_create(
                    actor=request.user,
                    organization=organization,
                    year=int(data["year"]),
                    title=data["title"],
                    adopted_on=data["adopted_on"],
                    note=data["note"],
                    submission_key=submission_key(request.user, data["submission_key"]),
                )
            except DomainError as error:
                apply_errors(form, error, field_names={"organization_id": "organization"})
            else:
                messages.success(request, _("Đã lập chương trình giám sát, phản biện xã hội."))
                return redirect("democracy:supervision_programme", programme_id=programme.pk)
    else:
        form = ProgrammeForm(
            organizations=organizations,
            initial={
                "submission_key": uuid.uuid4().hex,
                "organization": organizations.first(),
                "year": timezone.localdate().year,
            },
        )
        if (matches := picker_response(request, form)) is not None:
            return matches
    return render(request, "democracy/supervisions/programme_form.html", {"form": form})


def _programme(request: HttpRequest, programme: Any, edit_form: ProgrammeEditForm | None = None) -> HttpResponse:
    supervisions = with_recommendation_counts(
        programme.supervisions.select_related("supervised_org").order_by("starts_on", "id")
    )
    form = edit_form or ProgrammeEditForm(
        initial={
            "version": programme.version,
            "title": programme.title,
            "adopted_on": programme.adopted_on,
            "note": programme.note,
        }
    )
    return render(
        request,
        "democracy/supervisions/programme.html",
        {
            "programme": programme,
            "supervisions": supervisions,
            "edit_form": form,
            "can_write": access.can_keep_supervisions_at(request.user, programme.unit),
        },
        status=422 if edit_form is not None else 200,
    )


@login_required
def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    return _programme(request, access.access_supervision_programme(request.user, programme_id))


@login_required
@require_POST
def programme_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access.access_supervision_programme(request.user, programme_id, for_write=True)
    form = ProgrammeEditForm(request.POST)
    done = run_form(
        form,
        lambda data: services.programme_update(
            actor=request.user,
            programme=programme,
            expected_version=int(data["version"]),
            title=data["title"],
            adopted_on=data["adopted_on"],
            note=data["note"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã lưu chương trình."))
        return redirect("democracy:supervision_programme", programme_id=programme.pk)
    return _programme(request, programme, form)


def _supervision_form(request: HttpRequest, programme: Any, supervision: Supervision | None) -> HttpResponse:
    """Plan a supervision in ``programme`` (``supervision`` None) or change one's plan."""
    organizations = services.answering_organizations(programme.unit).exclude(pk=programme.organization_id)
    if request.method == "POST":
        form = SupervisionForm(request.POST, organizations=organizations)
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                "kind": data["kind"],
                "topic": data["topic"],
                "supervised_org": data["supervised_org"],
                "method": data["method"],
                "starts_on": data["starts_on"],
                "ends_on": data["ends_on"],
                "draft_title": data["draft_title"],
                "team_lead": data["team_lead"],
                "team": data["team"],
                "notice_on": data["notice_on"],
                "purpose": data["purpose"],
            }
            try:
                if supervision is None:
                    saved = services.supervision_plan(
                        actor=request.user,
                        programme=programme,
                        submission_key=submission_key(request.user, data["submission_key"]),
                        **fields,
                    )
                else:
                    saved = services.supervision_update(
                        actor=request.user,
                        supervision=supervision,
                        expected_version=int(data["version"]) if data.get("version") else None,
                        **fields,
                    )
            except DomainError as error:
                apply_errors(form, error, summary=True, field_names={"supervised_org_id": "supervised_org"})
            else:
                messages.success(request, _("Đã lưu kế hoạch."))
                return redirect("democracy:supervision_detail", supervision_id=saved.pk)
        status = 422
    else:
        if supervision is None:
            initial: dict[str, Any] = {"submission_key": uuid.uuid4().hex}
        else:
            initial = {
                name: getattr(supervision, name)
                for name in (
                    "kind",
                    "topic",
                    "supervised_org",
                    "method",
                    "starts_on",
                    "ends_on",
                    "draft_title",
                    "team_lead",
                    "team",
                    "notice_on",
                    "purpose",
                    "version",
                )
            }
        form = SupervisionForm(organizations=organizations, initial=initial)
        status = 200
    context = {"form": form, "programme": programme, "supervision": supervision}
    return render(request, "democracy/supervisions/form.html", context, status=status)


@login_required
def supervision_create(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = access.access_supervision_programme(request.user, programme_id, for_write=True)
    return _supervision_form(request, programme, None)


@login_required
def supervision_edit(request: HttpRequest, supervision_id: int) -> HttpResponse:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    if supervision.status != SupervisionStatus.PLANNED:
        messages.error(request, _("Chỉ sửa kế hoạch của cuộc giám sát, phản biện chưa thực hiện."))
        return redirect("democracy:supervision_detail", supervision_id=supervision.pk)
    return _supervision_form(request, supervision.programme, supervision)


def _detail(request: HttpRequest, supervision: Supervision, **forms_given: Any) -> HttpResponse:
    today = timezone.localdate()
    items = list(
        Recommendation.objects.for_event(supervision).select_related("addressee_org").order_by("raised_on", "id")
    )
    context = {
        "supervision": supervision,
        "programme": supervision.programme,
        "today": today,
        "can_write": access.can_keep_supervisions_at(request.user, supervision.unit),
        "items": items,
        "notice_days": services.notice_days_required(supervision.starts_on),
        "record_form": forms_given.get("record")
        or SupervisionRecordForm(
            initial={
                "version": supervision.version,
                "done_on": supervision.done_on or min(today, supervision.ends_on),
                "findings": supervision.findings,
                "conclusion": supervision.conclusion,
            }
        ),
        "cancel_form": forms_given.get("cancel") or SupervisionCancelForm(initial={"version": supervision.version}),
        "item_form": forms_given.get("item")
        or SupervisionRecommendationForm(initial={"submission_key": uuid.uuid4().hex}),
    }
    return render(request, "democracy/supervisions/detail.html", context, status=422 if forms_given else 200)


@login_required
def supervision_detail(request: HttpRequest, supervision_id: int) -> HttpResponse:
    return _detail(request, access.access_supervision(request.user, supervision_id))


@login_required
@require_POST
def supervision_record(request: HttpRequest, supervision_id: int) -> HttpResponse:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    form = SupervisionRecordForm(request.POST)
    done = run_form(
        form,
        lambda data: services.supervision_record(
            actor=request.user,
            supervision=supervision,
            expected_version=int(data["version"]),
            done_on=data["done_on"],
            findings=data["findings"],
            conclusion=data["conclusion"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi kết quả."))
        return redirect("democracy:supervision_detail", supervision_id=supervision.pk)
    return _detail(request, supervision, record=form)


@login_required
@require_POST
def supervision_cancel(request: HttpRequest, supervision_id: int) -> HttpResponse:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    form = SupervisionCancelForm(request.POST)
    done = run_form(
        form,
        lambda data: services.supervision_cancel(
            actor=request.user,
            supervision=supervision,
            expected_version=int(data["version"]),
            reason=data["reason"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã hủy."))
        return redirect("democracy:supervision_detail", supervision_id=supervision.pk)
    return _detail(request, supervision, cancel=form)


@login_required
@require_POST
def supervision_recommendation_create(request: HttpRequest, supervision_id: int) -> HttpResponse:
    supervision = access.access_supervision(request.user, supervision_id, for_write=True)
    form = SupervisionRecommendationForm(request.POST)
    done = run_form(
        form,
        lambda data: services.supervision_raise(
            actor=request.user,
            supervision=supervision,
            kind=data["kind"],
            field=data["field"],
            content=data["content"],
            raised_on=data["raised_on"],
            submission_key=submission_key(request.user, data["submission_key"]),
        ),
    )
    if done is not None:
        messages.success(request, _("Đã gửi kiến nghị vào sổ theo dõi."))
        return redirect("democracy:supervision_detail", supervision_id=supervision.pk)
    return _detail(request, supervision, item=form)


def _document(request: HttpRequest, supervision: Supervision, make: Any) -> HttpResponse:
    try:
        response: HttpResponse = make(supervision)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("democracy:supervision_detail", supervision.pk)
    return response


@login_required
def supervision_plan_docx(request: HttpRequest, supervision_id: int) -> HttpResponse:
    """The plan as DOCX (from the editable template)."""
    supervision = access.access_supervision(request.user, supervision_id)
    return _document(request, supervision, supervision_documents.plan_response)


@login_required
def supervision_report_docx(request: HttpRequest, supervision_id: int) -> HttpResponse:
    """The findings report of a supervision done, as DOCX (from the editable template)."""
    supervision = access.access_supervision(request.user, supervision_id)
    return _document(request, supervision, supervision_documents.report_response)


def card_counts(user: Any, unit: Any) -> dict[str, int]:
    """What the home card counts in ``unit``'s subtree this year: planned, done, recommendations open."""
    if unit is None:
        return {}
    year = timezone.localdate().year
    supervisions = access.supervisions_visible_to(user).filter(subtree_q(unit), programme__year=year)
    return {
        "planned": supervisions.filter(status=SupervisionStatus.PLANNED).count(),
        "done": supervisions.filter(status=SupervisionStatus.DONE).count(),
    }
