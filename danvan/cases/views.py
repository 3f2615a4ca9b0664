"""Back-office pages of the case engine: list, intake with duplicate suggestions, detail with each workflow step,
the denouncer vault (audited reads).

Views parse, fetch through ``access``, call one service and redirect; a refusal (``DomainError``) is shown with
the form that caused it, a stale version (``ConflictError``) with the fresh page.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.access import active_memberships
from danvan.cases import access, duplicates, filters, notices, selectors, services, vault
from danvan.cases.forms import (
    SUBMISSION_KEY,
    AssignForm,
    CaseFilterForm,
    CaseIntakeForm,
    SecondComplaintForm,
    StepForm,
    UploadForm,
    add_domain_error,
    denouncer_rows_in,
    intake_probe,
    new_submission_key,
    rows_in,
)
from danvan.cases.models import Case, CaseKind, Channel, Denouncer, DenouncerScan
from danvan.cases.personal_data import shown_people
from danvan.cases.workflow import SECOND_COMPLAINT_SOURCES, TRANSITIONS, Step, steps_for
from danvan.core.audit import audit_log
from danvan.core.errors import ConflictError, DomainError
from danvan.core.idempotency import submission_key
from danvan.core.models import AdministrativeUnit, Attachment, UnitLevel, UnitTree
from danvan.core.pagination import SortedPaginator
from danvan.core.selectors import units_search
from danvan.core.uploads import limit_upload_size

PAGE_SIZE = 25
CASE_FLAGS = (
    ("is_complex", gettext_lazy("Vụ việc phức tạp")),
    ("is_multi_party", gettext_lazy("Đông người")),
    ("is_protracted", gettext_lazy("Kéo dài")),
    ("is_remote_area", gettext_lazy("Vùng sâu, vùng xa")),
    ("is_multi_place", gettext_lazy("Xác minh ở nhiều nơi")),
    ("is_late_filing", gettext_lazy("Quá thời hiệu")),
    ("is_anonymous", gettext_lazy("Nặc danh, mạo danh")),
    ("handled_as_management", gettext_lazy("Xem xét theo chức năng quản lý")),
)


# --- Helpers -------------------------------------------------------------------------------------------------


def _receiving_units(user: Any) -> QuerySet[AdministrativeUnit]:
    """Units where the officer holds the officer role or above (where they may receive petitions)."""
    ids = access.receiving_unit_ids(user)
    return AdministrativeUnit.objects.filter(pk__in=ids, tree=UnitTree.CURRENT).order_by("level", "name")


def _member_units(user: Any) -> list[AdministrativeUnit]:
    return list({m.unit_id: m.unit for m in active_memberships(user)}.values())


def _back(case: Case) -> HttpResponse:
    return redirect("cases:detail", pk=case.pk)


def _show(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, str(error.message))


# --- List ----------------------------------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    if params.get("mine"):
        params["assignee"] = str(request.user.pk)
    cases = filters.visible_filtered(request.user, params).select_related("unit", "assignee")
    page = SortedPaginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    form = CaseFilterForm(request.GET or None, units=_member_units(request.user))
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_receive": bool(access.receiving_unit_ids(request.user)),
    }
    return render(request, "cases/list.html", context)


# --- Intake --------------------------------------------------------------------------------------------------


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    units = _receiving_units(request.user)
    default_unit = units.first()
    if default_unit is None:
        raise Http404
    elsewhere: dict[str, list[str]] = {}
    late_filing = False
    saved: Case | None = None
    if request.method != "POST":
        # The submission key lives in the page's address, so that Back (or a reload) brings the same key and a
        # second submission returns the case the first one made instead of making another.
        key = str(request.GET.get("key") or "").strip().lower()
        if not SUBMISSION_KEY.match(key):
            query = request.GET.copy()
            query["key"] = new_submission_key()
            return redirect(f"{request.path}?{query.urlencode()}")
        saved = selectors.case_submitted(request.user, submission_key(request.user, key))
        initial = {
            "unit": default_unit,
            "received_on": timezone.localdate(),
            "submission_key": key,
            "channel": Channel.IN_PERSON,
            "complaint_round": 1,
        }
        form = CaseIntakeForm(initial=initial, units=units)
    elif request.POST.get("more_rows") or request.POST.get("more_denouncers"):
        # More petitioner or denouncer rows: the same form again, nothing checked yet.
        form = CaseIntakeForm(
            initial=request.POST.dict(),
            units=units,
            rows=rows_in(request.POST, more=bool(request.POST.get("more_rows"))),
            denouncer_rows=denouncer_rows_in(request.POST, more=bool(request.POST.get("more_denouncers"))),
        )
    else:
        form = CaseIntakeForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.case_receive(
                    actor=request.user,
                    unit=data["unit"],
                    kind=data["kind"],
                    channel=data["channel"],
                    field=data["field"],
                    title=data["title"],
                    summary=data["summary"],
                    received_on=data["received_on"],
                    people=form.people(),
                    persons_count=data["persons_count"],
                    denouncer=form.denouncer(),
                    is_anonymous=data["is_anonymous"],
                    complaint_round=data["complaint_round"] or None,
                    is_discipline=data["is_discipline"],
                    subject_party=data["subject_party"],
                    event_known_on=data["event_known_on"],
                    late_filing_reason=data["late_filing_reason"],
                    is_remote_area=data["is_remote_area"],
                    is_multi_place=data["is_multi_place"],
                    submission_key=submission_key(request.user, data["submission_key"]),
                )
            except DomainError as error:
                elsewhere = add_domain_error(form, error)
                late_filing = error.code == "late_filing"
            else:
                messages.success(request, _("Đã tiếp nhận đơn, mã hồ sơ %(code)s.") % {"code": case.code})
                return redirect("cases:detail", pk=case.pk)
    context = {
        "form": form,
        "saved": saved,
        "late_filing": late_filing or bool(form["late_filing_reason"].value()),
        "people_errors": elsewhere.get("people", []),
        "denouncer_errors": elsewhere.get("denouncer", []),
    }
    return render(request, "cases/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def duplicates_panel(request: HttpRequest) -> HttpResponse:
    """htmx fragment of the intake form: likely duplicates of what is typed so far, in the officer's scope."""
    probe = intake_probe(request.POST if request.method == "POST" else request.GET)
    suggestions = []
    if probe is not None:
        suggestions = duplicates.suggest(probe, scope=access.duplicate_probe_scope(request.user), viewer=request.user)
    return render(request, "cases/_duplicates.html", {"suggestions": suggestions, "probed": probe is not None})


@login_required
def unit_options(request: HttpRequest) -> HttpResponse:
    """htmx fragment: <option>s of current provinces and communes matching what is typed (transfer target)."""
    q = (request.GET.get("q") or request.GET.get("target_unit") or "").strip()[:100]
    units: list[AdministrativeUnit] = []
    if len(q) >= 2:
        matches = units_search(q=q, tree=UnitTree.CURRENT).filter(level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE])
        units = list(matches[:15])
    return render(request, "cases/_unit_options.html", {"units": units})


# --- Detail and steps ----------------------------------------------------------------------------------------


def _relevant(case: Case, step: Step) -> bool:
    """Hide the steps the case's classification already rules out (the service refuses them anyway)."""
    if step.action == "accept":
        return not case.is_anonymous and bool(case.is_eligible) and bool(case.in_jurisdiction)
    if step.action == "review":
        return case.is_anonymous
    if step.action == "transfer":
        return case.in_jurisdiction is not True
    return True


def _notice_links(user: Any, case: Case) -> list[tuple[str, str]]:
    """The notices this officer may make for the case now (see ``notices.available_notices``)."""
    return [
        (title, reverse("case_notices:download", kwargs={"pk": case.pk, "kind": slug}))
        for slug, title in notices.available_notices(user, case)
    ]


def _history(case: Case) -> list[tuple[Any, str]]:
    rows = []
    for transition in selectors.case_history(case):
        step = TRANSITIONS.get(transition.action)
        rows.append((transition, str(step.label) if step else _("Tiếp nhận đơn")))
    return rows


def _links(user: Any, case: Case) -> list[dict[str, Any]]:
    links = selectors.case_links(case)
    others = [link.other if link.case_id == case.pk else link.case for link in links]
    visible = set(access.cases_visible_to(user).filter(pk__in=[o.pk for o in others]).values_list("pk", flat=True))
    return [
        {"link": link, "other": other, "visible": other.pk in visible, "outgoing": link.case_id == case.pk}
        for link, other in zip(links, others, strict=True)
    ]


def _detail_context(
    request: HttpRequest, case: Case, *, bound: StepForm | None = None, second_form: SecondComplaintForm | None = None
) -> dict[str, Any]:
    user = request.user
    steps = [s for s in steps_for(case.status, case.kind) if access.can_take(user, case, s) and _relevant(case, s)]
    step_forms = [
        (step, bound if bound is not None and bound.step.action == step.action else StepForm(case=case, step=step))
        for step in steps
    ]
    is_officer = access.can_work_on(user, case)
    receiving = _receiving_units(user)
    can_open_second = (
        case.kind == CaseKind.COMPLAINT
        and case.complaint_round == 1
        and case.status in SECOND_COMPLAINT_SOURCES
        and receiving.exists()
    )
    is_denunciation = case.kind == CaseKind.DENUNCIATION
    suggestions = selectors.duplicate_suggestions(user, case) if case.is_open else []
    return {
        "case": case,
        "people": shown_people(user, case, case.people.all(), where="case_page") if not is_denunciation else [],
        "flags": [label for name, label in CASE_FLAGS if getattr(case, name)],
        "criteria": list(case.complexity_criteria.all()),
        "step_forms": step_forms,
        "open_action": bound.step.action if bound is not None else "",
        "assign_form": AssignForm(officers=access.handler_candidates(case), initial={"version": case.version})
        if access.can_assign(user, case)
        else None,
        "second_form": second_form
        or SecondComplaintForm(
            units=receiving,
            initial={"received_on": timezone.localdate(), "submission_key": new_submission_key()},
        )
        if can_open_second
        else None,
        "upload_form": UploadForm() if is_officer else None,
        "attachments": list(
            Attachment.objects.filter(object_type=services.CASE_OBJECT_TYPE, object_id=str(case.pk)).order_by(
                "uploaded_at"
            )
        ),
        "history": _history(case),
        "links": _links(user, case),
        "suggestions": suggestions,
        "can_link": is_officer,
        # Suggestions from a unit the case came through may be cases the officer cannot open (another unit's):
        # shown as text, without a link to them and without the buttons ``selectors.duplicate_target`` refuses.
        "openable": {s.case.pk for s in suggestions if access.can_open_case(user, s.case)},
        "is_denunciation": is_denunciation,
        "can_read_denouncer": is_denunciation and access.can_read_denouncer(user, case),
        "has_denouncer": is_denunciation and Denouncer.objects.filter(case=case).exists(),
        "notices": _notice_links(user, case),
    }


def _render_detail(request: HttpRequest, case: Case, *, status: int = 200, **kwargs: Any) -> HttpResponse:
    return render(request, "cases/detail.html", _detail_context(request, case, **kwargs), status=status)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, access.access_case(request.user, pk))


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = access.access_case(request.user, pk)
    step = TRANSITIONS.get(action)
    if step is None:
        raise Http404
    form = StepForm(request.POST, case=case, step=step)
    if not form.is_valid():
        messages.error(request, _("Hãy kiểm tra lại các ô được đánh dấu."))
        return _render_detail(request, case, bound=form, status=400)
    try:
        services.case_transition(
            actor=request.user,
            case=case,
            action=action,
            data=form.to_input(),
            expected_version=form.cleaned_data["version"],
        )
    except ConflictError as error:
        # Someone else moved the case first: show what it is now, with fresh forms.
        _show(request, error)
        return _render_detail(request, access.access_case(request.user, pk), status=409)
    except DomainError as error:
        _show(request, error)
        add_domain_error(form, error)
        return _render_detail(request, case, bound=form, status=error.status)
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": step.label})
    return _back(case)


@login_required
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.access_case(request.user, pk)
    form = AssignForm(request.POST, officers=access.handler_candidates(case))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn cán bộ xử lý thuộc đơn vị."))
        return _back(case)
    try:
        services.case_assign(
            actor=request.user,
            case=case,
            assignee=form.cleaned_data["assignee"],
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as error:
        _show(request, error)
    else:
        messages.success(request, _("Đã phân công %(name)s xử lý.") % {"name": form.cleaned_data["assignee"]})
    return _back(case)


@login_required
@require_POST
def second_complaint(request: HttpRequest, pk: int) -> HttpResponse:
    first = access.access_case(request.user, pk)
    form = SecondComplaintForm(request.POST, units=_receiving_units(request.user))
    if not form.is_valid():
        messages.error(request, _("Hãy kiểm tra lại các ô được đánh dấu."))
        return _render_detail(request, first, second_form=form, status=400)
    data = form.cleaned_data
    try:
        second = services.case_open_second_complaint(
            actor=request.user,
            first=first,
            unit=data["unit"],
            received_on=data["received_on"],
            summary=data["summary"],
            decision_received_on=data["decision_received_on"],
            late_filing_reason=data["late_filing_reason"],
            submission_key=submission_key(request.user, data["submission_key"]),
        )
    except DomainError as error:
        _show(request, error)
        add_domain_error(form, error)
        return _render_detail(request, first, second_form=form, status=error.status)
    messages.success(request, _("Đã tiếp nhận khiếu nại lần hai, mã hồ sơ %(code)s.") % {"code": second.code})
    return redirect("cases:detail", pk=second.pk)


@login_required
@require_POST
@limit_upload_size
def case_attach(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.access_case(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp cần đính kèm."))
        return _back(case)
    try:
        attachment = services.case_attach(actor=request.user, case=case, upload=form.cleaned_data["file"])
    except DomainError as error:
        _show(request, error)
    else:
        messages.success(request, _("Đã đính kèm %(name)s.") % {"name": attachment.original_name})
    return _back(case)


def _duplicate_target(request: HttpRequest, case: Case, other_id: int) -> Case | None:
    """The other case of a link or dismissal (``selectors.duplicate_target``); a case the officer cannot open is
    the 404 of a missing one, another refusal a message on the case page (``None``)."""
    try:
        return selectors.duplicate_target(request.user, case, other_id)
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        _show(request, error)
        return None


@login_required
@require_POST
def duplicate_link(request: HttpRequest, pk: int, other_id: int) -> HttpResponse:
    case = access.access_case(request.user, pk)
    other = _duplicate_target(request, case, other_id)
    if other is None:
        return _back(case)
    score = selectors.suggested_score(request.user, case, other)
    try:
        services.case_link_duplicate(actor=request.user, case=case, other=other, score=score)
    except DomainError as error:
        _show(request, error)
    else:
        messages.success(request, _("Đã liên kết với hồ sơ %(code)s là trùng.") % {"code": other.code})
    return _back(case)


@login_required
@require_POST
def duplicate_dismiss(request: HttpRequest, pk: int, other_id: int) -> HttpResponse:
    case = access.access_case(request.user, pk)
    other = _duplicate_target(request, case, other_id)
    if other is None:
        return _back(case)
    try:
        services.duplicate_dismiss(actor=request.user, case=case, other=other)
    except DomainError as error:
        _show(request, error)
    else:
        messages.success(request, _("Đã ghi nhận hồ sơ %(code)s không trùng.") % {"code": other.code})
    return _back(case)


# --- The denouncer vault -------------------------------------------------------------------------------------


@login_required
@require_POST
@never_cache
def denouncer(request: HttpRequest, pk: int) -> HttpResponse:
    """The denouncer's identity, for the handler and the accepting leader only; the read is audited."""
    case = access.access_case(request.user, pk)
    try:
        identity = services.denouncer_read(actor=request.user, case=case)
    except DomainError as error:
        if error.code == "vault_empty" and access.can_read_denouncer(request.user, case):
            _show(request, error)
            return _back(case)
        raise Http404 from None
    scans = DenouncerScan.objects.filter(denouncer__case=case).defer("ciphertext").order_by("created_at", "id")
    context = {"case": case, "identity": identity, "scans": list(scans), "upload_form": UploadForm()}
    return render(request, "cases/denouncer.html", context)


@login_required
@require_POST
@limit_upload_size
def denouncer_scan_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = access.access_case(request.user, pk)
    if not access.can_read_denouncer(request.user, case):
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp bản chụp."))
        return _back(case)
    try:
        services.denouncer_scan_add(actor=request.user, case=case, upload=form.cleaned_data["file"])
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        _show(request, error)
    else:
        messages.success(request, _("Đã lưu bản chụp vào phần bảo mật."))
    return _back(case)


@login_required
@require_POST
@never_cache
def denouncer_scan(request: HttpRequest, pk: int, scan_id: int) -> HttpResponse:
    """One scan, decrypted for the handler or the accepting leader; the read is audited like the identity."""
    case = access.access_case(request.user, pk)
    if case.kind != CaseKind.DENUNCIATION or not access.can_read_denouncer(request.user, case):
        raise Http404
    row = DenouncerScan.objects.filter(pk=scan_id, denouncer__case=case).first()
    if row is None:
        raise Http404
    scan = vault.unseal_scan(row.ciphertext)
    audit_log(actor=request.user, action="cases.denouncer.scan_read", instance=case, unit=case.unit, changes={})
    extension = mimetypes.guess_extension(scan.content_type) or ""
    response = HttpResponse(scan.content, content_type=scan.content_type)
    # A neutral file name: the original one may carry the denouncer's name.
    response["Content-Disposition"] = f'attachment; filename="ban-chup-{row.pk}{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
