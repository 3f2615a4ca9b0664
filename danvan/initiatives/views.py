"""Back-office pages of the registry: list, register, detail with timeline and gallery, and each action."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.core.attachments import attachment_store
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.models import AdministrativeUnit, Attachment, Organization
from danvan.core.pagination import ListPaginator
from danvan.core.params import positive_int
from danvan.core.uploads import limit_upload_size
from danvan.initiatives import access, selectors, services
from danvan.initiatives.forms import (
    FUNDING_ROWS,
    CommendationForm,
    DecisionForm,
    InitiativeFilterForm,
    InitiativeForm,
    ProgressForm,
    PublishForm,
    ReplicateForm,
    ScoreForm,
    SelfAssessmentForm,
    TransitionForm,
)
from danvan.initiatives.models import Evaluation, Initiative, InitiativeStatus, Rubric, Score
from danvan.initiatives.workflow import TRANSITIONS
from danvan.office.access import access_unit, access_unit_for_write

PAGE_SIZE = 25
RECOGNIZED = (InitiativeStatus.RECOGNIZED, InitiativeStatus.MAINTAINED)


def _fail(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, str(error.message))


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    initiatives = selectors.initiative_list(request.user, **form.filters())
    page = ListPaginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_edit_document_templates": access.can_edit_document_templates(request.user),
            "can_register": access.can_register(request.user),
            "can_import": access.can_import(request.user),
        },
    )


def _default_unit(request: HttpRequest) -> AdministrativeUnit | None:
    return access.default_registration_unit(request.user)


@login_required
@limit_upload_size
def initiative_create(request: HttpRequest) -> HttpResponse:
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    unit = (
        access_unit_for_write(request.user, unit_number)
        if (unit_number := positive_int(unit_id))
        else _default_unit(request)
    )
    if unit is None or not access.can_register_at(request.user, unit):
        raise Http404
    organizations = Organization.objects.filter(unit=unit, is_active=True).select_related("kind")
    form = InitiativeForm(
        request.POST or None,
        request.FILES or None,
        organizations=organizations,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fundings = form.fundings()
        try:
            with transaction.atomic():
                initiative = services.initiative_register(
                    actor=request.user,
                    unit=unit,
                    organization=data["organization"],
                    kind=data["kind"],
                    name=data["name"],
                    field=data["field"],
                    level=data["level"],
                    year=data["year"],
                    honoree_type=data["honoree_type"],
                    honoree_name=data["honoree_name"],
                    movement=data["movement"],
                    fundings=fundings,
                    **form.content(),  # type: ignore[arg-type]
                )
                if data.get("photo"):
                    attachment_store(
                        actor=request.user,
                        upload=data["photo"],
                        unit=unit,
                        object_type="initiatives.initiative",
                        object_id=initiative.pk,
                    )
        except DomainError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ đăng ký (dự thảo). Lãnh đạo đơn vị trình đăng ký chính thức."))
            return redirect("initiatives:detail", initiative_id=initiative.pk)
    return render(request, "initiatives/form.html", {"form": form, "unit": unit})


@login_required
@limit_upload_size
def initiative_edit(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """Edit a draft or just registered initiative (the unit's officers); the registering body stays."""
    initiative = access.access_initiative(request.user, initiative_id, min_role=Role.OFFICER)
    if initiative.status not in services.EDITABLE_STATUSES:
        raise Http404
    organizations = Organization.objects.filter(pk=initiative.organization_id)
    form = InitiativeForm(
        request.POST or None,
        request.FILES or None,
        organizations=organizations,
        editing=True,
        initial=InitiativeForm.initial_from(initiative),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in services.EDITABLE_FIELDS}
        # More funding lines than the form's rows (added through the API) are kept as they are.
        fundings = form.fundings() if initiative.fundings.count() <= FUNDING_ROWS else None
        try:
            with transaction.atomic():
                services.initiative_update(
                    actor=request.user,
                    initiative=initiative,
                    expected_version=data["version"],
                    fundings=fundings,
                    **values,
                )
                if data.get("photo"):
                    attachment_store(
                        actor=request.user,
                        upload=data["photo"],
                        unit=initiative.unit,
                        object_type="initiatives.initiative",
                        object_id=initiative.pk,
                    )
        except DomainError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi của hồ sơ."))
            return _back(initiative)
    context = {"form": form, "unit": initiative.unit, "initiative": initiative}
    return render(request, "initiatives/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def initiative_delete(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """Delete a draft (the unit's officers), audited; back to the list."""
    initiative = access.access_initiative(request.user, initiative_id, min_role=Role.OFFICER)
    version = request.POST.get("version", "")
    try:
        services.initiative_delete(
            actor=request.user,
            initiative=initiative,
            expected_version=int(version) if re.fullmatch(r"[0-9]{1,9}", version) else None,
        )
    except DomainError as error:
        _fail(request, error)
        return _back(initiative)
    messages.success(request, _("Đã xóa dự thảo “%(name)s”.") % {"name": initiative.name})
    return redirect("initiatives:list")


def _gallery(initiative: Initiative) -> tuple[list[Attachment], dict[int, list[Attachment]]]:
    """Evidence of the registration, and of each progress update (one query)."""
    update_ids = [str(u.pk) for u in initiative.updates.all()]
    files = Attachment.objects.filter(object_type="initiatives.initiative", object_id=str(initiative.pk)) | (
        Attachment.objects.filter(object_type="initiatives.progressupdate", object_id__in=update_ids)
    )
    own: list[Attachment] = []
    by_update: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in files.order_by("uploaded_at"):
        if attachment.object_type == "initiatives.initiative":
            own.append(attachment)
        else:
            by_update[int(attachment.object_id)].append(attachment)
    return own, dict(by_update)


def _rubric(initiative: Initiative) -> Rubric | None:
    return (
        Rubric.objects.filter(
            province__tree=initiative.unit.tree, province__code=initiative.province_code, year=initiative.year
        )
        .prefetch_related("criteria")
        .first()
    )


def _evaluation_context(request: HttpRequest, initiative: Initiative, score_form: ScoreForm | None) -> dict[str, Any]:
    rubric = _rubric(initiative)
    evaluation = Evaluation.objects.filter(initiative=initiative).first()
    can_score = initiative.status == InitiativeStatus.SELF_ASSESSED and access.can_take(
        request.user, initiative, TRANSITIONS["evaluate"]
    )
    if can_score and rubric and score_form is None:
        mine = {}
        if evaluation:
            mine = {
                f"criterion_{s.criterion_id}": s.points
                for s in Score.objects.filter(evaluation=evaluation, evaluator_id=request.user.pk)
            }
        score_form = ScoreForm(criteria=rubric.criteria.all(), initial=mine)
    return {
        "rubric": rubric,
        "evaluation": evaluation,
        "can_score": can_score and rubric,
        "score_form": score_form if can_score and rubric else None,
    }


def _detail_context(request: HttpRequest, initiative: Initiative, **bound: Any) -> dict[str, Any]:
    """The initiative's page; ``bound`` holds a form that failed (``progress_form``, ``decision_form`` …) so that it
    comes back with what the officer typed and each error beside its field."""
    initiative = selectors.initiative_detail(initiative)
    own_files, update_files = _gallery(initiative)
    recognizer = access.recognizer_unit(initiative)
    recognizer_orgs = Organization.objects.filter(unit=recognizer, is_active=True)
    can_recognize = initiative.status == InitiativeStatus.EVALUATED and access.can_take(
        request.user, initiative, TRANSITIONS["recognize"]
    )
    can_manage = access.can_manage(request.user, initiative)
    today = timezone.localdate()
    steps = selectors.allowed_steps(request.user, initiative)
    context = {
        "initiative": initiative,
        "can_edit": can_manage and initiative.status in services.EDITABLE_STATUSES,
        "can_delete": can_manage and initiative.status == InitiativeStatus.DRAFT,
        "steps": [step for step in steps if step.action != "self_assess"],
        "self_assessment_form": bound.get("self_assessment_form")
        or (
            SelfAssessmentForm(initial={"version": initiative.version})
            if any(step.action == "self_assess" for step in steps)
            else None
        ),
        "own_files": own_files,
        "updates": [(u, update_files.get(u.pk, [])) for u in initiative.updates.all()],
        "progress_form": bound.get("progress_form")
        or (ProgressForm(initial={"reported_on": today}, initiative=initiative) if can_manage else None),
        "recognizer": recognizer,
        "decision_form": bound.get("decision_form")
        or (
            DecisionForm(
                organizations=recognizer_orgs,
                initiative=initiative,
                initial={"signed_on": today, "version": initiative.version},
            )
            if can_recognize
            else None
        ),
        "commendation_form": bound.get("commendation_form")
        or (
            CommendationForm(
                organizations=Organization.objects.filter(unit__in=[recognizer, initiative.unit], is_active=True),
                initiative=initiative,
                initial={"awarded_on": today},
            )
            if initiative.status in RECOGNIZED and can_manage
            else None
        ),
        "publish_form": PublishForm(
            initial={"is_public": initiative.is_public, "public_summary": initiative.public_summary}
        )
        if initiative.status in RECOGNIZED and can_manage
        else None,
        "replicate_form": bound.get("replicate_form")
        or (
            ReplicateForm(units=access.replication_units(request.user), initial={"year": today.year})
            if initiative.status in RECOGNIZED
            else None
        ),
        **_evaluation_context(request, initiative, bound.get("score_form")),
    }
    return context


@login_required
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)
    return render(request, "initiatives/detail.html", _detail_context(request, initiative))


def _back(initiative: Initiative) -> HttpResponse:
    return redirect("initiatives:detail", initiative_id=initiative.pk)


def _again(request: HttpRequest, initiative: Initiative, **bound: Any) -> HttpResponse:
    """The page again with the form that failed, as typed, its errors beside its fields (400)."""
    return render(request, "initiatives/detail.html", _detail_context(request, initiative, **bound), status=400)


def _submit(
    request: HttpRequest,
    initiative: Initiative,
    name: str,
    form: forms.BaseForm,
    run: Callable[[], object],
    success: str,
    field_names: dict[str, str] | None = None,
) -> HttpResponse:
    """Run one service for a valid ``form``: a refusal goes on the form's fields (:func:`apply_errors`) and the page
    comes back with the form as typed; success is a confirmation and the initiative's page."""
    if form.is_valid():
        try:
            run()
        except DomainError as error:
            if error.status in (403, 404):  # not this officer's form: nothing typed to keep
                _fail(request, error)
                return _back(initiative)
            # The message above the page (the form may sit in a closed section), each problem beside its field.
            messages.error(request, str(error.message))
            if error.fields:
                apply_errors(form, error, field_names=field_names)
        else:
            if success:
                messages.success(request, success)
            return _back(initiative)
    return _again(request, initiative, **{name: form})


def _attempt(request: HttpRequest, initiative: Initiative, run: Callable[[], object], success: str) -> HttpResponse:
    """Run one service for a page action without fields of its own (a button): a refusal becomes error messages,
    success a confirmation; either way the officer is back on the initiative's page."""
    try:
        run()
    except DomainError as error:
        _fail(request, error)
        for problems in (error.fields or {}).values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, success)
    return _back(initiative)


@login_required
@require_POST
def initiative_transition(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ; hãy tải lại trang."))
        return _back(initiative)
    data = form.cleaned_data
    return _attempt(
        request,
        initiative,
        lambda: services.initiative_transition(
            actor=request.user,
            initiative=initiative,
            action=data["action"],
            reason=data["reason"],
            expected_version=data["version"],
        ),
        _("Đã cập nhật trạng thái."),
    )


@login_required
@require_POST
@limit_upload_size
def progress_add(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id, min_role=Role.OFFICER)
    form = ProgressForm(request.POST, request.FILES, initiative=initiative)

    def add() -> None:
        data = form.cleaned_data
        figures = []
        if data["figure_label"] and data["figure_value"] is not None:
            figures.append(
                {"label": data["figure_label"], "value": str(data["figure_value"]), "unit": data["figure_unit"]}
            )
        services.progress_add(
            actor=request.user,
            initiative=initiative,
            reported_on=data["reported_on"],
            text=data["text"],
            figures=figures,
            files=request.FILES.getlist("files"),
        )

    return _submit(request, initiative, "progress_form", form, add, _("Đã thêm cập nhật tiến độ."))


@login_required
@require_POST
def self_assess(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id, min_role=Role.OFFICER)
    form = SelfAssessmentForm(request.POST)
    return _submit(
        request,
        initiative,
        "self_assessment_form",
        form,
        lambda: services.initiative_self_assess(
            actor=request.user,
            initiative=initiative,
            results=form.cleaned_data["results"],
            lessons=form.cleaned_data["lessons"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Đã ghi tự đánh giá; hồ sơ chuyển hội đồng chấm điểm."),
    )


@login_required
@require_POST
def initiative_score(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)
    rubric = _rubric(initiative)
    if rubric is None:
        messages.error(request, _("Chưa có bộ tiêu chí chấm điểm cho năm của hồ sơ."))
        return _back(initiative)
    form = ScoreForm(request.POST, criteria=rubric.criteria.all())
    return _submit(
        request,
        initiative,
        "score_form",
        form,
        lambda: services.evaluation_score(actor=request.user, initiative=initiative, points=form.points()),
        _("Đã lưu điểm chấm của bạn."),
        field_names=form.field_names(),
    )


@login_required
@require_POST
def evaluation_close(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)
    version = request.POST.get("version", "")
    return _attempt(
        request,
        initiative,
        lambda: services.evaluation_close(
            actor=request.user, initiative=initiative, expected_version=positive_int(version)
        ),
        _("Đã kết thúc chấm điểm."),
    )


@login_required
@require_POST
def recognize(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)
    recognizer = access.recognizer_unit(initiative)
    form = DecisionForm(
        request.POST,
        organizations=Organization.objects.filter(unit=recognizer, is_active=True),
        initiative=initiative,
    )

    def decide() -> None:
        data = form.cleaned_data
        services.recognition_decide(
            actor=request.user,
            organization=data["organization"],
            number=data["number"],
            symbol=data["symbol"],
            signed_on=data["signed_on"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            initiatives=[(initiative, data["version"])],
        )
        messages.success(
            request,
            _("Đã ban hành quyết định công nhận số %(n)s/%(s)s.") % {"n": data["number"], "s": data["symbol"]},
        )

    return _submit(request, initiative, "decision_form", form, decide, "")


@login_required
@require_POST
def commend(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id, min_role=Role.OFFICER)
    recognizer = access.recognizer_unit(initiative)
    form = CommendationForm(
        request.POST,
        organizations=Organization.objects.filter(unit__in=[recognizer, initiative.unit], is_active=True),
        initiative=initiative,
    )
    return _submit(
        request,
        initiative,
        "commendation_form",
        form,
        lambda: services.commendation_add(actor=request.user, initiative=initiative, **form.cleaned_data),
        _("Đã ghi nhận khen thưởng."),
    )


@login_required
@require_POST
def publish(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id, min_role=Role.OFFICER)
    form = PublishForm(request.POST)
    form.is_valid()
    return _attempt(
        request,
        initiative,
        lambda: services.initiative_publish(
            actor=request.user,
            initiative=initiative,
            is_public=form.cleaned_data.get("is_public", False),
            public_summary=form.cleaned_data.get("public_summary", ""),
        ),
        _("Đã lưu chế độ công bố."),
    )


def _replicate_again(request: HttpRequest, origin: Initiative, form: ReplicateForm) -> HttpResponse:
    """The form again on the origin's page; an officer who reached a published model from another unit's showcase
    does not see that page, so gets the messages instead."""
    if access.can_view(request.user, origin):
        return _again(request, origin, replicate_form=form)
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, str(problem))
    return redirect("initiatives:detail", initiative_id=origin.pk)


@login_required
@require_POST
def replicate(request: HttpRequest, initiative_id: int) -> HttpResponse:
    origin = access.access_initiative_or_public(request.user, initiative_id)
    form = ReplicateForm(request.POST, units=access.replication_units(request.user))
    if not form.is_valid():
        return _replicate_again(request, origin, form)
    unit = form.cleaned_data["unit"]
    organization = Organization.objects.filter(unit=unit, kind__code="peoples_committee", is_active=True).first() or (
        Organization.objects.filter(unit=unit, is_active=True).first()
    )
    if organization is None:
        form.add_error("unit", _("Đơn vị chưa có tổ chức nào để đăng ký."))
        return _replicate_again(request, origin, form)
    try:
        copy = services.initiative_replicate(
            actor=request.user,
            origin=origin,
            unit=access_unit(unit.pk),
            organization=organization,
            year=form.cleaned_data["year"],
        )
    except DomainError as error:
        apply_errors(form, error)
        return _replicate_again(request, origin, form)
    messages.success(request, _("Đã tạo hồ sơ nhân rộng tại %(unit)s.") % {"unit": unit.name})
    return redirect("initiatives:detail", initiative_id=copy.pk)
