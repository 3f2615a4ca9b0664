"""Officers' pages of dialogues with staff and voter contacts: the lists (with their XLSX), recording a dialogue,
the yearly compliance of dialogues, electoral areas, scheduling and recording a voter contact, the fast entry of
many questions at once, and the DOCX list of voters' recommendations with their answers."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError
from danvan.core.idempotency import submission_key
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.params import digits_int
from danvan.core.pickers import picker_response
from danvan.core.subtree import subtree_q
from danvan.core.xlsx import xlsx_response
from danvan.democracy import access, contact_documents, contact_xlsx
from danvan.democracy import contact_services as services
from danvan.democracy.contact_forms import (
    MAX_ROWS,
    QUESTION_ROWS,
    ContactListForm,
    DialogueListForm,
    ElectoralAreaEditForm,
    ElectoralAreaForm,
    QuestionKeyForm,
    StaffDialogueEditForm,
    StaffDialogueForm,
    VoterContactCancelForm,
    VoterContactForm,
    VoterContactRecordForm,
    question_formset,
)
from danvan.democracy.contact_selectors import search_contacts, search_dialogues, staff_dialogue_compliance
from danvan.democracy.models import (
    ContactStatus,
    ElectoralArea,
    Recommendation,
    StaffDialogue,
    VoterContact,
)
from danvan.democracy.view_kit import compliance_page, run_form, run_service

PAGE_SIZE = 25


def _detail_link(item: Recommendation) -> str:
    """The tracker's page of ``item`` when the tracker provides one."""
    try:
        return reverse("democracy:recommendation_detail", args=[item.pk])
    except NoReverseMatch:
        return ""


def _questions_of(event: Any) -> list[tuple[Recommendation, str]]:
    items = Recommendation.objects.for_event(event).select_related("addressee_org").order_by("id")
    return [(item, _detail_link(item)) for item in items]


def _export_unit(request: HttpRequest) -> AdministrativeUnit | None:
    return access.default_statistics_unit(request.user)


# --- Dialogues with staff --------------------------------------------------------------------------------------


def _dialogues(request: HttpRequest) -> tuple[DialogueListForm, Any]:
    filters = DialogueListForm(request.GET)
    dialogues = access.staff_dialogues_visible_to(request.user).select_related("unit", "organization")
    if filters.is_valid():
        if filters.cleaned_data.get("year"):
            dialogues = dialogues.filter(year=filters.cleaned_data["year"])
        if filters.cleaned_data.get("q"):
            dialogues = search_dialogues(dialogues, filters.cleaned_data["q"])
    return filters, dialogues.order_by("-held_on", "-id")


@login_required
def staff_dialogue_list(request: HttpRequest) -> HttpResponse:
    """Dialogues with staff held by the bodies of the officer's units, latest first."""
    filters, dialogues = _dialogues(request)
    page = ListPaginator(dialogues, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_create": access.dialogue_bodies_for(request.user).exists(),
        "query": request.GET.urlencode(),
    }
    return render(request, "democracy/contacts/dialogue_list.html", context)


@login_required
def staff_dialogue_xlsx(request: HttpRequest) -> HttpResponse:
    """The list (with its filters) as XLSX."""
    _filters, dialogues = _dialogues(request)
    unit = _export_unit(request)
    return xlsx_response(contact_xlsx.dialogues_xlsx(dialogues, unit), "doi-thoai-can-bo.xlsx")


@login_required
def staff_dialogue_create(request: HttpRequest) -> HttpResponse:
    """Record a dialogue the head of a body held with its staff."""
    bodies = access.dialogue_bodies_for(request.user)
    if not bodies.exists():
        raise Http404
    if request.method == "POST":
        form = StaffDialogueForm(request.POST, bodies=bodies)
        if form.is_valid():
            data = form.cleaned_data
            body = access.access_dialogue_body_for_write(request.user, data["organization"].pk)
            dialogue = run_service(
                form,
                lambda: services.staff_dialogue_record(
                    actor=request.user,
                    organization=body,
                    held_on=data["held_on"],
                    chaired_by=data["chaired_by"],
                    participants=data["participants"],
                    place=data["place"],
                    topics=data["topics"],
                    minutes=data["minutes"],
                    submission_key=submission_key(request.user, data["submission_key"]),
                ),
            )
            if dialogue is not None:
                messages.success(request, _("Đã ghi buổi đối thoại. Ghi tiếp các ý kiến được nêu."))
                return redirect("democracy:staff_dialogue_questions", dialogue_id=dialogue.pk)
        status = 422
    else:
        form = StaffDialogueForm(
            bodies=bodies, initial={"submission_key": uuid.uuid4().hex, "held_on": timezone.localdate()}
        )
        if (matches := picker_response(request, form)) is not None:
            return matches
        status = 200
    return render(request, "democracy/contacts/dialogue_form.html", {"form": form}, status=status)


def _dialogue_detail(request: HttpRequest, dialogue: StaffDialogue, edit: Any = None) -> HttpResponse:
    context = {
        "dialogue": dialogue,
        "can_write": access.can_keep_contacts_at(request.user, dialogue.unit),
        "questions": _questions_of(dialogue),
        "edit_form": edit
        or StaffDialogueEditForm(
            initial={
                "version": dialogue.version,
                "held_on": dialogue.held_on,
                "chaired_by": dialogue.chaired_by,
                "participants": dialogue.participants,
                "place": dialogue.place,
                "topics": dialogue.topics,
                "minutes": dialogue.minutes,
            }
        ),
    }
    return render(request, "democracy/contacts/dialogue_detail.html", context, status=422 if edit else 200)


@login_required
def staff_dialogue_detail(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    return _dialogue_detail(request, access.access_staff_dialogue(request.user, dialogue_id))


@login_required
@require_POST
def staff_dialogue_edit(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = access.access_staff_dialogue(request.user, dialogue_id, for_write=True)
    form = StaffDialogueEditForm(request.POST)
    done = run_form(
        form,
        lambda data: services.staff_dialogue_edit(
            actor=request.user,
            dialogue=dialogue,
            expected_version=data["version"],
            held_on=data["held_on"],
            chaired_by=data["chaired_by"],
            participants=data["participants"],
            place=data["place"],
            topics=data["topics"],
            minutes=data["minutes"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã sửa buổi đối thoại."))
        return redirect("democracy:staff_dialogue_detail", dialogue_id=dialogue.pk)
    return _dialogue_detail(request, dialogue, edit=form)


@login_required
def staff_dialogue_compliance_page(request: HttpRequest) -> HttpResponse:
    """The bodies under a unit whose heads held fewer dialogues with their staff than required in a year."""
    return compliance_page(
        request, report=staff_dialogue_compliance, template="democracy/contacts/dialogue_compliance.html"
    )


# --- Questions (many at once) ----------------------------------------------------------------------------------


def _rows_wanted(request: HttpRequest) -> int:
    rows = digits_int(request.GET.get("rows"), most=MAX_ROWS)
    return rows or QUESTION_ROWS


def _questions_page(
    request: HttpRequest, event: Any, *, back: str, title: str, default_body: Any, can_write: bool
) -> HttpResponse:
    bodies = services.addressable_bodies(event.unit)
    status = 200
    if request.method == "POST":
        if not can_write:
            raise Http404
        key_form = QuestionKeyForm(request.POST)
        formset = question_formset(request.POST, bodies=bodies)
        if key_form.is_valid() and formset.is_valid():
            lines = [
                services.QuestionLine(
                    raised_by=row.cleaned_data["raised_by"],
                    content=row.cleaned_data["content"],
                    addressee_org=row.cleaned_data["addressee_org"],
                    kind=row.cleaned_data["kind"],
                    field=row.cleaned_data["field"],
                )
                for row in formset.forms
                if not row.is_blank
            ]
            try:
                made = services.raise_questions(
                    actor=request.user,
                    event=event,
                    questions=lines,
                    submission_key=submission_key(request.user, key_form.cleaned_data["submission_key"]),
                    submission_fingerprint=str(len(lines)),
                )
            except DomainError as error:
                _place_row_errors(formset, error, [row for row in formset.forms if not row.is_blank])
            else:
                messages.success(request, _("Đã ghi %(count)s ý kiến, kiến nghị.") % {"count": len(made)})
                return redirect(request.path)
        status = 422
    else:
        key_form = QuestionKeyForm(initial={"submission_key": uuid.uuid4().hex})
        formset = question_formset(bodies=bodies, default_body=default_body, rows=_rows_wanted(request))
    context = {
        "event": event,
        "title": title,
        "back": back,
        "can_write": can_write,
        "formset": formset,
        "key_form": key_form,
        "questions": _questions_of(event),
        "more_rows": min(len(formset.forms) + QUESTION_ROWS, MAX_ROWS),
        "rows_limit": MAX_ROWS,
    }
    return render(request, "democracy/contacts/questions.html", context, status=status)


def _place_row_errors(formset: Any, error: DomainError, rows: list[Any]) -> None:
    """The service's refusal beside the row and field it names (``questions.<n>.<field>``), else above the rows."""
    placed = False
    for name, problems in (error.fields or {}).items():
        parts = name.split(".")
        if len(parts) == 3 and parts[0] == "questions" and parts[1].isdecimal() and int(parts[1]) < len(rows):
            row = rows[int(parts[1])]
            target = {"addressee_org_id": "addressee_org"}.get(parts[2], parts[2])
            for problem in problems:
                row.add_error(target if target in row.fields else None, problem)
            placed = True
    if not placed:
        formset._non_form_errors = formset.error_class([str(error.message)])


@login_required
def staff_dialogue_questions(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """The questions raised at a dialogue, and rows to record many more at once."""
    dialogue = access.access_staff_dialogue(request.user, dialogue_id, for_write=request.method == "POST")
    return _questions_page(
        request,
        dialogue,
        back=reverse("democracy:staff_dialogue_detail", args=[dialogue.pk]),
        title=_("Ý kiến tại buổi đối thoại của %(body)s") % {"body": dialogue.organization.name},
        default_body=dialogue.organization,
        can_write=access.can_keep_contacts_at(request.user, dialogue.unit),
    )


# --- Electoral areas -------------------------------------------------------------------------------------------


def _areas(request: HttpRequest) -> Any:
    return (
        access.electoral_areas_visible_to(request.user)
        .select_related("unit")
        .order_by("council_level", "unit_path", "number")
    )


@login_required
def electoral_area_list(request: HttpRequest) -> HttpResponse:
    """Electoral areas of the officer's councils and of the councils above covering their units."""
    page = ListPaginator(_areas(request), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "can_create": access.area_units_for(request.user).exists()}
    return render(request, "democracy/contacts/area_list.html", context)


@login_required
def electoral_area_xlsx(request: HttpRequest) -> HttpResponse:
    areas = _areas(request).prefetch_related("units")
    return xlsx_response(contact_xlsx.areas_xlsx(areas, _export_unit(request)), "don-vi-bau-cu.xlsx")


def _coverable(user: Any) -> Any:
    """The villages of the officer's communes and the communes of their provinces (what an area may cover)."""
    councils = list(access.area_units_for(user))
    if not councils:
        return AdministrativeUnit.objects.none()
    communes = tuple(u.path for u in councils if u.level == UnitLevel.COMMUNE)
    provinces = tuple(u.path for u in councils if u.level == UnitLevel.PROVINCE)
    below = Q(pk__in=[])
    if communes:  # a commune council's areas cover its villages
        below |= subtree_q(communes, field="path") & Q(level=UnitLevel.VILLAGE)
    if provinces:  # a province council's areas cover its communes
        below |= subtree_q(provinces, field="path") & Q(level=UnitLevel.COMMUNE)
    return (
        AdministrativeUnit.objects.filter(below, tree=UnitTree.CURRENT, valid_to__isnull=True)
        .exclude(pk__in=[unit.pk for unit in councils])
        .order_by("path")
    )


@login_required
def electoral_area_create(request: HttpRequest) -> HttpResponse:
    units = access.area_units_for(request.user)
    if not units.exists():
        raise Http404
    covered = _coverable(request.user)
    if request.method == "POST":
        form = ElectoralAreaForm(request.POST, units=units, covered=covered)
        if form.is_valid():
            data = form.cleaned_data
            unit = access.access_area_unit_for_write(request.user, data["unit"].pk)
            area = run_service(
                form,
                lambda: services.electoral_area_create(
                    actor=request.user,
                    unit=unit,
                    number=data["number"],
                    name=data["name"],
                    term=data["term"],
                    units=list(data["units"]),
                    deputies=data["deputies"],
                    submission_key=submission_key(request.user, data["submission_key"]),
                ),
            )
            if area is not None:
                messages.success(request, _("Đã ghi đơn vị bầu cử."))
                return redirect("democracy:electoral_area_detail", area_id=area.pk)
        status = 422
    else:
        form = ElectoralAreaForm(
            units=units, covered=covered, initial={"submission_key": uuid.uuid4().hex, "unit": units.first()}
        )
        status = 200
    return render(request, "democracy/contacts/area_form.html", {"form": form}, status=status)


def _area_detail(request: HttpRequest, area: ElectoralArea, **given: Any) -> HttpResponse:
    can_write = access.can_keep_contacts_at(request.user, area.unit)
    places = services.contact_places(area)
    schedulable = [place for place in places if access.can_keep_contacts_at(request.user, place)]
    ids = [place.pk for place in schedulable]
    context = {
        "area": area,
        "can_write": can_write,
        "covered": list(area.units.order_by("path")),
        "contacts": access.voter_contacts_visible_to(request.user)
        .filter(area=area)
        .select_related("unit")
        .order_by("-held_on", "-id"),
        "edit_form": given.get("edit")
        or ElectoralAreaEditForm(
            covered=_coverable(request.user),
            initial={
                "version": area.version,
                "number": area.number,
                "name": area.name,
                "term": area.term,
                "units": list(area.units.values_list("pk", flat=True)),
                "deputies": area.deputies,
            },
        ),
        "contact_form": given.get("contact")
        or (
            VoterContactForm(
                units=AdministrativeUnit.objects.filter(pk__in=ids).order_by("path"),
                initial={"submission_key": uuid.uuid4().hex, "unit": ids[0]},
            )
            if ids
            else None
        ),
    }
    return render(request, "democracy/contacts/area_detail.html", context, status=422 if given else 200)


@login_required
def electoral_area_detail(request: HttpRequest, area_id: int) -> HttpResponse:
    return _area_detail(request, access.access_electoral_area(request.user, area_id))


@login_required
@require_POST
def electoral_area_edit(request: HttpRequest, area_id: int) -> HttpResponse:
    area = access.access_electoral_area(request.user, area_id, for_write=True)
    form = ElectoralAreaEditForm(request.POST, covered=_coverable(request.user))
    done = run_form(
        form,
        lambda data: services.electoral_area_edit(
            actor=request.user,
            area=area,
            expected_version=data["version"],
            number=data["number"],
            name=data["name"],
            term=data["term"],
            units=list(data["units"]),
            deputies=data["deputies"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã sửa đơn vị bầu cử."))
        return redirect("democracy:electoral_area_detail", area_id=area.pk)
    return _area_detail(request, area, edit=form)


@login_required
@require_POST
def voter_contact_create(request: HttpRequest, area_id: int) -> HttpResponse:
    """Schedule a voter contact of the area's deputies at one of its communes (an officer there)."""
    area = access.access_electoral_area(request.user, area_id)
    ids = [p.pk for p in services.contact_places(area) if access.can_keep_contacts_at(request.user, p)]
    if not ids:
        raise Http404
    form = VoterContactForm(request.POST, units=AdministrativeUnit.objects.filter(pk__in=ids))
    if form.is_valid():
        data = form.cleaned_data
        unit = access.access_contact_unit_for_write(request.user, data["unit"].pk)
        contact = run_service(
            form,
            lambda: services.voter_contact_schedule(
                actor=request.user,
                area=area,
                unit=unit,
                session_name=data["session_name"],
                timing=data["timing"],
                session_on=data["session_on"],
                held_on=data["held_on"],
                place=data["place"],
                submission_key=submission_key(request.user, data["submission_key"]),
            ),
        )
        if contact is not None:
            messages.success(request, _("Đã lên lịch tiếp xúc cử tri."))
            return redirect("democracy:voter_contact_detail", contact_id=contact.pk)
    return _area_detail(request, area, contact=form)


# --- Voter contacts --------------------------------------------------------------------------------------------


def _contacts(request: HttpRequest) -> tuple[ContactListForm, Any]:
    filters = ContactListForm(request.GET)
    contacts = access.voter_contacts_visible_to(request.user).select_related("unit", "area")
    if filters.is_valid():
        if filters.cleaned_data.get("year"):
            contacts = contacts.filter(held_on__year=filters.cleaned_data["year"])
        if filters.cleaned_data.get("timing"):
            contacts = contacts.filter(timing=filters.cleaned_data["timing"])
        if filters.cleaned_data.get("status"):
            contacts = contacts.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data.get("past"):
            contacts = contacts.filter(held_on__lt=timezone.localdate())
        if filters.cleaned_data.get("q"):
            contacts = search_contacts(contacts, filters.cleaned_data["q"])
    return filters, contacts.order_by("-held_on", "-id")


@login_required
def voter_contact_list(request: HttpRequest) -> HttpResponse:
    """Voter contacts at the officer's units, latest first."""
    filters, contacts = _contacts(request)
    page = ListPaginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "democracy/contacts/contact_list.html",
        {"filters": filters, "page": page, "query": request.GET.urlencode()},
    )


@login_required
def voter_contact_xlsx(request: HttpRequest) -> HttpResponse:
    _filters, contacts = _contacts(request)
    return xlsx_response(contact_xlsx.contacts_xlsx(contacts, _export_unit(request)), "tiep-xuc-cu-tri.xlsx")


def _contact_detail(request: HttpRequest, contact: VoterContact, **given: Any) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "contact": contact,
        "today": today,
        "can_write": access.can_keep_contacts_at(request.user, contact.unit),
        "questions": _questions_of(contact),
        "record_form": given.get("record")
        or VoterContactRecordForm(
            initial={
                "version": contact.version,
                "voters_attending": contact.voters_attending,
                "deputies_present": contact.deputies_present or contact.area.deputies,
                "minutes": contact.minutes,
            }
        ),
        "cancel_form": given.get("cancel") or VoterContactCancelForm(initial={"version": contact.version}),
    }
    return render(request, "democracy/contacts/contact_detail.html", context, status=422 if given else 200)


@login_required
def voter_contact_detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    return _contact_detail(request, access.access_voter_contact(request.user, contact_id))


@login_required
@require_POST
def voter_contact_record(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access.access_voter_contact(request.user, contact_id, for_write=True)
    form = VoterContactRecordForm(request.POST)
    done = run_form(
        form,
        lambda data: services.voter_contact_record(
            actor=request.user,
            contact=contact,
            expected_version=data["version"],
            voters_attending=data["voters_attending"],
            deputies_present=data["deputies_present"],
            minutes=data["minutes"],
        ),
    )
    if done is not None:
        messages.success(request, _("Đã ghi kết quả tiếp xúc. Ghi tiếp các ý kiến cử tri."))
        return redirect("democracy:voter_contact_questions", contact_id=contact.pk)
    return _contact_detail(request, contact, record=form)


@login_required
@require_POST
def voter_contact_cancel(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access.access_voter_contact(request.user, contact_id, for_write=True)
    form = VoterContactCancelForm(request.POST)
    done = run_form(
        form,
        lambda data: services.voter_contact_cancel(
            actor=request.user, contact=contact, expected_version=data["version"], reason=data["reason"]
        ),
    )
    if done is not None:
        messages.success(request, _("Đã hủy buổi tiếp xúc."))
        return redirect("democracy:voter_contact_detail", contact_id=contact.pk)
    return _contact_detail(request, contact, cancel=form)


@login_required
def voter_contact_questions(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The voters' questions of a held contact, and rows to record many more at once."""
    contact = access.access_voter_contact(request.user, contact_id, for_write=request.method == "POST")
    if contact.status != ContactStatus.HELD:
        messages.error(request, _("Ghi kết quả buổi tiếp xúc trước khi ghi ý kiến cử tri."))
        return redirect("democracy:voter_contact_detail", contact_id=contact.pk)
    default = (
        services.addressable_bodies(contact.unit).filter(unit=contact.unit, kind__code="peoples_committee").first()
    )
    return _questions_page(
        request,
        contact,
        back=reverse("democracy:voter_contact_detail", args=[contact.pk]),
        title=_("Ý kiến cử tri – %(area)s, %(day)s")
        % {"area": contact.area.name, "day": contact.held_on.strftime("%d/%m/%Y")},
        default_body=default,
        can_write=access.can_keep_contacts_at(request.user, contact.unit),
    )


@login_required
def voter_contact_docx(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The list of voters' recommendations raised at a contact, with the answers, as DOCX."""
    contact = access.access_voter_contact(request.user, contact_id)
    try:
        return contact_documents.recommendations_response(contact)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("democracy:voter_contact_detail", contact_id=contact.pk)


@login_required
def voter_contact_session_docx(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The list of voters' recommendations of every contact held for the contact's session, as one DOCX."""
    contact = access.access_voter_contact(request.user, contact_id)
    try:
        return contact_documents.session_response(contact, access.voter_contacts_visible_to(request.user))
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("democracy:voter_contact_detail", contact_id=contact.pk)
