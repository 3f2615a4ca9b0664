"""Officers' pages of community decisions and the citizens' receipt check. Protected records are fetched through
``access`` only (404 for another commune's); writes go through ``decision_services``; a refusal re-renders the
page with what was typed and the message beside its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import submission_key
from danvan.core.ratelimit import check_request
from danvan.democracy import access, decision_documents, decision_selectors, decision_services
from danvan.democracy.decision_forms import (
    AnnounceForm,
    BallotForm,
    CloseForm,
    DecisionCreateForm,
    DecisionFilterForm,
    ReceiptForm,
    RecognitionForm,
    SubmitForm,
)
from danvan.democracy.decision_tally import decision_tally
from danvan.democracy.models import CommunityDecision, DecisionStatus, Household

PAGE_SIZE = 20


def _commune_for_write(request: HttpRequest) -> Any:
    """The commune where the officer keeps decisions: ``?unit=`` when given, else their first one."""
    scope = access.write_scope(request.user)
    raw = request.GET.get("unit") or request.POST.get("unit")
    if raw and raw.isdigit():
        return access.access_commune_for_write(request.user, int(raw))
    from danvan.core.models import AdministrativeUnit, UnitLevel

    for path in scope.paths:
        unit = AdministrativeUnit.objects.filter(path=path, level=UnitLevel.COMMUNE).first()
        if unit is not None and access.can_write_at(request.user, unit):
            return unit
    raise Http404


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    form = DecisionFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    decisions = decision_selectors.decision_list(
        request.user,
        status=values.get("status") or None,
        q=values.get("q") or None,
        overdue=bool(values.get("overdue")),
    )
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "democracy/decisions/list.html", {"form": form, "page": page})


@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    commune = _commune_for_write(request)
    form = DecisionCreateForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = decision_services.decision_create(
                actor=request.user,
                commune=commune,
                matter=data["matter"],
                scope=data["scope"],
                villages=list(data["villages"]),
                form=data["form"],
                title=data["title"],
                content=data["content"],
                origin=data["origin"],
                proposal_households=data["proposal_households"],
                proposal_collected_on=data["proposal_collected_on"],
                submission_key=submission_key(request.user, data.get("submission_key")),
            )
        except DomainError as error:
            apply_errors(form, error, field_names={"village_ids": "villages"})
        else:
            messages.success(request, _("Đã lập nội dung %(number)s.") % {"number": decision.number})
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    if not form.is_bound:
        import uuid

        form.initial["submission_key"] = uuid.uuid4().hex
    return render(request, "democracy/decisions/form.html", {"form": form, "commune": commune})


def _detail(request: HttpRequest, decision: CommunityDecision, status: int = 200, **forms_: forms.Form) -> HttpResponse:
    found = decision_selectors.decision_detail(decision)
    tally = None
    error = ""
    if found.status != DecisionStatus.DRAFT:
        try:
            tally = decision_tally(found, on=found.closed_on)
        except DomainError as refused:
            error = str(refused.message)
    today = timezone.localdate()
    version = {"version": found.version}
    context = {
        "decision": found,
        "tally": tally,
        "tally_error": error,
        "can_write": access.can_write_at(request.user, found.unit),
        "can_recognize": access.can_recognize_decision(request.user, found),
        "announce_form": forms_.get("announce_form") or AnnounceForm(initial=version),
        "ballot_form": forms_.get("ballot_form") or BallotForm(),
        "close_form": forms_.get("close_form") or CloseForm(initial=version),
        "submit_form": forms_.get("submit_form") or SubmitForm(initial={**version, "submitted_on": today}),
        "recognition_form": forms_.get("recognition_form") or RecognitionForm(initial={**version, "on": today}),
        "ballots": found.ballots.count(),
        "recent_ballots": found.ballots.select_related("household").order_by("-id")[:10],
        "meetings": found.meetings.select_related("village").prefetch_related("procedural_votes"),
    }
    return render(request, "democracy/decisions/detail.html", context, status=status)


@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    return _detail(request, access.access_decision(request.user, decision_id))


def _version(form: forms.Form) -> int | None:
    return form.cleaned_data.get("version") or None


@login_required
@require_POST
def decision_announce(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    form = AnnounceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision_services.decision_announce(
                actor=request.user,
                decision=decision,
                notice_on=data["notice_on"],
                register_on=data["register_on"],
                documents_sent_on=data["documents_sent_on"],
                team=[line for line in data["team"].splitlines() if line.strip()],
                team_leader=data["team_leader"],
                expected_version=_version(form),
            )
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            messages.success(request, _("Đã thông báo lấy ý kiến."))
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, announce_form=form)


@login_required
@require_POST
def ballot_create(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    form = BallotForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        household = Household.objects.filter(unit=decision.unit, code=data["household"].strip()).first()
        try:
            if household is None:
                message = _("Không có hộ mã “%(code)s” trong sổ hộ của xã.") % {"code": data["household"].strip()}
                raise DomainError("household_not_in_register", message, fields={"household": [message]})
            ballot = decision_services.ballot_record(
                actor=request.user,
                decision=decision,
                household_id=household.pk,
                choice=data["choice"],
                channel=data["channel"],
                other_text=data["other_text"],
            )
        except DomainError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã ghi phiếu của hộ %(code)s. Mã biên nhận: %(receipt)s")
                % {"code": household.code, "receipt": ballot.receipt},
            )
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, ballot_form=form)


@login_required
@require_POST
def decision_close(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    form = CloseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            closed, _tally = decision_services.decision_close(
                actor=request.user,
                decision=decision,
                head_name=data["head_name"],
                front_head_name=data["front_head_name"],
                witnesses=[data["witness_1"], data["witness_2"]],
                expected_version=_version(form),
            )
        except DomainError as error:
            apply_errors(form, error, field_names={"witnesses": "witness_1"})
        else:
            messages.success(request, closed.result_text)
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, close_form=form)


@login_required
@require_POST
def decision_submit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            decision_services.decision_submit(
                actor=request.user,
                decision=decision,
                submitted_on=form.cleaned_data["submitted_on"],
                expected_version=_version(form),
            )
        except DomainError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận gửi biên bản về xã."))
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, submit_form=form)


@login_required
@require_POST
def decision_recognize(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id)
    if not access.can_recognize_decision(request.user, decision):
        raise Http404
    form = RecognitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision_services.decision_recognize(
                actor=request.user,
                decision=decision,
                recognized=data["recognized"],
                on=data["on"],
                document_no=data["document_no"],
                reasons=data["reasons"],
                effective_on=data["effective_on"],
                expected_version=_version(form),
            )
        except DomainError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Đã ghi trả lời của cơ quan có thẩm quyền."))
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, recognition_form=form)


@login_required
def decision_record(request: HttpRequest, decision_id: int, kind: str) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id)
    try:
        return decision_documents.record_response(decision, kind)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("democracy:decision_detail", decision_id=decision.pk)


def receipt_check(request: HttpRequest) -> HttpResponse:
    """The citizens' receipt check: "your ballot is counted", never how; no sign-in, rate-limited."""
    form = ReceiptForm(request.GET or None)
    found = None
    looked = False
    if form.is_valid():
        check_request(request, "democracy.receipt", limit=20, per_seconds=600)
        looked = True
        found = decision_selectors.receipt_status(form.cleaned_data["ma"])
    return render(request, "democracy/decisions/receipt.html", {"form": form, "found": found, "looked": looked})
