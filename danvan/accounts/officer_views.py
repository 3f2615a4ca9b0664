"""Back-office officer management for unit administrators (their subtree only)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts import access, services
from danvan.accounts.models import Role
from danvan.core.errors import DomainError
from danvan.core.forms import VietnameseIntegerField, apply_errors
from danvan.core.models import Organization
from danvan.core.pagination import ListPaginator
from danvan.core.phones import PhoneField
from danvan.core.text import PASSWORD_MAX, matches_all_terms, search_terms


class OfficerForm(forms.Form):
    username = forms.RegexField(
        label=gettext_lazy("Tên đăng nhập"),
        regex=r"^[a-zA-Z0-9_.-]{3,40}$",
        max_length=40,
        error_messages={"invalid": gettext_lazy("Chỉ dùng chữ không dấu, số và . _ - (3–40 ký tự).")},
    )
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    position = forms.CharField(label=gettext_lazy("Chức vụ"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    phone = PhoneField(label=gettext_lazy("Điện thoại"))
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu ban đầu"), widget=forms.PasswordInput, min_length=10, max_length=PASSWORD_MAX
    )


class MembershipForm(forms.Form):
    organization = VietnameseIntegerField(grouping=False, label=gettext_lazy("Tổ chức"), min_value=1)
    role = forms.ChoiceField(label=gettext_lazy("Vai trò"), choices=Role.choices)


def _require_unit_admin(request: HttpRequest) -> None:
    if not access.is_unit_admin_somewhere(request.user):
        raise Http404


def _manageable_organization(request: HttpRequest, organization_id: int, role: str) -> Organization:
    organization = Organization.objects.select_related("unit").filter(pk=organization_id, is_active=True).first()
    if organization is None or not access.can_manage_membership_at(request.user, organization.unit, role):
        raise Http404
    return organization


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    _require_unit_admin(request)
    officers = access.officers_visible_to(request.user).prefetch_related("memberships__organization")
    q = (request.GET.get("q") or "")[:100]
    officers = officers.filter(matches_all_terms(q))
    page = ListPaginator(officers.order_by("full_name", "username"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/officer_list.html", {"page": page, "q": q, "query": f"q={q}"})


@login_required
def officer_create_view(request: HttpRequest) -> HttpResponse:
    _require_unit_admin(request)
    form = OfficerForm(request.POST or None)
    membership_form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and membership_form.is_valid():
        organization = _manageable_organization(
            request, membership_form.cleaned_data["organization"], membership_form.cleaned_data["role"]
        )
        try:
            officer = services.officer_create(actor=request.user, **form.cleaned_data)
            services.membership_grant(
                actor=request.user,
                officer=officer,
                organization=organization,
                role=membership_form.cleaned_data["role"],
            )
        except ValidationError as error:
            apply_errors(form, ValidationError({"password": error.messages}))
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": officer.full_name})
            return redirect("officers:detail", officer_id=officer.pk)
    return render(request, "accounts/officer_form.html", {"form": form, "membership_form": membership_form})


@login_required
def organization_picker(request: HttpRequest) -> HttpResponse:
    """htmx fragment: organizations inside the administrator's scope matching the typed text."""
    _require_unit_admin(request)
    organizations = access.organizations_manageable_by(request.user).select_related("unit")
    query = request.GET.get("org_q")
    organizations = organizations.filter(matches_all_terms(query))
    results = list(organizations.order_by("unit__path", "name")[:30]) if search_terms(query) else []
    return render(request, "accounts/_organization_options.html", {"organizations": results})


@login_required
def officer_detail(request: HttpRequest, officer_id: int) -> HttpResponse:
    officer = access.access_officer(request.user, officer_id)
    memberships = officer.memberships.select_related("organization", "unit").order_by("-is_active", "unit_path")
    return render(
        request,
        "accounts/officer_detail.html",
        {"officer": officer, "memberships": memberships, "membership_form": MembershipForm()},
    )


@login_required
@require_POST
def officer_toggle_active(request: HttpRequest, officer_id: int) -> HttpResponse:
    officer = access.access_officer(request.user, officer_id)
    if officer.pk == request.user.pk:
        messages.error(request, _("Không thể tự khóa tài khoản của mình."))
    else:
        services.officer_set_active(actor=request.user, officer=officer, is_active=not officer.is_active)
        messages.success(request, _("Đã mở khóa tài khoản.") if officer.is_active else _("Đã khóa tài khoản."))
    return redirect("officers:detail", officer_id=officer.pk)


@login_required
@require_POST
def membership_add(request: HttpRequest, officer_id: int) -> HttpResponse:
    officer = access.access_officer(request.user, officer_id)
    form = MembershipForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tổ chức và vai trò."))
    else:
        organization = _manageable_organization(request, form.cleaned_data["organization"], form.cleaned_data["role"])
        services.membership_grant(
            actor=request.user, officer=officer, organization=organization, role=form.cleaned_data["role"]
        )
        messages.success(request, _("Đã phân công vào %(org)s.") % {"org": organization.name})
    return redirect("officers:detail", officer_id=officer.pk)


@login_required
@require_POST
def membership_revoke_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.access_membership(request.user, membership_id)
    services.membership_revoke(actor=request.user, membership=membership)
    messages.success(request, _("Đã thu hồi phân công."))
    if not access.officers_visible_to(request.user).filter(pk=membership.officer_id).exists():
        return redirect("officers:list")  # the officer is no longer the administrator's to manage
    return redirect("officers:detail", officer_id=membership.officer_id)
