"""Back-office pages of the feedback channel: the inbox of the officer's units (service-level colours, filters,
folded search) and a report's page (the citizen's contact as the officer may see it, the whole timeline, likely
duplicates, and every triage action as a form). A refused action re-renders the page with the form as typed and
its errors beside the fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import Officer
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.models import Organization
from danvan.core.pagination import ListPaginator
from danvan.feedback import access, moderation, triage
from danvan.feedback.duplicates import duplicate_suggestions
from danvan.feedback.intake import current_commune
from danvan.feedback.models import Category, Moderation, Report, ReportPhoto
from danvan.feedback.officer_forms import (
    AnswerForm,
    AssignForm,
    HideForm,
    InboxFilterForm,
    MergeForm,
    ModerateForm,
    RefuseForm,
    TextForm,
    TransferForm,
    VersionForm,
)
from danvan.feedback.personal_data import citizen_contact, find_personal_data

INBOX_PAGE_SIZE = 50


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The reports of the officer's units, open ones first by deadline."""
    visible = access.reports_visible_to(request.user)
    organizations = Organization.objects.filter(
        pk__in=visible.exclude(organization__isnull=True).values("organization_id")
    ).order_by("name")
    assignees = Officer.objects.filter(pk__in=visible.exclude(assignee__isnull=True).values("assignee_id")).order_by(
        "full_name"
    )
    form = InboxFilterForm(request.GET or None, organizations=organizations, assignees=assignees)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    today = timezone.localdate()
    soon = triage.due_soon_limit(today)
    category = data.get("category")
    reports = triage.inbox_reports(
        request.user,
        q=data.get("q") or "",
        state=data.get("state") or "",
        category=category.code if isinstance(category, Category) else "",
        organization_id=data.get("organization"),
        assignee=data.get("assignee") or "",
        service=data.get("service") or "",
        today=today,
    )
    page = ListPaginator(reports, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(report, triage.service_level(report, today, soon)) for report in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/officer/inbox.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "today": today,
            "counts": triage.service_level_counts(request.user, today, soon),
        },
        status=200 if not form.is_bound or form.is_valid() else 422,
    )


def _forms(request: HttpRequest, report: Report, given: dict[str, Any]) -> dict[str, Any]:
    """The action forms the officer may use on the report (a refused one as it was typed)."""
    initial = {"version": report.version}
    user = request.user
    found: dict[str, Any] = {}
    if access.can_triage(user, report):
        others = Organization.objects.filter(unit=report.unit, is_active=True).exclude(pk=report.organization_id or 0)
        found.update(
            accept_form=VersionForm(initial=initial),
            refuse_form=RefuseForm(initial=initial),
            merge_form=MergeForm(initial=initial),
            transfer_form=TransferForm(initial=initial, organizations=others),
            info_form=TextForm(initial=initial),
            note_form=TextForm(initial=initial),
            close_form=VersionForm(initial=initial),
            hide_form=HideForm(initial=initial),
            moderate_form=ModerateForm(initial={**initial, "field": "description", "replacement": report.description}),
        )
    if access.can_assign(user, report):
        found["assign_form"] = AssignForm(initial=initial, candidates=access.assignee_candidates(report))
    if access.can_answer(user, report):
        found["answer_form"] = AnswerForm(initial=initial)
    found.update(given)
    # Many forms on one page: each its own element ids ("refuse-reason", "hide-reason"), never "id_reason" twice.
    for key, form in found.items():
        form.auto_id = f"{key.removesuffix('_form')}-%s"
    return found


def _detail(request: HttpRequest, report: Report, *, status: int = 200, **given: Any) -> HttpResponse:
    today = timezone.localdate()
    can_triage = access.can_triage(request.user, report)
    context = {
        "report": report,
        "level": triage.service_level(report, today, triage.due_soon_limit(today)),
        "contact": citizen_contact(request.user, report),
        # Checked on every view too: a report filed before the check, or an answer edited elsewhere.
        "personal_data_found": report.has_personal_data_flag
        or bool(find_personal_data(report.description) or find_personal_data(report.answer_text)),
        "events": report.events.select_related("from_unit", "to_unit", "actor").order_by("at", "id"),
        "photos": ReportPhoto.objects.filter(report=report).select_related("attachment"),
        "moderations": [
            (item, moderation.FIELD_LABELS.get(item.field, item.field))
            for item in Moderation.objects.filter(report=report).select_related("actor", "reverted_by")
        ],
        "merged_reports": Report.objects.filter(merged_into=report).only("id", "code"),
        "suggestions": duplicate_suggestions(report) if can_triage else [],
        "can_triage": can_triage,
        "can_answer": access.can_answer(request.user, report),
        "can_assign": access.can_assign(request.user, report),
        **_forms(request, report, given),
    }
    return render(request, "feedback/officer/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    return _detail(request, access.access_report(request.user, report_id))


def _act(
    request: HttpRequest,
    report_id: int,
    form_class: Callable[..., Any],
    name: str,
    call: Callable[[Report, dict[str, Any]], Any],
    done: str,
    **form_kwargs: Any,
) -> HttpResponse:
    report = access.access_report(request.user, report_id)
    form = form_class(request.POST, request.FILES, **form_kwargs)
    status = 422
    if form.is_valid():
        try:
            call(report, form.cleaned_data)
        except DomainError as error:
            apply_errors(form, error, summary=True)
            status = error.status if error.status in (403, 409) else 422
        else:
            messages.success(request, done)
            return redirect("feedback_officer:detail", report_id=report.pk)
    return _detail(request, access.access_report(request.user, report_id), status=status, **{name: form})


def _version(data: dict[str, Any]) -> int | None:
    return data.get("version")


@login_required
@require_POST
def accept(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        VersionForm,
        "accept_form",
        lambda r, d: triage.report_accept(actor=request.user, report=r, expected_version=_version(d)),
        _("Đã tiếp nhận xử lý phản ánh."),
    )


@login_required
@require_POST
def refuse(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        RefuseForm,
        "refuse_form",
        lambda r, d: triage.report_refuse(
            actor=request.user, report=r, reason=d["reason"], text=d["text"], expected_version=_version(d)
        ),
        _("Đã ghi không tiếp nhận phản ánh."),
    )


def _merge(request: HttpRequest, report: Report, data: dict[str, Any]) -> Any:
    into = triage.report_by_code(data["into"])
    if into is None or not access.sees_unit(request.user, into.unit):
        raise triage.invalid("unknown_report", _("Không tìm thấy phản ánh có mã này."), "into")
    return triage.report_merge(actor=request.user, report=report, into=into, expected_version=_version(data))


@login_required
@require_POST
def merge(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        MergeForm,
        "merge_form",
        lambda r, d: _merge(request, r, d),
        _("Đã gộp phản ánh."),
    )


def _transfer(request: HttpRequest, report: Report, data: dict[str, Any]) -> Any:
    to_unit = None
    to_organization = None
    if data.get("to_unit"):
        to_unit = current_commune(data["to_unit"])
        if to_unit is None:
            raise triage.invalid("unknown_unit", _("Không tìm thấy xã, phường có mã này."), "to_unit")
    if data.get("to_organization"):
        to_organization = Organization.objects.filter(pk=data["to_organization"]).first()
        if to_organization is None:
            raise triage.invalid("unknown_organization", _("Không tìm thấy cơ quan đã chọn."), "to_organization")
    return triage.report_transfer(
        actor=request.user,
        report=report,
        to_unit=to_unit,
        to_organization=to_organization,
        note=data.get("note") or "",
        expected_version=_version(data),
    )


@login_required
@require_POST
def transfer(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.access_report(request.user, report_id)
    others = Organization.objects.filter(unit=report.unit, is_active=True).exclude(pk=report.organization_id or 0)
    return _act(
        request,
        report_id,
        TransferForm,
        "transfer_form",
        lambda r, d: _transfer(request, r, d),
        _("Đã chuyển phản ánh."),
        organizations=others,
    )


def _assign(request: HttpRequest, report: Report, data: dict[str, Any]) -> Any:
    assignee = access.assignee_candidates(report).filter(pk=data["assignee"]).first()
    if assignee is None:
        raise triage.invalid("invalid_assignee", _("Cán bộ được giao phải là cán bộ của xã, phường này."), "assignee")
    return triage.report_assign(actor=request.user, report=report, assignee=assignee, expected_version=_version(data))


@login_required
@require_POST
def assign(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.access_report(request.user, report_id)
    return _act(
        request,
        report_id,
        AssignForm,
        "assign_form",
        lambda r, d: _assign(request, r, d),
        _("Đã giao cán bộ xử lý."),
        candidates=access.assignee_candidates(report),
    )


@login_required
@require_POST
def request_info(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        TextForm,
        "info_form",
        lambda r, d: triage.report_request_info(
            actor=request.user, report=r, text=d["text"], expected_version=_version(d)
        ),
        _("Đã gửi đề nghị bổ sung thông tin."),
    )


@login_required
@require_POST
def answer(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        AnswerForm,
        "answer_form",
        lambda r, d: triage.report_answer(
            actor=request.user, report=r, text=d["text"], photos=d.get("photos") or (), expected_version=_version(d)
        ),
        _("Đã phát hành câu trả lời."),
    )


@login_required
@require_POST
def note(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        TextForm,
        "note_form",
        lambda r, d: triage.report_note(actor=request.user, report=r, text=d["text"]),
        _("Đã ghi chú."),
    )


@login_required
@require_POST
def close(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        VersionForm,
        "close_form",
        lambda r, d: triage.report_close(actor=request.user, report=r, expected_version=_version(d)),
        _("Đã hoàn thành phản ánh."),
    )


@login_required
@require_POST
def hide(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        HideForm,
        "hide_form",
        lambda r, d: triage.report_hide(actor=request.user, report=r, reason=d["reason"], expected_version=_version(d)),
        _("Đã ẩn phản ánh khỏi trang công khai."),
    )


@login_required
@require_POST
def show(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        VersionForm,
        "show_form",
        lambda r, d: triage.report_show(actor=request.user, report=r, expected_version=_version(d)),
        _("Đã hiện lại phản ánh trên trang công khai."),
    )


@login_required
@require_POST
def moderate(request: HttpRequest, report_id: int) -> HttpResponse:
    return _act(
        request,
        report_id,
        ModerateForm,
        "moderate_form",
        lambda r, d: moderation.report_moderate(
            actor=request.user,
            report=r,
            field=d["field"],
            replacement=d.get("replacement") or "",
            reason=d["reason"],
            photo=d.get("photo"),
            expected_version=_version(d),
        ),
        _("Đã biên tập nội dung; bản gốc được lưu để hoàn tác."),
    )


@login_required
@require_POST
def moderation_revert(request: HttpRequest, report_id: int, moderation_id: int) -> HttpResponse:
    report = access.access_report(request.user, report_id)
    item = Moderation.objects.filter(pk=moderation_id, report=report).first()
    if item is None:
        from django.http import Http404

        raise Http404
    try:
        moderation.moderation_revert(actor=request.user, moderation=item)
    except DomainError as error:
        messages.error(request, str(error.message))
        return _detail(request, report, status=error.status if error.status in (403, 409) else 422)
    messages.success(request, _("Đã hoàn tác biên tập."))
    return redirect("feedback_officer:detail", report_id=report.pk)


@login_required
def photo(request: HttpRequest, report_id: int, photo_id: int) -> HttpResponseBase:
    """A photo of the report for the officer (hidden ones too: moderation shows what it hid)."""
    from django.http import Http404

    from danvan.core.storage import stored_file_response

    report = access.access_report(request.user, report_id)
    item = ReportPhoto.objects.filter(report=report, pk=photo_id).select_related("attachment").first()
    if item is None:
        raise Http404
    try:
        response = stored_file_response(item.attachment.file, content_type=item.attachment.content_type)
    except FileNotFoundError as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    return response
