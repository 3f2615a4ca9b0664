"""Pages of periodic reports: the templates a unit sends and the dashboard of who has submitted, is late or was
returned; a unit's submission (narrative, entered figures, frozen figures and their diff, review comments, the
review actions); downloads (DOCX in the template's format, XLSX annex, PDF as a background job); the ranking."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.core.params import positive_int
from danvan.reporting import access, documents, ranking
from danvan.reporting import submission_services as services
from danvan.reporting.indicators import computed_codes
from danvan.reporting.models import RankingScheme, Submission
from danvan.reporting.submission_forms import (
    NarrativeForm,
    ReturnForm,
    SchemeForm,
    SendForm,
    TemplateForm,
    parse_criteria,
    parse_sections,
)


def _sending_units(user: Any) -> list[AdministrativeUnit]:
    """The current units where the officer may make templates (their own units, officer or above)."""
    scope = access.submission_writer_scope(user)
    if scope.is_empty:
        return []
    if scope.is_global:
        return list(AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=1))
    return list(AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, path__in=scope.paths))


def _unit_from(request: HttpRequest, units: list[AdministrativeUnit]) -> AdministrativeUnit:
    wanted = positive_int(request.POST.get("unit") or request.GET.get("unit"))
    for unit in units:
        if wanted is None or unit.pk == wanted:
            return unit
    raise Http404


@login_required
def submission_home(request: HttpRequest) -> HttpResponse:
    """My units' submissions to fill in, and the templates of my units (to send and follow)."""
    units = _sending_units(request.user)
    form = TemplateForm()
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            unit = _unit_from(request, units)
            try:
                template = services.template_create(
                    actor=request.user,
                    unit=unit,
                    name=form.cleaned_data["name"],
                    period_kind=form.cleaned_data["period_kind"],
                    doc_format=form.cleaned_data["doc_format"],
                    issuer_name=form.cleaned_data["issuer_name"],
                    report_type=form.cleaned_data["report_type"],
                    sections=parse_sections(form.cleaned_data["sections"]),
                )
            except DomainError as error:
                apply_errors(form, error, summary=True)
            else:
                messages.success(request, _("Đã tạo mẫu báo cáo."))
                return redirect("reporting:submission_template", template.pk)
    own = access.submission_writer_scope(request.user)
    mine = (
        Submission.objects.filter(own.q("unit_path"))
        .select_related("unit", "template")
        .order_by("-period_end", "pk")[:100]
        if not own.is_empty and not own.is_global
        else Submission.objects.none()
    )
    templates = access.templates_visible_to(request.user).select_related("owner_unit")[:100]
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "reporting/submissions/home.html",
        {"form": form, "units": units, "mine": mine, "templates": templates},
        status=status,
    )


@login_required
def submission_template(request: HttpRequest, template_id: int) -> HttpResponse:
    """A template: send it for a period, and the dashboard of that period."""
    template = access.access_template(request.user, template_id)
    can_send = access.submission_can_send(request.user, template.owner_unit)
    period = (request.GET.get("period") or "").strip().upper()
    form = SendForm(initial={"period": period or "2026-H1"})
    if request.method == "POST":
        if not can_send:
            raise Http404
        form = SendForm(request.POST)
        if form.is_valid():
            try:
                result = services.template_send(
                    actor=request.user,
                    template=template,
                    period_code=form.cleaned_data["period"],
                    due_on=form.cleaned_data["due_on"],
                )
            except DomainError as error:
                apply_errors(form, error, summary=True)
            else:
                messages.success(request, _("Đã gửi cho %(count)s đơn vị.") % {"count": result.created})
                url = reverse("reporting:submission_template", args=[template.pk])
                return redirect(f"{url}?period={form.cleaned_data['period'].strip().upper()}")
    board = report_period = None
    if period:
        try:
            report_period = services.template_period(template, period)
            board = services.dashboard(template, period, viewer=request.user)
        except DomainError as error:
            messages.error(request, str(error.message))
    context = {
        "template": template,
        "form": form,
        "can_send": can_send,
        "can_read_unit": access.template_unit_readable(request.user, template),
        "period": period,
        "report_period": report_period,
        "board": board,
    }
    return render(
        request,
        "reporting/submissions/template.html",
        context,
        status=422 if request.method == "POST" else 200,
    )


@login_required
def submission_template_document(request: HttpRequest, template_id: int, fmt: str) -> HttpResponse:
    """The sending unit's report for a period (DOCX or the XLSX annex of every unit); PDF starts a job."""
    template = access.access_template(request.user, template_id)
    if not access.template_unit_readable(request.user, template):
        raise Http404  # a unit that only received the template does not read the sending unit's figures
    try:
        period = services.template_period(template, request.GET.get("period") or "")
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("reporting:submission_template", template.pk)
    code = period.code
    unit = template.owner_unit
    if fmt == "pdf":
        job = documents.pdf_job(owner=request.user, unit=unit, period=period, template=template, period_code=code)
        return redirect("jobs:detail", job.pk)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    doc_format = request.GET.get("format") if fmt == "docx" else None
    content = documents.render(unit, period, template, fmt, doc_format=doc_format)
    suffix = f"-{doc_format}" if doc_format in documents.DOCX_TEMPLATES else ""
    return _download(content, fmt, documents.file_name(unit, fmt, code + suffix))


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=documents.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _submission_context(request: HttpRequest, submission: Submission, **extra: Any) -> dict[str, Any]:
    entered_codes = [code for code in submission.template.indicator_codes if code not in computed_codes()]
    narrative_form = extra.pop("narrative_form", None) or NarrativeForm(
        initial={
            **(submission.narrative or {}),
            **{f"entered__{code}": value for code, value in (submission.entered or {}).items()},
        },
        entered_codes=entered_codes,
    )
    return {
        "submission": submission,
        "can_write": access.submission_can_write(request.user, submission) and submission.is_editable,
        "can_review": access.submission_can_review(request.user, submission),
        "narrative_form": narrative_form,
        "return_form": extra.pop("return_form", None) or ReturnForm(),
        "comments": submission.comments.select_related("author"),
        "figures": [
            (code, documents.show(submission.figures.get(code)))
            for code in submission.template.indicator_codes
            if code in computed_codes() or code in submission.figures
        ],
        "diff": [(c.code, documents.show(c.frozen), documents.show(c.now)) for c in services.figure_diff(submission)],
        "confirmed": [
            (code, documents.show(row.get("value")), documents.show(row.get("computed")), row.get("note", ""))
            for code, row in ((submission.narrative or {}).get(services.CONFIRMED) or {}).items()
            if isinstance(row, dict)
        ],
        **extra,
    }


@login_required
def submission_detail(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = access.access_submission(request.user, submission_id)
    return render(request, "reporting/submissions/detail.html", _submission_context(request, submission))


@login_required
@require_POST
def submission_save(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Save (``action=save``) or submit (``action=submit``) the narrative and entered figures."""
    submission = access.access_submission(request.user, submission_id, need="write")
    entered_codes = [code for code in submission.template.indicator_codes if code not in computed_codes()]
    form = NarrativeForm(request.POST, entered_codes=entered_codes)
    if form.is_valid():
        handler = services.submission_submit if request.POST.get("action") == "submit" else services.submission_update
        confirm, note = form.confirmation()
        try:
            handler(
                actor=request.user,
                submission=submission,
                version=positive_int(request.POST.get("version")),
                narrative=form.narrative(),
                entered=form.entered(),
                confirm=confirm,
                note=note,
            )
        except DomainError as error:
            if error.code in ("locked", "not_editable", "stale"):
                messages.error(request, str(error.message))
                return redirect("reporting:submission_detail", submission.pk)
            names = {code: f"entered__{code}" for code in entered_codes}
            apply_errors(form, error, field_names=names, summary=True)
        else:
            messages.success(request, _("Đã nộp báo cáo.") if handler is services.submission_submit else _("Đã lưu."))
            return redirect("reporting:submission_detail", submission.pk)
    submission.refresh_from_db()
    context = _submission_context(request, submission, narrative_form=form)
    return render(request, "reporting/submissions/detail.html", context, status=422)


@login_required
@require_POST
def submission_review(request: HttpRequest, submission_id: int, action: str) -> HttpResponse:
    """Return with a comment, approve, or lock."""
    submission = access.access_submission(request.user, submission_id, need="review")
    version = positive_int(request.POST.get("version"))
    try:
        if action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                context = _submission_context(request, submission, return_form=form)
                return render(request, "reporting/submissions/detail.html", context, status=422)
            services.submission_return(
                actor=request.user, submission=submission, version=version, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Đã trả lại báo cáo."))
        elif action == "approve":
            services.submission_approve(actor=request.user, submission=submission, version=version)
            messages.success(request, _("Đã duyệt báo cáo."))
        elif action == "lock":
            services.submission_lock(actor=request.user, submission=submission, version=version)
            messages.success(request, _("Đã khoá báo cáo."))
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("reporting:submission_detail", submission.pk)


@login_required
def submission_document(request: HttpRequest, submission_id: int, fmt: str) -> HttpResponse:
    submission = access.access_submission(request.user, submission_id)
    if fmt == "pdf":
        job = documents.pdf_job(
            owner=request.user,
            unit=submission.unit,
            period=services.submission_period(submission),
            template=submission.template,
            period_code=submission.period_code,
        )
        return redirect("jobs:detail", job.pk)
    if fmt not in ("docx", "xlsx"):
        raise Http404
    return _download(documents.render_submission(submission, fmt), fmt, documents.file_name(submission, fmt))


# --- Ranking ------------------------------------------------------------------------------------------------------


@login_required
def submission_rankings(request: HttpRequest) -> HttpResponse:
    leader = access.submission_reviewer_scope(request.user)
    units = [unit for unit in _sending_units(request.user) if leader.covers(unit.path)]
    form = SchemeForm()
    if request.method == "POST":
        form = SchemeForm(request.POST)
        if form.is_valid():
            unit = _unit_from(request, units)
            try:
                scheme = ranking.scheme_create(
                    actor=request.user,
                    unit=unit,
                    year=form.cleaned_data["year"],
                    name=form.cleaned_data["name"],
                    criteria=parse_criteria(form.cleaned_data["criteria"]),
                    basis=form.cleaned_data["basis"],
                )
            except DomainError as error:
                apply_errors(form, error, summary=True)
            else:
                return redirect("reporting:submission_ranking", scheme.pk)
    viewer = access.submission_viewer_scope(request.user)
    schemes = (
        RankingScheme.objects.filter(viewer.q("unit_path")).select_related("unit")[:100]
        if not viewer.is_empty
        else RankingScheme.objects.none()
    )
    return render(
        request,
        "reporting/submissions/rankings.html",
        {"form": form, "units": units, "schemes": schemes},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def submission_ranking(request: HttpRequest, scheme_id: int) -> HttpResponse:
    scheme = access.access_scheme(request.user, scheme_id)
    can_manage = access.ranking_can_manage(request.user, scheme.unit)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        ranking.rank_units(actor=request.user, scheme=scheme)
        messages.success(request, _("Đã xếp hạng."))
        return redirect("reporting:submission_ranking", scheme.pk)
    return render(
        request,
        "reporting/submissions/ranking.html",
        {
            "scheme": scheme,
            "criteria": scheme.criteria.all(),
            "results": scheme.results.select_related("unit"),
            "can_manage": can_manage,
        },
    )
