"""Pages of the recommendation tracker (docs/democracy/recommendations.md): a body's inbox (with one answer for
many), what the officer's units raised and wait for, one item's timeline with its actions, the XLSX downloads of the
lists, and the commune's public page of recommendations raised in public settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.core.attachments import attachment_download_name
from danvan.core.downloads import stream_response
from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.pagination import ListPaginator
from danvan.core.pickers import picker_response
from danvan.core.ratelimit import check_request
from danvan.democracy import access
from danvan.democracy import recommendation_selectors as selectors
from danvan.democracy import recommendation_services as services
from danvan.democracy.models import Recommendation, RecommendationStatus
from danvan.democracy.recommendation_duplicates import likely_duplicates
from danvan.democracy.recommendation_forms import (
    AnswerForm,
    AssessForm,
    BulkAnswerForm,
    DuplicateForm,
    HiddenForm,
    ListFilterForm,
    PublicFilterForm,
    TransferForm,
)
from danvan.democracy.recommendation_sweep import due_soon_limit
from danvan.democracy.recommendation_xlsx import recommendations_xlsx

PAGE_SIZE = 25
XLSX_MAX_ROWS = 50_000
PUBLIC_SEARCH_SCOPE = "democracy.recommendation_search"
PUBLIC_SEARCH_LIMIT = 30


def _decorate(items: Any, today: dt.date) -> None:
    """What the cards show of each item's deadline: overdue, due soon, or neither."""
    soon = due_soon_limit(today)
    for item in items:
        waiting = item.status == RecommendationStatus.OPEN and item.due_on is not None
        item.overdue = waiting and item.due_on < today
        item.due_soon = waiting and today <= item.due_on <= soon


# --- Inbox ---------------------------------------------------------------------------------------------------------


def _inbox_org(request: HttpRequest, form: ListFilterForm) -> Any:
    org_id = form.cleaned_data.get("organization") if form.is_valid() else None
    if org_id:
        return access.access_inbox_org(request.user, org_id)
    orgs = access.inbox_orgs(request.user)
    if not orgs:
        raise Http404
    return orgs[0]


@login_required
@require_GET
def recommendation_inbox(request: HttpRequest) -> HttpResponse:
    """What a body the officer belongs to must answer: overdue and due soon first; filters by state, source,
    field and words (without diacritics); one answer for the items ticked."""
    form = ListFilterForm(request.GET)
    org = _inbox_org(request, form)
    filters = form.filters()
    today = timezone.localdate()
    page = ListPaginator(selectors.inbox(org, today=today, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    _decorate(page, today)
    return _inbox_page(request, org, form, filters, page, today)


def _inbox_page(
    request: HttpRequest,
    org: Any,
    form: ListFilterForm,
    filters: dict[str, str],
    page: Any,
    today: dt.date,
    bulk_form: BulkAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_answer = any(mine.pk == org.pk for mine in access.answering_orgs(request.user))
    ids = [item.pk for item in page if item.status == RecommendationStatus.OPEN]
    context = {
        "org": org,
        "orgs": access.inbox_orgs(request.user),
        "form": form,
        "filters": filters,
        "page": page,
        "today": today,
        "can_answer": can_answer and bool(ids),
        "bulk_form": bulk_form or BulkAnswerForm(item_ids=ids, initial={"organization": org.pk, "answered_on": today}),
        "query": urlencode({"organization": org.pk, **{k: v for k, v in filters.items() if v}}),
        "picked": {_int(value) for value in request.POST.getlist("items")} if request.method == "POST" else set(),
    }
    return render(request, "democracy/recommendations/inbox.html", context, status=status)


@login_required
@require_POST
def recommendation_bulk_answer(request: HttpRequest) -> HttpResponse:
    """One answer for the items ticked in the inbox: each is answered and audited; all or none."""
    org_id = _int(request.POST.get("organization"))
    org = access.access_inbox_org(request.user, org_id) if org_id else None
    if org is None:
        raise Http404
    ids = [pk for pk in (_int(value) for value in request.POST.getlist("items")) if pk]
    mine = list(Recommendation.objects.filter(addressee_org=org, pk__in=ids[: services.MAX_BULK + 1]))
    form = BulkAnswerForm(request.POST, item_ids=[item.pk for item in mine])
    if form.is_valid():
        data = form.cleaned_data
        try:
            body = access.access_inbox_answering(request.user, org)
            done = services.recommendation_bulk_answer(
                actor=request.user,
                items=[item for item in mine if item.pk in set(data["items"])],
                by_org=body,
                answered_on=data["answered_on"],
                answer=data["answer"],
            )
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            messages.success(request, _("Đã ghi câu trả lời chung cho %(n)s kiến nghị.") % {"n": len(done)})
            return redirect(f"{_url('democracy:recommendation_inbox')}?{urlencode({'organization': org.pk})}")
    filters_form = ListFilterForm({"organization": org.pk})
    filters = filters_form.filters()
    today = timezone.localdate()
    page = ListPaginator(selectors.inbox(org, today=today, **filters), PAGE_SIZE).get_page(1)
    _decorate(page, today)
    return _inbox_page(request, org, filters_form, filters, page, today, bulk_form=form, status=422)


def _int(value: Any) -> int | None:
    from danvan.core.params import digits_int

    try:
        return digits_int(value)
    except (DomainError, ValueError, TypeError):
        return None


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


@login_required
@require_GET
def recommendation_inbox_xlsx(request: HttpRequest) -> HttpResponseBase:
    """The inbox, as filtered, as XLSX (formula-safe)."""
    form = ListFilterForm(request.GET)
    org = _inbox_org(request, form)
    items = selectors.inbox(org, **form.filters())[:XLSX_MAX_ROWS]
    return recommendations_xlsx(items, _("Kiến nghị gửi %(body)s") % {"body": org.name}, "kien-nghi-can-tra-loi.xlsx")


# --- Waiting list --------------------------------------------------------------------------------------------------


def _waiting_items(request: HttpRequest, form: ListFilterForm) -> tuple[Any, Any]:
    org_id = form.cleaned_data.get("organization") if form.is_valid() else None
    org = access.access_inbox_org(request.user, org_id) if org_id else None
    scope_q = access.read_scope(request.user).q("unit_path")
    items = selectors.waiting(access.recommendations_visible_to(request.user), scope_q, org, **form.filters())
    return org, items


@login_required
@require_GET
def recommendation_waiting(request: HttpRequest) -> HttpResponse:
    """What the officer's units (or one of their organizations) raised and wait for: open, then answered and
    waiting for the raiser's assessment."""
    form = ListFilterForm(request.GET)
    org, items = _waiting_items(request, form)
    today = timezone.localdate()
    page = ListPaginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    _decorate(page, today)
    filters = form.filters()
    context = {
        "org": org,
        "orgs": access.waiting_orgs(request.user),
        "form": form,
        "filters": filters,
        "page": page,
        "today": today,
        "query": urlencode({**({"organization": org.pk} if org else {}), **{k: v for k, v in filters.items() if v}}),
    }
    return render(request, "democracy/recommendations/waiting.html", context)


@login_required
@require_GET
def recommendation_waiting_xlsx(request: HttpRequest) -> HttpResponseBase:
    form = ListFilterForm(request.GET)
    _org, items = _waiting_items(request, form)
    return recommendations_xlsx(items[:XLSX_MAX_ROWS], _("Kiến nghị đang chờ trả lời"), "kien-nghi-dang-cho.xlsx")


# --- One item ------------------------------------------------------------------------------------------------------


def _detail(request: HttpRequest, item: Recommendation, status: int = 200, **given: Any) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    _decorate([item], today)
    is_open = item.status == RecommendationStatus.OPEN
    can_answer = is_open and access.can_answer_recommendation(user, item)
    can_assess = item.status == RecommendationStatus.ANSWERED and access.can_assess_recommendation(user, item)
    can_keep = access.can_assess_recommendation(user, item)
    version = {"version": item.version}
    context = {
        "item": item,
        "today": today,
        "timeline": selectors.timeline(item),
        "event_link": _event_link(item),
        "can_open_inbox": access.can_open_inbox(user),
        "can_answer": can_answer,
        "can_transfer": can_answer,
        "can_assess": can_assess,
        "can_keep": can_keep,
        "answer_form": given.get("answer") or AnswerForm(initial={**version, "answered_on": today}),
        "transfer_form": given.get("transfer")
        or _transfer_form(item, targets=services.transfer_targets(item) if can_answer else None, initial=version),
        "assess_form": given.get("assess") or AssessForm(initial=version),
        "duplicate_form": given.get("duplicate") or DuplicateForm(initial=version),
        "hidden_form": given.get("hidden") or HiddenForm(initial={**version, "hidden": not item.public_hidden}),
        "duplicates": likely_duplicates(
            item.content,
            item.province_code,
            exclude_id=item.pk,
            visible=access.recommendations_visible_q(user),
        ),
        "duplicate_of": access.recommendations_visible_to(user).filter(pk=item.duplicate_of_id).first()
        if item.duplicate_of_id
        else None,
        "reraised_from": access.recommendations_visible_to(user).filter(pk=item.reraised_from_id).first()
        if item.reraised_from_id
        else None,
    }
    return render(request, "democracy/recommendations/detail.html", context, status=status)


def _event_link(item: Recommendation) -> str:
    """The officers' page of the event the item was raised at, when the tracker knows it."""
    from django.urls import NoReverseMatch, reverse

    names = {
        "communitymeeting": ("democracy:meeting_detail", "meeting_id"),
        "boardsession": ("democracy:board_session_detail", "board_session_id"),
        "supervision": ("democracy:supervision_detail", "supervision_id"),
        "staffdialogue": ("democracy:staff_dialogue_detail", "dialogue_id"),
        "votercontact": ("democracy:voter_contact_detail", "contact_id"),
    }
    found = names.get(item.event_type.model)
    if found is None:
        return ""
    try:
        return reverse(found[0], kwargs={found[1]: item.event_id})
    except NoReverseMatch:
        return ""


@login_required
@require_GET
def recommendation_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    """One item: its source, content, who raised it, the addressed body, deadline and timeline (raised, transfers,
    answer, assessment, re-raise), likely duplicates, and the actions the officer may take; with ``?picker=to_org``
    the transfer form's matches, for an officer who may transfer it."""
    item = access.access_recommendation(request.user, item_id)
    if request.GET.get("picker"):
        if not (item.status == RecommendationStatus.OPEN and access.can_answer_recommendation(request.user, item)):
            raise Http404
        matches = picker_response(request, _transfer_form(item, targets=services.transfer_targets(item)))
        if matches is not None:
            return matches
    return _detail(request, item)


def _transfer_form(item: Recommendation, *args: Any, **kwargs: Any) -> TransferForm:
    url = reverse("democracy:recommendation_detail", kwargs={"item_id": item.pk})
    return TransferForm(*args, search_url=url, **kwargs)


def _act(
    request: HttpRequest, item: Recommendation, form: Any, name: str, call: Callable[[dict[str, Any]], Any], done: str
) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            messages.success(request, done)
            return redirect("democracy:recommendation_detail", item_id=item.pk)
    return _detail(request, access.access_recommendation(request.user, item.pk), status=422, **{name: form})


@login_required
@require_POST
def recommendation_answer(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_recommendation(request.user, item_id)
    form = AnswerForm(request.POST, request.FILES)

    def answer(data: dict[str, Any]) -> Any:
        body = access.answering_org_for(request.user, item)
        document = services.store_answer_document(request.user, item, data.get("document"))
        return services.recommendation_answer(
            actor=request.user,
            item=item,
            expected_version=data["version"],
            answered_on=data["answered_on"],
            answer=data["answer"],
            by_org=body,
            document=document,
        )

    return _act(request, item, form, "answer", answer, _("Đã ghi câu trả lời."))


@login_required
@require_POST
def recommendation_transfer(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_recommendation(request.user, item_id)
    form = _transfer_form(item, request.POST, targets=services.transfer_targets(item))

    def transfer(data: dict[str, Any]) -> Any:
        access.answering_org_for(request.user, item)
        return services.recommendation_transfer(
            actor=request.user,
            item=item,
            expected_version=data["version"],
            to_org=data["to_org"],
            reason=data["reason"],
        )

    return _act(request, item, form, "transfer", transfer, _("Đã chuyển kiến nghị; hạn trả lời tính lại."))


@login_required
@require_POST
def recommendation_assess(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_recommendation(request.user, item_id, for_write=True)
    form = AssessForm(request.POST)

    def assess(data: dict[str, Any]) -> Any:
        return services.recommendation_assess(
            actor=request.user,
            item=item,
            expected_version=data["version"],
            assessment=data["assessment"],
            reason=data["reason"],
            outcome=data["outcome"],
        )

    return _act(request, item, form, "assess", assess, _("Đã ghi đánh giá của bên kiến nghị."))


@login_required
@require_POST
def recommendation_duplicate(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_recommendation(request.user, item_id, for_write=True)
    form = DuplicateForm(request.POST)

    def mark(data: dict[str, Any]) -> Any:
        other = None
        if data.get("duplicate_of"):
            other = access.recommendations_visible_to(request.user).filter(pk=data["duplicate_of"]).first()
            if other is None:
                raise services.invalid(
                    "unknown_recommendation", _("Không có kiến nghị số này trong phạm vi của bạn."), "duplicate_of"
                )
        return services.recommendation_mark_duplicate(
            actor=request.user, item=item, expected_version=data["version"], duplicate_of=other
        )

    return _act(request, item, form, "duplicate", mark, _("Đã cập nhật đánh dấu trùng."))


@login_required
@require_POST
def recommendation_hidden(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_recommendation(request.user, item_id, for_write=True)
    form = HiddenForm(request.POST)

    def hide(data: dict[str, Any]) -> Any:
        return services.recommendation_set_hidden(
            actor=request.user, item=item, expected_version=data["version"], hidden=data["hidden"]
        )

    return _act(request, item, form, "hidden", hide, _("Đã cập nhật hiển thị trên trang công khai."))


@login_required
@require_GET
def recommendation_document(request: HttpRequest, item_id: int) -> HttpResponseBase:
    """The answer's document, for officers who read the item."""
    item = access.access_recommendation(request.user, item_id)
    attachment = item.answer_document
    if attachment is None:
        raise Http404
    return stream_response(attachment.file.open("rb"), attachment.content_type, attachment_download_name(attachment))


# --- Public --------------------------------------------------------------------------------------------------------


@require_GET
def public_recommendation_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A commune's recommendations raised in public settings (voter contacts, dialogues, year-end meetings) with
    the body addressed, the deadline, the status and the answer; never who raised them; hidden ones as hidden."""
    commune = access.access_public_recommendation_commune(unit_id)
    form = PublicFilterForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    if q:
        try:
            check_request(request, PUBLIC_SEARCH_SCOPE, limit=PUBLIC_SEARCH_LIMIT, per_seconds=60)
        except DomainError as error:
            return HttpResponse(str(error.message), status=error.status, content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    page = ListPaginator(selectors.public_items(commune, q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    _decorate(page, today)
    context = {
        "unit": commune,
        "form": form,
        "page": page,
        "q": q,
        "today": today,
        "query": urlencode({"q": q} if q else {}),
    }
    return render(request, "democracy/recommendations/public_list.html", context)


@require_GET
def public_recommendation_detail(request: HttpRequest, unit_id: int, item_id: int) -> HttpResponse:
    commune = access.access_public_recommendation_commune(unit_id)
    item = access.access_public_recommendation(commune, item_id)
    today = timezone.localdate()
    _decorate([item], today)
    return render(
        request, "democracy/recommendations/public_detail.html", {"unit": commune, "item": item, "today": today}
    )
