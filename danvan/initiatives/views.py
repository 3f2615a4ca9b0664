"""Back-office pages of the registry: list, register, detail with timeline and gallery, and each action."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import Role
from danvan.core.access import access_unit, access_unit_for_write
from danvan.core.attachments import attachment_store
from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, Attachment, Organization, UnitTree
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
    TransitionForm,
)
from danvan.initiatives.models import Evaluation, Initiative, InitiativeStatus, Rubric, Score
from danvan.initiatives.workflow import TRANSITIONS

PAGE_SIZE = 25
RECOGNIZED = (InitiativeStatus.RECOGNIZED, InitiativeStatus.MAINTAINED)


def _fail(request: HttpRequest, error: DomainError) -> None:
    messages.error(request, str(error.message))


@login_required
def initiative_list(request: HttpRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None)
    initiatives = selectors.initiative_list(request.user, **form.filters())
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
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
        },
    )


def _default_unit(request: HttpRequest) -> AdministrativeUnit | None:
    return access.default_registration_unit(request.user)


@login_required
@limit_upload_size
def initiative_create(request: HttpRequest) -> HttpResponse:
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    unit = (
        access_unit_for_write(request.user, int(unit_id)) if unit_id and unit_id.isdigit() else _default_unit(request)
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
        fundings = [
            services.FundingLine(data[f"funding_source_{i}"], data[f"funding_amount_{i}"] or 0)
            for i in range(FUNDING_ROWS)
            if data[f"funding_source_{i}"]
        ]
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
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Đã lưu hồ sơ đăng ký (dự thảo). Lãnh đạo đơn vị trình đăng ký chính thức."))
            return redirect("initiatives:detail", initiative_id=initiative.pk)
    return render(request, "initiatives/form.html", {"form": form, "unit": unit})


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


def _evaluation_context(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    rubric = (
        Rubric.objects.filter(
            province__tree=initiative.unit.tree, province__code=initiative.province_code, year=initiative.year
        )
        .prefetch_related("criteria")
        .first()
    )
    evaluation = Evaluation.objects.filter(initiative=initiative).first()
    mine = {}
    if evaluation:
        mine = {
            s.criterion_id: s.points for s in Score.objects.filter(evaluation=evaluation, evaluator_id=request.user.pk)
        }
    can_score = initiative.status == InitiativeStatus.SELF_ASSESSED and access.can_take(
        request.user, initiative, TRANSITIONS["evaluate"]
    )
    return {"rubric": rubric, "evaluation": evaluation, "my_scores": mine, "can_score": can_score and rubric}


@login_required
def initiative_detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = selectors.initiative_detail(access.access_initiative(request.user, initiative_id))
    own_files, update_files = _gallery(initiative)
    recognizer = access.recognizer_unit(initiative)
    recognizer_orgs = Organization.objects.filter(unit=recognizer, is_active=True)
    can_recognize = initiative.status == InitiativeStatus.EVALUATED and access.can_take(
        request.user, initiative, TRANSITIONS["recognize"]
    )
    can_manage = access.can_manage(request.user, initiative)
    context = {
        "initiative": initiative,
        "steps": selectors.allowed_steps(request.user, initiative),
        "own_files": own_files,
        "updates": [(u, update_files.get(u.pk, [])) for u in initiative.updates.all()],
        "progress_form": ProgressForm(initial={"reported_on": timezone.localdate()}) if can_manage else None,
        "recognizer": recognizer,
        "decision_form": DecisionForm(
            organizations=recognizer_orgs, initial={"signed_on": timezone.localdate(), "version": initiative.version}
        )
        if can_recognize
        else None,
        "commendation_form": CommendationForm(
            organizations=Organization.objects.filter(unit__in=[recognizer, initiative.unit], is_active=True),
            initial={"awarded_on": timezone.localdate()},
        )
        if initiative.status in RECOGNIZED and access.can_manage(request.user, initiative)
        else None,
        "publish_form": PublishForm(
            initial={"is_public": initiative.is_public, "public_summary": initiative.public_summary}
        )
        if initiative.status in RECOGNIZED and can_manage
        else None,
        "replicate_form": ReplicateForm(initial={"year": timezone.localdate().year})
        if initiative.status in RECOGNIZED
        else None,
        **_evaluation_context(request, initiative),
    }
    return render(request, "initiatives/detail.html", context)


def _back(initiative: Initiative) -> HttpResponse:
    return redirect("initiatives:detail", initiative_id=initiative.pk)


def _form_invalid(request: HttpRequest, form: Any, initiative: Initiative) -> HttpResponse:
    messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return _back(initiative)


def _attempt(request: HttpRequest, initiative: Initiative, run: Callable[[], object], success: str) -> HttpResponse:
    """Run one service for a page action: a refusal becomes error messages (with each field's problem), success a
    confirmation; either way the officer is back on the initiative's page."""
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
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_invalid(request, form, initiative)
    data = form.cleaned_data
    figures = []
    if data["figure_label"] and data["figure_value"] is not None:
        figures.append({"label": data["figure_label"], "value": str(data["figure_value"]), "unit": data["figure_unit"]})
    return _attempt(
        request,
        initiative,
        lambda: services.progress_add(
            actor=request.user,
            initiative=initiative,
            reported_on=data["reported_on"],
            text=data["text"],
            figures=figures,
            files=request.FILES.getlist("files"),
        ),
        _("Đã thêm cập nhật tiến độ."),
    )


@login_required
@require_POST
def initiative_score(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)

    def score() -> None:
        points = {
            int(key.removeprefix("criterion_")): services.parse_points(str(value))
            for key, value in request.POST.items()
            if key.startswith("criterion_") and key.removeprefix("criterion_").isdigit()
        }
        services.evaluation_score(actor=request.user, initiative=initiative, points=points)

    return _attempt(request, initiative, score, _("Đã lưu điểm chấm của bạn."))


@login_required
@require_POST
def evaluation_close(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)
    version = request.POST.get("version", "")
    return _attempt(
        request,
        initiative,
        lambda: services.evaluation_close(
            actor=request.user, initiative=initiative, expected_version=int(version) if version.isdigit() else None
        ),
        _("Đã kết thúc chấm điểm."),
    )


@login_required
@require_POST
def recognize(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id)
    recognizer = access.recognizer_unit(initiative)
    form = DecisionForm(request.POST, organizations=Organization.objects.filter(unit=recognizer, is_active=True))
    if not form.is_valid():
        return _form_invalid(request, form, initiative)
    data = form.cleaned_data
    return _attempt(
        request,
        initiative,
        lambda: services.recognition_decide(
            actor=request.user,
            organization=data["organization"],
            number=data["number"],
            symbol=data["symbol"],
            signed_on=data["signed_on"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            initiatives=[(initiative, data["version"])],
        ),
        _("Đã ban hành quyết định công nhận số %(n)s/%(s)s.") % {"n": data["number"], "s": data["symbol"]},
    )


@login_required
@require_POST
def commend(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.access_initiative(request.user, initiative_id, min_role=Role.OFFICER)
    recognizer = access.recognizer_unit(initiative)
    form = CommendationForm(
        request.POST, organizations=Organization.objects.filter(unit__in=[recognizer, initiative.unit], is_active=True)
    )
    if not form.is_valid():
        return _form_invalid(request, form, initiative)
    return _attempt(
        request,
        initiative,
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


@login_required
@require_POST
def replicate(request: HttpRequest, initiative_id: int) -> HttpResponse:
    origin = access.access_initiative_or_public(request.user, initiative_id)
    form = ReplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập mã đơn vị và năm."))
        return redirect("initiatives:detail", initiative_id=origin.pk)
    unit = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=form.cleaned_data["unit_code"].strip()).first()
    if unit is None or not access.can_register_at(request.user, unit):
        messages.error(request, _("Không tìm thấy đơn vị trong phạm vi của bạn."))
        return redirect("initiatives:detail", initiative_id=origin.pk)
    organization = Organization.objects.filter(unit=unit, kind__code="peoples_committee").first() or (
        Organization.objects.filter(unit=unit).first()
    )
    if organization is None:
        messages.error(request, _("Đơn vị chưa có tổ chức nào để đăng ký."))
        return redirect("initiatives:detail", initiative_id=origin.pk)
    try:
        copy = services.initiative_replicate(
            actor=request.user,
            origin=origin,
            unit=access_unit(unit.pk),
            organization=organization,
            year=form.cleaned_data["year"],
        )
    except DomainError as error:
        _fail(request, error)
        return redirect("initiatives:detail", initiative_id=origin.pk)
    messages.success(request, _("Đã tạo hồ sơ nhân rộng tại %(unit)s.") % {"unit": unit.name})
    return redirect("initiatives:detail", initiative_id=copy.pk)
