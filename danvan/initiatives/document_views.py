"""Back-office downloads of the registry's documents, and the administrators' page of editable templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.documents import templates as core_documents
from danvan.core.documents.templates import DOCX_CONTENT_TYPE, docx_response
from danvan.core.errors import DomainError
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from danvan.core.params import positive_int, year_param
from danvan.core.subtree import subtree_q
from danvan.core.uploads import limit_upload_size
from danvan.initiatives import access, documents
from danvan.initiatives.models import Commendation, RecognitionDecision


def access_decision(user: Any, decision_id: int) -> RecognitionDecision:
    """A recognition decision of a unit inside the officer's scope (any role), else ``Http404``."""
    decision = (
        RecognitionDecision.objects.select_related("organization", "organization__kind", "unit")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None or not access.sees_unit(user, decision.unit):
        raise Http404
    return decision


@login_required
def decision_docx(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access_decision(request.user, decision_id)
    return docx_response(documents.decision_docx(decision), documents.decision_filename(decision))


def commendations_visible_to(user: Any) -> QuerySet[Commendation]:
    return access.commendations_visible_to(user)


def _int_param(request: HttpRequest, name: str) -> int | None:
    return positive_int(request.GET.get(name))


@login_required
def commendations_docx(request: HttpRequest) -> HttpResponse:
    """The list of commendations of a unit's subtree (``?unit=``, in the officer's scope) for a year (``?year=``)."""
    commendations = commendations_visible_to(request.user)
    unit_id, year = _int_param(request, "unit"), year_param(request.GET.get("year"))
    unit: AdministrativeUnit | None = None
    if unit_id is not None:
        unit = AdministrativeUnit.objects.filter(pk=unit_id).first()
        if unit is None or not access.sees_unit(request.user, unit):
            raise Http404
        commendations = commendations.filter(subtree_q(unit, "initiative__"))
    if year is not None:
        commendations = commendations.filter(awarded_on__year=year)
    rows = commendations.select_related("initiative", "awarded_by").order_by("awarded_on", "awarded_by__name", "id")
    title = (
        _("Tập thể, cá nhân được khen thưởng trong phong trào “Dân vận khéo” năm %(year)s") % {"year": year}
        if year
        else _("Tập thể, cá nhân được khen thưởng trong phong trào “Dân vận khéo”")
    )
    organization = (
        Organization.objects.select_related("kind", "unit")
        .filter(unit=unit, kind__code="peoples_committee", is_active=True)
        .first()
        if unit is not None and unit.tree == UnitTree.CURRENT
        else None
    )
    content = documents.commendation_list_docx(
        rows, title=title, subtitle=unit.name if unit else "", organization=organization
    )
    filename = f"danh-sach-khen-thuong-{unit.code if unit else 'tat-ca'}-{year or timezone.localdate().year}.docx"
    return docx_response(content, filename)


def _require_system_admin(request: HttpRequest) -> None:
    if not access.can_edit_document_templates(request.user):
        raise Http404


@login_required
@limit_upload_size
def document_templates(request: HttpRequest) -> HttpResponse | FileResponse:
    """System administrators: download the template in use, upload a replacement, or go back to the default."""
    _require_system_admin(request)
    if request.method == "GET" and request.GET.get("download"):
        template = _template_or_404(request.GET["download"])
        response = FileResponse(
            template.open(), as_attachment=True, filename=f"{template.name}.docx", content_type=DOCX_CONTENT_TYPE
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
    if request.method == "POST":
        template = _template_or_404(request.POST.get("template", ""))
        try:
            if request.POST.get("action") == "reset":
                core_documents.template_reset(actor=request.user, template=template)
                messages.success(request, _("Đã trở lại mẫu mặc định: %(title)s.") % {"title": template.title})
            else:
                upload = request.FILES.get("file")
                if upload is None:
                    raise DomainError("file_required", _("Hãy chọn tệp mẫu (.docx)."))
                core_documents.template_replace(actor=request.user, template=template, upload=upload)
                messages.success(request, _("Đã thay mẫu: %(title)s.") % {"title": template.title})
        except DomainError as error:
            messages.error(request, str(error.message))
        return redirect("initiatives:document_templates")
    return render(request, "initiatives/document_templates.html", {"rows": core_documents.templates_status()})


def _template_or_404(name: str) -> core_documents.DocumentTemplate:
    template = core_documents.TEMPLATES.get(name)
    if template is None:
        raise Http404
    return template
