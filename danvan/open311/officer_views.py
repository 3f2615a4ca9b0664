"""Back office: the system administrators issue, list and revoke the API keys of Open311 applications.

A key is shown once, on the page that answers its issue (never stored, never put in the session or a redirect);
only its hash and first characters are kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import DomainError
from danvan.core.forms import apply_errors
from danvan.open311 import access, services
from danvan.open311.forms import KeyIssueForm


@login_required
@never_cache
def keys(request: HttpRequest) -> HttpResponse:
    access.require_key_manager(request.user)
    issued = None
    form = KeyIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.key_issue(
                actor=request.user,
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                requests_per_hour=form.cleaned_data["requests_per_hour"],
            )
        except DomainError as error:
            apply_errors(form, error, summary=True)
        else:
            form = KeyIssueForm()
    context = {
        "form": form,
        "issued": issued,
        "keys": services.keys_listed(),
        "endpoint": request.build_absolute_uri("/open311/v2/"),
    }
    return render(request, "open311/keys.html", context, status=422 if request.method == "POST" and not issued else 200)


@login_required
@require_POST
def key_revoke(request: HttpRequest, open311_key_id: int) -> HttpResponse:
    key = access.access_key(request.user, open311_key_id)
    try:
        services.key_revoke(actor=request.user, key=key)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Đã thu hồi khóa của ứng dụng “%(name)s”.") % {"name": key.name})
    return redirect("open311_keys:keys")
