"""Officers' pages of year-end meetings and dialogues: the list, scheduling, one meeting (record its result, send
it, cancel, the items raised and their answers), the items still to answer, and the yearly compliance."""

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
from danvan.democracy import access, meeting_documents, recommendation_services
from danvan.democracy import meeting_services as services
from danvan.democracy.meeting_compliance import meeting_compliance
from danvan.democracy.meeting_forms import (
    MeetingCancelForm,
    MeetingForm,
    MeetingListForm,
    MeetingRecordForm,
    MeetingSendForm,
    RaisedItemAnswerForm,
    RaisedItemForm,
)
from danvan.democracy.models import CommunityMeeting, MeetingStatus, Recommendation, RecommendationField
from danvan.democracy.recommendation_duplicates import duplicates_notice
from danvan.democracy.view_kit import compliance_page, run_form

PAGE_SIZE = 25


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Meetings of the officer's units, latest first, by year and kind."""
    filters = MeetingListForm(request.GET)
    meetings = access.meetings_visible_to(request.user).select_related("unit")
    if filters.is_valid():
        if filters.cleaned_data.get("year"):
            meetings = meetings.filter(year=filters.cleaned_data["year"])
        if filters.cleaned_data.get("kind"):
            meetings = meetings.filter(kind=filters.cleaned_data["kind"])
    page = ListPaginator(meetings.order_by("-held_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "democracy/meetings/list.html",
        {"filters": filters, "page": page, "can_schedule": access.meeting_units_for(request.user).exists()},
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Schedule a year-end meeting or a dialogue (the notice rule is checked by the service)."""
    units = access.meeting_units_for(request.user)
    if not units.exists():
        raise Http404
    if request.method == "POST":
        form = MeetingForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                unit = access.access_meeting_unit_for_write(request.user, data["unit"].pk, data["kind"])
                meeting = services.meeting_schedule(
                    actor=request.user,
                    unit=unit,
                    kind=data["kind"],
                    held_on=data["held_on"],
                    year=data.get("year"),
                    title=data["title"],
                    starts_at=data["starts_at"],
                    place=data["place"],
                    notice_on=data["notice_on"],
                    chaired_by=data["chaired_by"],
                    submission_key=submission_key(request.user, data["submission_key"]),
                )
            except Http404:
                form.add_error("unit", _("Loại hội nghị này không tổ chức ở đơn vị đã chọn."))
            except DomainError as error:
                apply_errors(form, error, field_names={"unit_id": "unit"})
            else:
                messages.success(request, _("Đã lên lịch hội nghị."))
                return redirect("democracy:meeting_detail", meeting_id=meeting.pk)
    else:
        form = MeetingForm(units=units, initial={"submission_key": uuid.uuid4().hex, "unit": units.first()})
        if (matches := picker_response(request, form)) is not None:
            return matches
    return render(request, "democracy/meetings/form.html", {"form": form})


def _detail(request: HttpRequest, meeting: CommunityMeeting, **forms_given: Any) -> HttpResponse:
    today = timezone.localdate()
    can_write = access.can_keep_meetings_at(request.user, meeting.unit)
    items = list(Recommendation.objects.for_event(meeting).select_related("addressee_org").order_by("id"))
    for item in items:
        item.can_answer = item.status == "open" and access.can_answer_recommendation(request.user, item)  # type: ignore[attr-defined]
    answer_forms = {
        item.pk: forms_given.get(f"answer_{item.pk}")
        or RaisedItemAnswerForm(initial={"version": item.version, "answered_on": today}, prefix=f"a{item.pk}")
        for item in items
    }
    context = {
        "meeting": meeting,
        "today": today,
        "can_write": can_write,
        "items": [(item, answer_forms[item.pk]) for item in items],
        "notice_days": services.notice_days_required(meeting.held_on),
        "record_form": forms_given.get("record")
        or MeetingRecordForm(
            initial={
                "version": meeting.version,
                "participants": meeting.participants,
                "households_total": meeting.households_total,
                "households_present": meeting.households_present,
                "chaired_by": meeting.chaired_by,
                "report_village_head": meeting.report_village_head,
                "report_front_committee": meeting.report_front_committee,
                "report_inspection_board": meeting.report_inspection_board,
                "minutes": meeting.minutes,
            }
        ),
        "send_form": forms_given.get("send")
        or MeetingSendForm(
            initial={
                "version": meeting.version,
                "to_committee_on": meeting.sent_to_committee_on or today,
                "to_front_on": meeting.sent_to_front_on or today,
            }
        ),
        "cancel_form": forms_given.get("cancel") or MeetingCancelForm(initial={"version": meeting.version}),
        "item_form": forms_given.get("item") or RaisedItemForm(initial={"submission_key": uuid.uuid4().hex}),
    }
    status = 422 if forms_given else 200
    return render(request, "democracy/meetings/detail.html", context, status=status)


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _detail(request, access.access_meeting(request.user, meeting_id))


@login_required
@require_POST
def meeting_record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = MeetingRecordForm(request.POST)
    done = run_form(
        form,
        lambda data: services.meeting_record(
            actor=request.user,
            meeting=meeting,
            expected_version=data["version"],
            participants=data["participants"],
            households_total=data["households_total"],
            households_present=data["households_present"],
            chaired_by=data["chaired_by"],
            report_village_head=data["report_village_head"],
            report_front_committee=data["report_front_committee"],
            report_inspection_board=data["report_inspection_board"],
            minutes=data["minutes"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi kết quả hội nghị."))
        return redirect("democracy:meeting_detail", meeting_id=meeting.pk)
    return _detail(request, meeting, record=form)


@login_required
@require_POST
def meeting_send(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = MeetingSendForm(request.POST)
    done = run_form(
        form,
        lambda data: services.meeting_send_result(
            actor=request.user,
            meeting=meeting,
            expected_version=data["version"],
            to_committee_on=data["to_committee_on"],
            to_front_on=data["to_front_on"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi ngày gửi kết quả."))
        return redirect("democracy:meeting_detail", meeting_id=meeting.pk)
    return _detail(request, meeting, send=form)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = MeetingCancelForm(request.POST)
    done = run_form(
        form,
        lambda data: services.meeting_cancel(
            actor=request.user, meeting=meeting, expected_version=data["version"], reason=data["reason"]
        ),
    )
    if done is not None:
        messages.success(request, _("Đã hủy hội nghị."))
        return redirect("democracy:meeting_detail", meeting_id=meeting.pk)
    return _detail(request, meeting, cancel=form)


@login_required
@require_POST
def meeting_item_create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, meeting_id, for_write=True)
    form = RaisedItemForm(request.POST)
    done = run_form(
        form,
        lambda data: services.meeting_raise_item(
            actor=request.user,
            meeting=meeting,
            kind=data["kind"],
            raised_by=data["raised_by"],
            content=data["content"],
            addressee=data["addressee"],
            addressee_note=data["addressee_note"],
            field=data["field"] or RecommendationField.OTHER,
            submission_key=submission_key(request.user, data["submission_key"]),
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi ý kiến, kiến nghị."))
        warning = duplicates_notice(done, access.recommendations_visible_q(request.user))
        if warning:
            messages.warning(request, warning)
        return redirect("democracy:meeting_detail", meeting_id=meeting.pk)
    return _detail(request, meeting, item=form)


@login_required
@require_POST
def raised_item_answer(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_recommendation(request.user, item_id)
    form = RaisedItemAnswerForm(request.POST, prefix=f"a{item.pk}")
    done = run_form(
        form,
        lambda data: recommendation_services.recommendation_answer(
            actor=request.user,
            item=item,
            expected_version=data["version"],
            answered_on=data["answered_on"],
            answer=data["answer"],
            by_org=access.answering_org_for(request.user, item),
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi câu trả lời."))
        if isinstance(item.event, CommunityMeeting):
            return redirect("democracy:meeting_detail", meeting_id=item.event_id)
        return redirect("democracy:raised_items")
    meeting = item.event
    if not isinstance(meeting, CommunityMeeting):
        raise Http404
    return _detail(request, access.access_meeting(request.user, meeting.pk), **{f"answer_{item.pk}": form})


@login_required
def meeting_minutes_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The minutes of a held meeting as DOCX (from the editable template)."""
    meeting = access.access_meeting(request.user, meeting_id)
    try:
        return meeting_documents.minutes_response(meeting)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("democracy:meeting_detail", meeting.pk)


@login_required
def raised_item_list(request: HttpRequest) -> HttpResponse:
    """The items raised in the officer's units that still need an answer (overdue first), then those answered."""
    show = request.GET.get("show", "open")
    show = show if show in ("open", "overdue", "answered") else "open"
    today = timezone.localdate()
    items = access.recommendations_visible_to(request.user).select_related("unit", "event_type")
    if show == "answered":
        ordered = items.filter(answered_on__isnull=False).order_by("-answered_on")
    else:
        items = items.overdue(today) if show == "overdue" else items.open()
        ordered = items.order_by("due_on", "raised_on", "id")
    page = ListPaginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "show": show, "today": today, "query": urlencode({"show": show})}
    return render(request, "democracy/meetings/raised_items.html", context)


@login_required
def meeting_compliance_page(request: HttpRequest) -> HttpResponse:
    """Which communes held no dialogue and which villages no year-end meeting in a year."""
    return compliance_page(request, report=meeting_compliance, template="democracy/meetings/compliance.html")


def upcoming_for(user: Any, unit: Any) -> dict[str, int]:
    """What the home card counts for the officer's unit: meetings ahead, items to answer, items overdue."""
    if unit is None:
        return {}
    today = timezone.localdate()
    meetings = access.meetings_visible_to(user).filter(subtree_q(unit))
    items = access.recommendations_visible_to(user).filter(subtree_q(unit))
    return {
        "upcoming": meetings.filter(status=MeetingStatus.SCHEDULED, held_on__gte=today).count(),
        "open_items": items.open().count(),
        "overdue_items": items.overdue(today).count(),
    }
