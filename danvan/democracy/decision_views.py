"""Officers' pages of community decisions and the citizens' receipt check. Protected records are fetched through
``access`` only (404 for another commune's); writes go through ``decision_services``; a refusal re-renders the
page with what was typed and the message beside its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.core.idempotency import request_fingerprint, submission_key
from danvan.core.pagination import ListPaginator
from danvan.core.params import positive_int
from danvan.core.ratelimit import check_request
from danvan.core.text import matches_all_terms
from danvan.democracy import access, decision_documents, decision_selectors, decision_services
from danvan.democracy.decision_forms import (
    AnnounceForm,
    BallotCorrectionForm,
    BallotForm,
    CloseForm,
    ConsentForm,
    DecisionCreateForm,
    DecisionFilterForm,
    HouseholdPickForm,
    MeetingForm,
    PublicDecisionFilterForm,
    PublishForm,
    ReceiptForm,
    RecognitionForm,
    SubmitForm,
)
from danvan.democracy.decision_tally import decision_tally
from danvan.democracy.models import CommunityDecision, DecisionForm, DecisionStatus, Household, Residence

PAGE_SIZE = 20
CHECKLIST_LIMIT = 300  # beyond that, a paste of household codes (a village of 1.000 households meets in clusters)


def _commune_for_write(request: HttpRequest) -> Any:
    """The commune where the officer keeps decisions: ``?unit=`` when given, else their first one."""
    unit_id = positive_int(request.GET.get("unit") or request.POST.get("unit"))
    if unit_id is not None:
        return access.access_commune_for_write(request.user, unit_id)
    unit = access.default_write_commune(request.user)
    if unit is None:
        raise Http404
    return unit


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
    page = ListPaginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    can_create = access.default_write_commune(request.user) is not None
    return render(request, "democracy/decisions/list.html", {"form": form, "page": page, "can_create": can_create})


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
        "meetings": found.meetings.select_related("village").prefetch_related("procedural_votes"),
        "publish_form": PublishForm(initial={"published": "0" if found.is_published else "1"}),
    }
    context.update(_household_context(request, found, forms_))
    return render(request, "democracy/decisions/detail.html", context, status=status)


def _register_day(decision: CommunityDecision) -> Any:
    """The register a meeting's attendance and the online consents are chosen from: the vote's day (the meeting's
    date, set at the notice), or today before the notice."""
    return decision.register_on or timezone.localdate()


def _register_choices(decision: CommunityDecision, q: str = "", limit: int | None = None) -> list[tuple[int, str]]:
    rows = (
        Residence.objects.on(_register_day(decision))
        .filter(village__in=decision.villages.all())
        .select_related("household")
        .order_by("household__code")
    )
    if q:
        rows = rows.filter(matches_all_terms(q, "household__search_text") | Q(household__code__icontains=q))
    if limit is not None:
        rows = rows[:limit]
    return [(r.household_id, f"{r.household.code} – {r.household.representative_name}") for r in rows]


def _household_context(request: HttpRequest, decision: CommunityDecision, forms_: dict[str, Any]) -> dict[str, Any]:
    """The meeting and consent forms (with the register's checklist, folded search ``?ho=``), the ballot lookup."""
    wants_meeting = decision.status == DecisionStatus.ANNOUNCED and (
        decision.form == DecisionForm.MEETING and not decision.went_to_ballot
    )
    wants_consent = decision.status == DecisionStatus.DRAFT and decision.form == DecisionForm.ONLINE
    context: dict[str, Any] = {"household_q": request.GET.get("ho", "")[:100], "checklist_limit": CHECKLIST_LIMIT}
    if wants_meeting or wants_consent:
        bound = forms_.get("meeting_form") or forms_.get("consent_form")
        choices = (
            list(bound.fields["present"].choices)
            if bound is not None
            else _register_choices(decision, context["household_q"], CHECKLIST_LIMIT)
        )
        context["checklist_truncated"] = bound is None and len(choices) >= CHECKLIST_LIMIT
    if wants_meeting:
        villages = _village_choices(decision)
        context["meeting_form"] = forms_.get("meeting_form") or MeetingForm(households=choices, villages=villages)
    if wants_consent:
        context["consent_form"] = forms_.get("consent_form") or ConsentForm(
            households=choices, initial={"version": decision.version}
        )
        context["consents"] = decision.online_consents.count()
        context["register_total"] = (
            Residence.objects.on(_register_day(decision)).filter(village__in=decision.villages.all()).count()
        )
    ballots = decision.ballots.select_related("household").order_by("-id")
    if context["household_q"]:
        q = context["household_q"]
        ballots = ballots.filter(matches_all_terms(q, "household__search_text") | Q(household__code__icontains=q))
    context["recent_ballots"] = ballots[:10]
    return context


def _village_choices(decision: CommunityDecision) -> list[tuple[int, str]]:
    from danvan.core.text import vi_sort_key

    return sorted(((v.pk, v.name) for v in decision.villages.all()), key=lambda pair: vi_sort_key(pair[1]))


def _picked_households(form: HouseholdPickForm, decision: CommunityDecision) -> list[int]:
    """The ticked households and those whose codes were pasted; an unknown code is refused beside the paste."""
    picked = set(form.cleaned_data.get("present") or [])
    codes = form.pasted_codes()
    if codes:
        found = dict(Household.objects.filter(unit=decision.unit, code__in=codes).values_list("code", "pk"))
        unknown = [code for code in codes if code not in found]
        if unknown:
            message = _("Không có hộ mã %(codes)s trong sổ hộ của xã.") % {"codes": ", ".join(unknown[:10])}
            raise DomainError("household_not_in_register", message, fields={"present_codes": [message]})
        picked.update(found.values())
    return sorted(picked)


@login_required
@require_POST
def meeting_create(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Record a village's (or cluster's) meeting: households present from the register, the procedural choices
    counted over those present, the decision over all households; the service's refusals beside their fields."""
    decision = access.access_decision(request.user, decision_id, for_write=True)
    form = MeetingForm(request.POST, households=_register_choices(decision), villages=_village_choices(decision))
    if form.is_valid():
        data = form.cleaned_data
        village = decision.villages.filter(pk=data["village"]).first()
        try:
            present = _picked_households(form, decision)
            meeting = decision_services.meeting_record(
                actor=request.user,
                decision=decision,
                village=village,
                notice_on=data["notice_on"],
                held_on=data["held_on"],
                present_household_ids=present,
                procedural=[
                    decision_services.ProceduralIn(subject=subject, proposal=proposal, agreed=agreed)
                    for subject, proposal, agreed in form.procedural()
                ],
                agreed=data["agreed"],
                disagreed=data["disagreed"],
                other=data["other"],
                cluster=data["cluster"],
                place=data["place"],
                chair_name=data["chair_name"],
                secretary_name=data["secretary_name"],
            )
        except DomainError as error:
            apply_errors(form, error, field_names={"procedural": "secretary_agreed"}, summary=True)
        else:
            decision.refresh_from_db(fields=["went_to_ballot"])
            if decision.went_to_ballot:
                messages.warning(
                    request,
                    _("Hội nghị chỉ có %(n)s hộ: không đủ để đạt tỷ lệ, nội dung chuyển sang phát phiếu.")
                    % {"n": meeting.attendance.count()},
                )
            else:
                messages.success(request, _("Đã ghi hội nghị %(village)s.") % {"village": meeting.village.name})
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, meeting_form=form)


@login_required
@require_POST
def online_consents(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Record the households that agreed to decide online (matter 6; > 50 % of all needed before the notice)."""
    decision = access.access_decision(request.user, decision_id, for_write=True)
    form = ConsentForm(request.POST, households=_register_choices(decision))
    if form.is_valid():
        try:
            total = decision_services.online_consent_record(
                actor=request.user,
                decision=decision,
                household_ids=_picked_households(form, decision),
                expected_version=form.cleaned_data.get("version") or None,
            )
        except DomainError as error:
            apply_errors(form, error, field_names={"households": "present"}, summary=True)
        else:
            messages.success(request, _("Đã ghi nhận: %(n)s hộ đồng ý biểu quyết trực tuyến.") % {"n": total})
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, consent_form=form)


@login_required
def ballot_correct(request: HttpRequest, decision_id: int, ballot_id: int) -> HttpResponse:
    """Correct a ballot before the close, with its reason (audited)."""
    decision = access.access_decision(request.user, decision_id, for_write=True)
    ballot = access.access_ballot(request.user, decision, ballot_id)
    form = BallotCorrectionForm(request.POST or None, initial={"choice": ballot.choice})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                decision_services.ballot_correct(
                    actor=request.user,
                    ballot=ballot,
                    choice=data["choice"],
                    reason=data["reason"],
                    other_text=data["other_text"],
                )
            except DomainError as error:
                apply_errors(form, error, summary=True)
            else:
                messages.success(request, _("Đã sửa phiếu của hộ %(code)s.") % {"code": ballot.household.code})
                return redirect("democracy:decision_detail", decision_id=decision.pk)
        status = 422
    context = {"decision": decision, "ballot": ballot, "form": form}
    return render(request, "democracy/decisions/ballot_correct.html", context, status=status)


@login_required
@require_POST
def decision_publish(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Show (or hide) the result on the commune's public page."""
    decision = access.access_decision(request.user, decision_id, for_write=True)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _detail(request, decision, 422)
    try:
        decision_services.decision_publish(
            actor=request.user, decision=decision, published=form.cleaned_data["published"]
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Đã công khai kết quả trên cổng.") if form.cleaned_data["published"] else _("Đã thôi công khai."),
        )
    return redirect("democracy:decision_detail", decision_id=decision.pk)


@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    return _detail(request, access.access_decision(request.user, decision_id))


def _version(form: forms.Form) -> int | None:
    return form.cleaned_data.get("version") or None


def _post_form(
    request: HttpRequest,
    decision: CommunityDecision,
    form: forms.Form,
    form_name: str,
    write: Callable[[dict[str, Any], int | None], Any],
    success: str | Callable[[Any], str],
    *,
    field_names: dict[str, str] | None = None,
    summary: bool = False,
) -> HttpResponse:
    """The one body of the decision page's POST actions: a valid form is written by ``write(cleaned_data,
    expected_version)``; a refusal shows beside its fields (the page again, 422, the form keeping what was typed);
    success says ``success`` (or ``success(result)``) and goes back to the decision."""
    if form.is_valid():
        try:
            result = write(form.cleaned_data, _version(form))
        except DomainError as error:
            apply_errors(form, error, field_names=field_names, summary=summary)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("democracy:decision_detail", decision_id=decision.pk)
    return _detail(request, decision, 422, **{form_name: form})


@login_required
@require_POST
def decision_announce(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)

    def write(data: dict[str, Any], version: int | None) -> Any:
        return decision_services.decision_announce(
            actor=request.user,
            decision=decision,
            notice_on=data["notice_on"],
            register_on=data["register_on"],
            documents_sent_on=data["documents_sent_on"],
            team=[line for line in data["team"].splitlines() if line.strip()],
            team_leader=data["team_leader"],
            expected_version=version,
        )

    form = AnnounceForm(request.POST)
    return _post_form(request, decision, form, "announce_form", write, _("Đã thông báo lấy ý kiến."), summary=True)


@login_required
@require_POST
def ballot_create(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)

    def write(data: dict[str, Any], _version: int | None) -> Any:
        code = data["household"].strip()
        household = Household.objects.filter(unit=decision.unit, code=code).first()
        if household is None:
            message = _("Không có hộ mã “%(code)s” trong sổ hộ của xã.") % {"code": code}
            raise DomainError("household_not_in_register", message, fields={"household": [message]})
        fields = {"household_id": household.pk, **{name: data[name] for name in ("choice", "channel", "other_text")}}
        return decision_services.ballot_submit(
            actor=request.user,
            decision=decision,
            submission_key=submission_key(request.user, data["submission_key"]),
            submission_fingerprint=request_fingerprint("democracy.ballots.create", decision.pk, fields),
            **fields,
        ).ballot

    def success(ballot: Any) -> str:
        return _("Đã ghi phiếu của hộ %(code)s. Mã biên nhận: %(receipt)s") % {
            "code": ballot.household.code,
            "receipt": ballot.receipt,
        }

    return _post_form(request, decision, BallotForm(request.POST), "ballot_form", write, success)


@login_required
@require_POST
def decision_close(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)

    def write(data: dict[str, Any], version: int | None) -> Any:
        closed, _tally = decision_services.decision_close(
            actor=request.user,
            decision=decision,
            head_name=data["head_name"],
            front_head_name=data["front_head_name"],
            witnesses=[data["witness_1"], data["witness_2"]],
            expected_version=version,
        )
        return closed

    return _post_form(
        request,
        decision,
        CloseForm(request.POST),
        "close_form",
        write,
        lambda closed: closed.result_text,
        field_names={"witnesses": "witness_1"},
    )


@login_required
@require_POST
def decision_submit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id, for_write=True)

    def write(data: dict[str, Any], version: int | None) -> Any:
        return decision_services.decision_submit(
            actor=request.user, decision=decision, submitted_on=data["submitted_on"], expected_version=version
        )

    form = SubmitForm(request.POST)
    return _post_form(request, decision, form, "submit_form", write, _("Đã ghi nhận gửi biên bản về xã."))


@login_required
@require_POST
def decision_recognize(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access.access_decision(request.user, decision_id)
    if not access.can_recognize_decision(request.user, decision):
        raise Http404

    def write(data: dict[str, Any], version: int | None) -> Any:
        return decision_services.decision_recognize(
            actor=request.user,
            decision=decision,
            recognized=data["recognized"],
            on=data["on"],
            document_no=data["document_no"],
            reasons=data["reasons"],
            effective_on=data["effective_on"],
            expected_version=version,
        )

    form = RecognitionForm(request.POST)
    return _post_form(
        request, decision, form, "recognition_form", write, _("Đã ghi trả lời của cơ quan có thẩm quyền.")
    )


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


PUBLIC_SEARCH_SCOPE = "democracy.decision_search"
PUBLIC_SEARCH_LIMIT = 30


def public_decision_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The results a commune published: matter, villages, dates, effect date and the self-explaining result text;
    searchable without diacritics; no sign-in, no JavaScript, never how a household voted."""
    from danvan.core.models import AdministrativeUnit

    commune = AdministrativeUnit.objects.filter(decision_selectors.public_communes_q(), pk=unit_id).first()
    if commune is None:
        raise Http404
    form = PublicDecisionFilterForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    if q:
        try:
            check_request(request, PUBLIC_SEARCH_SCOPE, limit=PUBLIC_SEARCH_LIMIT, per_seconds=60)
        except DomainError as error:
            return HttpResponse(str(error.message), status=error.status, content_type="text/plain; charset=utf-8")
    page = ListPaginator(decision_selectors.published_decisions(commune, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "democracy/decisions/public_list.html", {"unit": commune, "form": form, "page": page, "q": q}
    )
