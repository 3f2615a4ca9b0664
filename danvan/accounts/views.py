"""Signing in (password, then a TOTP code when the officer has a device) and the officer's security page.

The security page lets an officer change their password, set up or remove
two-factor authentication (administrators must keep it, see
``danvan.accounts.middleware``) and manage personal API tokens.
"""

from __future__ import annotations

import base64
import io
import time
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts import services
from danvan.accounts.auth import access_own_api_token, request_officer
from danvan.accounts.forms import ApiTokenForm, LoginForm, OtpCodeForm, PasswordChangeForm
from danvan.accounts.middleware import is_administrator, is_verified
from danvan.accounts.models import Officer
from danvan.core.audit import audit_log
from danvan.core.errors import DomainError

# Between the password and the code the officer is not signed in yet; the session
# only remembers who passed the password step, with which backend, and when.
PENDING_LOGIN_KEY = "danvan_pending_login"
PENDING_LOGIN_SECONDS = 300


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(fallback)


def _confirmed_device(officer: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=officer.pk, confirmed=True).order_by("pk").first()


# --- Two-factor writes ---------------------------------------------------------


@transaction.atomic
def twofactor_enable(*, actor: Officer, device: TOTPDevice) -> TOTPDevice:
    """Confirm a device whose first code was verified; drop the officer's other drafts."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    audit_log(actor=actor, action="accounts.twofactor.enabled", instance=device.user)
    return device


@transaction.atomic
def twofactor_disable(*, actor: Officer, officer: Officer) -> None:
    """Remove every TOTP device of an officer who is not an administrator."""
    if is_administrator(officer):
        raise DomainError("twofactor_required", _("Quản trị viên bắt buộc dùng xác thực hai lớp."), status=403)
    TOTPDevice.objects.filter(user_id=officer.pk).delete()
    audit_log(actor=actor, action="accounts.twofactor.disabled", instance=officer)


def qr_code_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG ``data:`` URI (the CSP allows data: images, not inline scripts)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# --- Signing in and out ---------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Password step; officers with a TOTP device go on to the code step before being signed in.

    ``authenticate`` receives the request, so django-axes counts failures and
    locks the username + address pair (its middleware then answers 429 with
    ``accounts/locked.html``).
    """

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "failure_limit": settings.AXES_FAILURE_LIMIT}

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        officer = form.get_user()
        if _confirmed_device(officer) is None:
            return super().form_valid(form)
        self.request.session[PENDING_LOGIN_KEY] = {
            "officer_id": officer.pk,
            "backend": getattr(officer, "backend", ""),
            "next": self.get_success_url(),
            "started_at": int(time.time()),
        }
        return redirect("accounts:twofactor_verify")


def _pending_login(request: HttpRequest) -> tuple[Officer | None, dict[str, Any]]:
    pending: dict[str, Any] = request.session.get(PENDING_LOGIN_KEY) or {}
    officer_id = pending.get("officer_id")
    if not isinstance(officer_id, int) or time.time() - pending.get("started_at", 0) > PENDING_LOGIN_SECONDS:
        return None, {}
    return Officer.objects.filter(pk=officer_id, is_active=True).first(), pending


@sensitive_post_parameters("code")
@never_cache
def twofactor_verify(request: HttpRequest) -> HttpResponse:
    """Code step: after the password, or for a signed-in administrator whose session is not yet verified."""
    pending: dict[str, Any] = {}
    officer: Officer | None
    if request.user.is_authenticated:
        officer = request_officer(request)
        device = _confirmed_device(officer)
        if device is None:
            return redirect("accounts:twofactor_setup")
        if is_verified(officer):
            return HttpResponseRedirect(_safe_next(request, "office:dashboard"))
    else:
        officer, pending = _pending_login(request)
        device = _confirmed_device(officer) if officer is not None else None
        if officer is None or device is None:
            request.session.pop(PENDING_LOGIN_KEY, None)
            messages.error(request, _("Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại."))
            return redirect("accounts:login")

    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if pending:
                auth_login(request, officer, backend=pending["backend"] or None)
            otp_login(request, device)
            request.session.pop(PENDING_LOGIN_KEY, None)
            return HttpResponseRedirect(pending.get("next") or _safe_next(request, "office:dashboard"))
        # A wrong code counts as a failed login, so guessing codes runs into the same lockout.
        user_login_failed.send(sender=__name__, credentials={"username": officer.get_username()}, request=request)
        if getattr(request, "axes_locked_out", False):
            auth_logout(request)
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(request, "accounts/twofactor_verify.html", {"form": form, "next": request.GET.get("next", "")})


# --- The officer's security page --------------------------------------------------


@login_required
def security(request: HttpRequest) -> HttpResponse:
    officer = request_officer(request)
    return render(
        request,
        "accounts/security.html",
        {
            "has_twofactor": _confirmed_device(officer) is not None,
            "twofactor_required": is_administrator(officer),
            "tokens": officer.api_tokens.order_by("revoked_at", "-created_at", "-id"),
            "token_form": ApiTokenForm(),
            "disable_form": OtpCodeForm(auto_id="disable_%s"),
        },
    )


@login_required
@sensitive_post_parameters("code")
@never_cache
def twofactor_setup(request: HttpRequest) -> HttpResponse:
    """Show a QR code and the secret for a draft device; confirm it with a first code."""
    officer = request_officer(request)
    if _confirmed_device(officer) is not None:
        messages.info(request, _("Xác thực hai lớp đã được bật."))
        return redirect("accounts:security")
    device = TOTPDevice.objects.filter(user_id=officer.pk, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=officer, name="TOTP", confirmed=False)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            twofactor_enable(actor=officer, device=device)
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai lớp."))
            return HttpResponseRedirect(_safe_next(request, "accounts:security"))
        form.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn. Hãy kiểm tra giờ trên điện thoại."))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/twofactor_setup.html",
        {
            "form": form,
            "qr_code": qr_code_data_uri(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "next": request.GET.get("next", ""),
            "required": is_administrator(officer),
        },
    )


@login_required
@require_POST
@sensitive_post_parameters("code")
def twofactor_disable_view(request: HttpRequest) -> HttpResponse:
    officer = request_officer(request)
    device = _confirmed_device(officer)
    form = OtpCodeForm(request.POST, auto_id="disable_%s")
    if device is None:
        return redirect("accounts:security")
    if is_administrator(officer):
        messages.error(request, _("Quản trị viên bắt buộc dùng xác thực hai lớp, không thể tắt."))
    elif not form.is_valid() or not device.verify_token(form.cleaned_data["code"]):
        messages.error(request, _("Mã xác thực không đúng. Xác thực hai lớp vẫn được bật."))
    else:
        twofactor_disable(actor=officer, officer=officer)
        messages.success(request, _("Đã tắt xác thực hai lớp."))
    return redirect("accounts:security")


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change(request: HttpRequest) -> HttpResponse:
    officer = request_officer(request)
    form = PasswordChangeForm(officer, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.officer_set_password(actor=officer, officer=officer, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, officer)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("accounts:security")
    return render(request, "accounts/password.html", {"form": form})


@login_required
@require_POST
@never_cache
def token_create(request: HttpRequest) -> HttpResponse:
    """Create a token and show its secret this once; only its hash is kept."""
    officer = request_officer(request)
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy đặt tên cho mã truy cập (tối đa 100 ký tự)."))
        return redirect("accounts:security")
    api_token, secret = services.api_token_create(actor=officer, officer=officer, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": api_token, "secret": secret})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    officer = request_officer(request)
    api_token = access_own_api_token(officer, token_id)
    services.api_token_revoke(actor=officer, token=api_token)
    messages.success(request, _("Đã thu hồi mã truy cập “%(name)s”.") % {"name": api_token.name})
    return redirect("accounts:security")
