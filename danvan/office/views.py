"""The officers' back-office pages: dashboard, units, villages and organizations, audit trail."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.access import active_memberships
from danvan.accounts.models import Membership
from danvan.core import selectors, services
from danvan.core.audit_text import audit_details, audit_sentence
from danvan.core.compiled import count_rows
from danvan.core.errors import DomainError
from danvan.core.forms import HouseholdsForm, OrganizationForm, UnitFilterForm, VillageForm
from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.text import vi_sorted_units
from danvan.core.todo import todo_for
from danvan.office import access

PAGE_SIZE = 50


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Real counts for the officer's scope: units, villages and households, bodies, officers, activity."""
    scope = access.visible_scope(request.user)
    units = AdministrativeUnit.objects.filter(scope.q("path"), tree=UnitTree.CURRENT)
    figures = units.aggregate(
        communes=count_rows(Q(level=UnitLevel.COMMUNE)),
        villages=count_rows(Q(level=UnitLevel.VILLAGE)),
        households=Sum("households", filter=Q(level=UnitLevel.VILLAGE)),
    )
    figures["organizations"] = Organization.objects.filter(scope.q("unit__path"), is_active=True).count()
    figures["officers"] = (
        Membership.objects.filter(scope.q("unit_path"), is_active=True).values("officer_id").distinct().count()
    )
    since = timezone.now() - dt.timedelta(days=30)
    figures["changes_30_days"] = access.audit_entries_visible_to(request.user).filter(at__gte=since).count()
    memberships = active_memberships(request.user)
    return render(
        request,
        "office/dashboard.html",
        {
            "figures": figures,
            "memberships": memberships,
            "todo": todo_for(request.user),
            "is_unit_admin": access.can_read_audit(request.user),
            "is_system_admin": access.is_system_admin(request.user),
        },
    )


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """Browse and search every unit (public data), with the officer's own units first in the picker."""
    form = UnitFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    units = selectors.units_search(
        q=filters.get("q"),
        tree=filters.get("tree") or None,
        kind=filters.get("kind") or None,
        parent_id=filters.get("parent"),
    )
    page = ListPaginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "office/unit_list.html", {"form": form, "page": page, "query": request.GET.urlencode()})


@login_required
def unit_picker(request: HttpRequest) -> HttpResponse:
    """htmx fragment: the first matches of a type-ahead query ("dong xuan" → Xã Đồng Xuân)."""
    q = (request.GET.get("q") or "").strip()
    tree = request.GET.get("tree") or UnitTree.CURRENT
    units = list(selectors.units_search(q=q, tree=tree)[:12]) if len(q) >= 2 else []
    return render(request, "office/_unit_picker_results.html", {"units": units, "q": q})


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.access_unit(unit_id)
    context = {
        **selectors.unit_overview(unit),
        "children_page": ListPaginator(vi_sorted_units(selectors.unit_children(unit)), 100).get_page(
            request.GET.get("page")
        ),
        "can_edit": access.can_edit_unit(request.user, unit),
        # Two forms with "name" and "kind" on one page: each its own ids, so that each label finds its input.
        "village_form": VillageForm(auto_id="village_%s"),
        "organization_form": OrganizationForm(auto_id="organization_%s"),
    }
    return render(request, "office/unit_detail.html", context)


@login_required
@require_POST
def village_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    commune = access.access_unit_for_write(request.user, unit_id)
    form = VillageForm(request.POST)
    if form.is_valid():
        try:
            village = services.village_create(actor=request.user, commune=commune, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": village.name})
    else:
        messages.error(
            request, _("Dữ liệu không hợp lệ: ") + "; ".join(str(e) for errs in form.errors.values() for e in errs)
        )
    return redirect("office:unit_detail", unit_id=commune.pk)


@login_required
@require_POST
def organization_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.access_unit_for_write(request.user, unit_id)
    form = OrganizationForm(request.POST)
    if form.is_valid():
        try:
            organization = services.organization_create(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": organization.name})
    else:
        messages.error(request, _("Hãy chọn loại và nhập tên tổ chức."))
    return redirect("office:unit_detail", unit_id=unit.pk)


@login_required
@require_POST
def village_households(request: HttpRequest, unit_id: int) -> HttpResponse:
    village = access.access_unit_for_write(request.user, unit_id)
    form = HouseholdsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số hộ phải là số nguyên không âm."))
    else:
        try:
            services.unit_set_households(
                actor=request.user,
                unit=village,
                households=form.cleaned_data["households"],
                expected_updated_at=form.cleaned_data.get("updated_at"),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Đã cập nhật số hộ của %(name)s.") % {"name": village.name})
    return redirect("office:unit_detail", unit_id=village.parent_id or village.pk)


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit trail of the unit administrator's subtree."""
    if not access.can_read_audit(request.user):
        raise Http404
    entries = access.audit_entries_visible_to(request.user).select_related("actor", "unit")
    action = (request.GET.get("action") or "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = ListPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(entry, audit_sentence(entry), audit_details(entry)) for entry in page]
    return render(request, "office/audit_list.html", {"page": page, "rows": rows, "action": action})
