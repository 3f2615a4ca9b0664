"""Pages of disclosures (dân biết): the commune's register, a disclosure with its channels and computed compliance,
the compliance boards of a commune and of a province, the quarterly list and the yearly plan and report (DOCX);
and the citizens' pages of the public portal (published disclosures only, no sign-in)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.attachments import attachment_download_name
from danvan.core.documents.templates import docx_response
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import submission_key
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.params import positive_int, year_param
from danvan.core.pickers import only_one, picker_response
from danvan.core.ratelimit import check_request
from danvan.core.storage import stored_file_response
from danvan.democracy import access
from danvan.democracy import disclosure_documents as documents
from danvan.democracy import disclosure_selectors as selectors
from danvan.democracy import disclosure_services as services
from danvan.democracy.disclosure_compliance import disclosure_compliance
from danvan.democracy.disclosure_forms import (
    CHANNEL_ROWS,
    ChannelAddForm,
    ChannelEndForm,
    CommunePortalForm,
    DisclosureEditForm,
    DisclosureEntryForm,
    DisclosureFilterForm,
)
from danvan.democracy.disclosure_schemas import DisclosureFilter
from danvan.democracy.models import CommunePortal, Disclosure, DisclosureChannel
from danvan.office.access import default_statistics_unit

PAGE_SIZE = 30
# Citizens' searches: at most this many a minute from one address (page and API share the count).
PUBLIC_SEARCH_SCOPE = "democracy.disclosures.search"
PUBLIC_SEARCH_LIMIT = 60
# The service's names of a channel's fields → the entry form's.
CHANNEL_FIELDS = {
    f"channels.{row}.{name}": f"c{row}_{name}"
    for row in range(1, CHANNEL_ROWS + 1)
    for name in ("started_on", "ended_on", "place")
}


def _communes_for_write(user: Any) -> QuerySet[AdministrativeUnit]:
    """The current communes whose register the officer keeps (a province officer: all of the province's)."""
    scope = access.write_scope(user)
    if scope.is_empty:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(scope.q("path"), tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE).order_by(
        "path"
    )


def _year(request: HttpRequest) -> int:
    return year_param(request.GET.get("year")) or timezone.localdate().year


def _quarter(request: HttpRequest) -> int:
    value = positive_int(request.GET.get("quarter"))
    return value if value in (1, 2, 3, 4) else (timezone.localdate().month - 1) // 3 + 1


def _commune_of_user(request: HttpRequest) -> AdministrativeUnit | None:
    unit = default_statistics_unit(request.user)
    while unit is not None and unit.level > UnitLevel.COMMUNE:
        unit = unit.parent
    return unit


# --- The register -------------------------------------------------------------------------------------------------


@login_required
def disclosure_list(request: HttpRequest) -> HttpResponse:
    """The register; its filters are the API's (``DisclosureFilter``), read leniently from the query string."""
    form = DisclosureFilterForm(request.GET or None)
    values = DisclosureFilter.from_params(request.GET).values()
    unit = access.access_unit_for_read(request.user, values.pop("unit")) if "unit" in values else None
    item = values.pop("item", None)
    disclosures = selectors.disclosure_list(request.user, unit=unit, item=str(item) if item else None, **values)
    page = ListPaginator(disclosures, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    board_unit = _commune_of_user(request)  # a province officer's is the province: its board, no commune lists
    commune = board_unit if board_unit is not None and board_unit.level == UnitLevel.COMMUNE else None
    return render(
        request,
        "democracy/disclosures/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "commune": commune,
            "board_unit": board_unit,
            "province": access.readable_board_province(request.user, commune) if commune else None,
            "can_create": _communes_for_write(request.user).exists(),
        },
    )


@login_required
def disclosure_create(request: HttpRequest) -> HttpResponse:
    units = _communes_for_write(request.user)
    if not units.exists():
        raise Http404
    if request.method == "POST":
        form = DisclosureEntryForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                disclosure = services.disclosure_create(
                    actor=request.user,
                    unit=access.access_commune_for_write(request.user, data["unit"].pk),
                    item=data["item"],
                    title=data["title"],
                    document_number=data["document_number"],
                    issued_on=data["issued_on"],
                    summary=data["summary"],
                    channels=form.channels(),
                    publish=data["publish"],
                    upload=data.get("document"),
                    submission_key=submission_key(request.user, data["submission_key"]),
                )
            except DomainError as error:
                apply_errors(form, error, summary=True, field_names=CHANNEL_FIELDS)
            else:
                messages.success(request, _("Đã ghi thông tin công khai vào sổ."))
                return redirect("democracy:disclosure_detail", disclosure.pk)
    else:
        today = timezone.localdate()
        form = DisclosureEntryForm(
            units=units,
            initial={
                "unit": only_one(units),
                "submission_key": uuid.uuid4().hex,
                "issued_on": today,
                "c1_started_on": today,
                "publish": True,
            },
        )
        if (matches := picker_response(request, form)) is not None:
            return matches
    return render(request, "democracy/disclosures/form.html", {"form": form})


def _detail_context(request: HttpRequest, disclosure: Disclosure, **forms: Any) -> dict[str, Any]:
    channels = list(DisclosureChannel.objects.filter(disclosure=disclosure).select_related("form"))
    today = timezone.localdate()
    can_write = access.can_write_disclosures_at(request.user, disclosure.unit)
    failed_end = forms.get("end_form")
    end_channel_id = forms.get("end_channel_id")
    rows = []
    for channel in channels:
        if failed_end is not None and channel.pk == end_channel_id:
            end_form = failed_end
        else:
            end_form = ChannelEndForm(
                initial={"version": disclosure.version, "ended_on": today}, auto_id=f"id_end{channel.pk}_%s"
            )
        rows.append((channel, end_form))
    return {
        "disclosure": disclosure,
        "channels": channels,
        "channel_rows": rows,
        "compliance": disclosure_compliance(disclosure, channels, on=today),
        "can_write": can_write,
        "add_form": forms.get("add_form")
        or ChannelAddForm(initial={"version": disclosure.version, "started_on": today}),
        "end_channel_id": forms.get("end_channel_id"),
    }


@login_required
def disclosure_detail(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = access.access_disclosure(request.user, disclosure_id)
    return render(request, "democracy/disclosures/detail.html", _detail_context(request, disclosure))


@login_required
def disclosure_edit(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = access.access_disclosure(request.user, disclosure_id, for_write=True)
    if request.method == "POST":
        form = DisclosureEditForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.disclosure_update(
                    actor=request.user,
                    disclosure=disclosure,
                    expected_version=data["version"],
                    title=data["title"],
                    document_number=data["document_number"],
                    issued_on=data["issued_on"],
                    summary=data["summary"],
                    upload=data.get("document"),
                )
            except DomainError as error:
                apply_errors(form, error, summary=True)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("democracy:disclosure_detail", disclosure.pk)
    else:
        form = DisclosureEditForm(
            initial={
                "title": disclosure.title,
                "document_number": disclosure.document_number,
                "issued_on": disclosure.issued_on,
                "summary": disclosure.summary,
                "version": disclosure.version,
            }
        )
    return render(request, "democracy/disclosures/edit.html", {"form": form, "disclosure": disclosure})


@login_required
@require_POST
def disclosure_channel_add(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = access.access_disclosure(request.user, disclosure_id, for_write=True)
    form = ChannelAddForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_channel_add(
                actor=request.user,
                disclosure=disclosure,
                expected_version=form.cleaned_data["version"],
                line=form.line(),
            )
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            messages.success(request, _("Đã ghi hình thức công khai."))
            return redirect("democracy:disclosure_detail", disclosure.pk)
    return render(
        request, "democracy/disclosures/detail.html", _detail_context(request, disclosure, add_form=form), status=422
    )


@login_required
@require_POST
def disclosure_channel_end(request: HttpRequest, disclosure_id: int, channel_id: int) -> HttpResponse:
    channel = access.access_disclosure_channel(request.user, disclosure_id, channel_id)
    disclosure = channel.disclosure
    form = ChannelEndForm(request.POST, auto_id=f"id_end{channel.pk}_%s")
    if form.is_valid():
        try:
            services.disclosure_channel_end(
                actor=request.user,
                channel=channel,
                expected_version=form.cleaned_data["version"],
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            messages.success(request, _("Đã ghi ngày kết thúc."))
            return redirect("democracy:disclosure_detail", disclosure.pk)
    context = _detail_context(request, disclosure, end_form=form, end_channel_id=channel.pk)
    return render(request, "democracy/disclosures/detail.html", context, status=422)


@login_required
@require_POST
def disclosure_publish(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = access.access_disclosure(request.user, disclosure_id, for_write=True)
    try:
        services.disclosure_publish(
            actor=request.user,
            disclosure=disclosure,
            expected_version=positive_int(request.POST.get("version")),
            publish=request.POST.get("publish") == "1",
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect("democracy:disclosure_detail", disclosure.pk)


def _document_response(disclosure: Disclosure) -> FileResponse:
    attachment = disclosure.document
    if attachment is None:
        raise Http404
    try:
        response = stored_file_response(
            attachment.file,
            content_type=attachment.content_type,
            filename=attachment_download_name(attachment),
            as_attachment=True,
        )
    except FileNotFoundError as error:
        raise Http404 from error
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def disclosure_document(request: HttpRequest, disclosure_id: int) -> FileResponse:
    response = _document_response(access.access_disclosure(request.user, disclosure_id))
    response["Cache-Control"] = "private, no-store"
    return response


# --- Compliance boards, quarterly list, plan and report ---------------------------------------------------------


@login_required
def disclosure_board(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A commune's board (each disclosure with each rule and its computation) or a province's (each commune)."""
    unit = access.access_board_unit(request.user, unit_id)
    year = year_param(request.GET.get("year"))
    context: dict[str, Any] = {"unit": unit, "year": year}
    if unit.level == UnitLevel.PROVINCE:
        board = selectors.province_board(unit, year=year)
        context.update(board=board, totals=selectors.province_totals(board))
        return render(request, "democracy/disclosures/province_board.html", context)
    return _commune_board(request, unit, context)


def _portal_form(request: HttpRequest, unit: AdministrativeUnit) -> CommunePortalForm | None:
    """The portal setting's form, for an officer who keeps the commune's register (None for a reader)."""
    if not access.can_write_disclosures_at(request.user, unit):
        return None
    setting = CommunePortal.objects.filter(unit=unit).first()
    initial = {
        "has_portal": "1" if setting is None or setting.has_portal else "0",
        "address": setting.address if setting else "",
        "version": setting.version if setting else 0,
    }
    return CommunePortalForm(initial=initial)


def _commune_board(
    request: HttpRequest,
    unit: AdministrativeUnit,
    context: dict[str, Any],
    portal_form: CommunePortalForm | None = None,
    status_code: int = 200,
) -> HttpResponse:
    status = request.GET.get("status") or None
    disclosures = selectors.commune_board_disclosures(unit, year=context.get("year"), status=status)
    page = ListPaginator(disclosures, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    checked = selectors.check_disclosures(unit, page.object_list)
    counts = selectors.board_status_counts(disclosures)
    setting = CommunePortal.objects.filter(unit=unit).first()
    context.update(
        portal_setting=setting,
        has_portal=setting is None or setting.has_portal,
        portal_form=portal_form or _portal_form(request, unit),
    )
    context.update(
        checked=checked,
        page=page,
        query=query.urlencode(),
        status=status,
        province=access.readable_board_province(request.user, unit),
        violations=counts["violation"],
        pending=counts["pending"],
        ok=counts["ok"],
    )
    return render(request, "democracy/disclosures/commune_board.html", context, status=status_code)


@login_required
@require_POST
def disclosure_portal(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Record whether the commune has its own web portal; the board shows the recomputed findings."""
    unit = access.access_commune_for_write(request.user, unit_id)
    form = CommunePortalForm(request.POST)
    if form.is_valid():
        try:
            services.commune_portal_set(
                actor=request.user,
                commune=unit,
                has_portal=form.cleaned_data["has_portal"],
                address=form.cleaned_data["address"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            messages.success(request, _("Đã ghi cổng thông tin điện tử của xã."))
            return redirect("democracy:disclosure_board", unit.pk)
    context: dict[str, Any] = {"unit": unit, "year": None}
    return _commune_board(request, unit, context, portal_form=form, status_code=422)


def _commune_for_read(request: HttpRequest, unit_id: int) -> AdministrativeUnit:
    unit = access.access_unit_for_read(request.user, unit_id)
    if unit.level != UnitLevel.COMMUNE:
        raise Http404
    return unit


@login_required
def disclosure_quarterly(request: HttpRequest, unit_id: int) -> HttpResponse:
    commune = _commune_for_read(request, unit_id)
    year, quarter = _year(request), _quarter(request)
    rows = [(d, *documents.channel_text(d)) for d in selectors.quarterly_list(commune, year, quarter)]
    return render(
        request,
        "democracy/disclosures/quarterly.html",
        {"unit": commune, "year": year, "quarter": quarter, "rows": rows, "quarters": (1, 2, 3, 4)},
    )


@login_required
def disclosure_quarterly_docx(request: HttpRequest, unit_id: int) -> HttpResponse:
    commune = _commune_for_read(request, unit_id)
    year, quarter = _year(request), _quarter(request)
    return docx_response(
        documents.quarterly_docx(commune, year, quarter), f"danh-sach-cong-khai-{commune.code}-{year}-q{quarter}.docx"
    )


@login_required
def disclosure_plan_docx(request: HttpRequest, unit_id: int) -> HttpResponse:
    commune = _commune_for_read(request, unit_id)
    year = year_param(request.GET.get("year")) or timezone.localdate().year + 1
    return docx_response(documents.plan_docx(commune, year), f"ke-hoach-cong-khai-{commune.code}-{year}.docx")


@login_required
def disclosure_report_docx(request: HttpRequest, unit_id: int) -> HttpResponse:
    commune = _commune_for_read(request, unit_id)
    year = _year(request)
    return docx_response(documents.report_docx(commune, year), f"bao-cao-hdnd-cong-khai-{commune.code}-{year}.docx")


# --- Public portal ----------------------------------------------------------------------------------------------------


def _public_commune(unit_id: int) -> AdministrativeUnit:
    commune = AdministrativeUnit.objects.filter(selectors.public_communes_q(), pk=unit_id).first()
    if commune is None:
        raise Http404
    return commune


def _public_disclosure(disclosure_id: int) -> Disclosure:
    disclosure = (
        Disclosure.objects.select_related("item", "unit", "document")
        .filter(pk=disclosure_id, is_published=True)
        .first()
    )
    if disclosure is None:
        raise Http404
    return disclosure


def public_disclosure_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """What a commune disclosed, searchable without diacritics; works without JavaScript."""
    commune = _public_commune(unit_id)
    q = (request.GET.get("q") or "")[:200]
    item = (request.GET.get("item") or "")[:2]
    if q:
        try:
            check_request(request, PUBLIC_SEARCH_SCOPE, limit=PUBLIC_SEARCH_LIMIT, per_seconds=60)
        except DomainError as error:
            return HttpResponse(str(error.message), status=error.status, content_type="text/plain; charset=utf-8")
    disclosures = selectors.public_disclosures(commune, q=q, item=item)
    page = ListPaginator(disclosures, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    from danvan.democracy.models import DisclosureItem

    return render(
        request,
        "democracy/disclosures/public_list.html",
        {
            "unit": commune,
            "page": page,
            "q": q,
            "item": item,
            "items": DisclosureItem.objects.order_by("number"),
            "query": f"q={q}&item={item}",
            "year": today.year,
            "quarter": (today.month - 1) // 3 + 1,
        },
    )


def public_disclosure_detail(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = _public_disclosure(disclosure_id)
    forms, period = documents.channel_text(disclosure)
    return render(
        request,
        "democracy/disclosures/public_detail.html",
        {"disclosure": disclosure, "forms": forms, "period": period},
    )


def public_disclosure_document(request: HttpRequest, disclosure_id: int) -> FileResponse:
    response = _document_response(_public_disclosure(disclosure_id))
    response["Cache-Control"] = "public, max-age=300"
    return response


def public_quarterly(request: HttpRequest, unit_id: int, year: int, quarter: int) -> HttpResponse:
    """The quarterly list (Art. 13.2) as a public page: only what an officer published."""
    commune = _public_commune(unit_id)
    if quarter not in (1, 2, 3, 4) or year_param(str(year)) is None:
        raise Http404
    rows = [
        (d, *documents.channel_text(d)) for d in selectors.quarterly_list(commune, year, quarter, published_only=True)
    ]
    return render(
        request,
        "democracy/disclosures/public_quarterly.html",
        {"unit": commune, "year": year, "quarter": quarter, "rows": rows},
    )
