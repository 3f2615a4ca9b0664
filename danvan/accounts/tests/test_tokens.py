"""Personal API tokens (page and API), bearer authentication, and the security headers."""

from __future__ import annotations

import datetime as dt
import json
import re

from django.urls import reverse
from django.utils import timezone

from danvan.accounts import services
from danvan.accounts.models import ApiToken
from danvan.core.models import AuditEntry

ME_URL = "/api/v1/me"
TOKENS_URL = "/api/v1/tokens"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_officer_creates_a_token_on_the_page_and_sees_the_secret_once(client, cast):
    client.force_login(cast.alice)
    response = client.post(reverse("accounts:token_create"), {"name": "Đồng bộ báo cáo"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = re.search(r'id="token-secret" value="([^"]+)"', response.content.decode())
    assert match is not None
    secret = match.group(1)
    token = ApiToken.objects.get(officer=cast.alice)
    assert secret.startswith(token.prefix)

    security = client.get(reverse("accounts:security")).content.decode()
    assert "Đồng bộ báo cáo" in security
    assert secret not in security

    client.logout()
    me = client.get(ME_URL, **bearer(secret))
    assert me.status_code == 200
    assert me.json()["username"] == "alice"


def test_secret_is_never_stored_in_clear(cast):
    token, secret = services.api_token_create(actor=cast.alice, officer=cast.alice, name="x")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in json.dumps(stored, default=str)
    assert stored["key_hash"] == services.token_hash(secret)
    assert not any(secret in json.dumps(entry.changes) for entry in AuditEntry.objects.all())


def test_me_lists_memberships_with_organization_unit_and_role(client, cast):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=cast.dave, name="điện thoại", confirmed=True)  # an administrator's token needs it
    _, secret = services.api_token_create(actor=cast.dave, officer=cast.dave, name="x")
    body = client.get(ME_URL, **bearer(secret)).json()
    assert body["username"] == "dave"
    assert body["full_name"] == "Phạm Văn Dũng"
    [membership] = body["memberships"]
    assert membership["role"] == "unit_admin"
    assert membership["role_label"] == "Quản trị đơn vị"
    assert membership["unit"]["code"] == "22081"
    assert membership["organization"]["name"]


def test_session_works_for_the_api_too(client, cast):
    client.force_login(cast.alice)
    assert client.get(ME_URL).json()["username"] == "alice"


def test_create_list_and_revoke_through_the_api(client, cast):
    client.force_login(cast.alice)
    created = client.post(TOKENS_URL, {"name": "Máy chủ báo cáo"}, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith(body["prefix"])
    assert body["is_active"] is True

    listing = client.get(TOKENS_URL).json()
    assert listing["count"] == 1
    assert "secret" not in listing["items"][0]

    client.logout()
    assert client.get(TOKENS_URL, **bearer(body["secret"])).json()["count"] == 1
    # A token cannot mint more tokens.
    assert (
        client.post(TOKENS_URL, {"name": "x"}, content_type="application/json", **bearer(body["secret"])).status_code
        == 401
    )
    assert client.delete(f"{TOKENS_URL}/{body['id']}", **bearer(body["secret"])).status_code == 204
    assert client.get(ME_URL, **bearer(body["secret"])).status_code == 401


def test_session_api_writes_need_the_csrf_token(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice)
    response = client.post(TOKENS_URL, {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_revoked_token_is_401_with_code_and_message(client, cast):
    token, secret = services.api_token_create(actor=cast.alice, officer=cast.alice, name="x")
    client.force_login(cast.alice)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response["Location"] == reverse("accounts:security")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    client.logout()

    response = client.get(ME_URL, **bearer(secret))
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert body["message"]


def test_disabled_officers_token_is_401(client, cast):
    _, secret = services.api_token_create(actor=cast.alice, officer=cast.alice, name="x")
    services.officer_set_active(actor=cast.dave, officer=cast.alice, is_active=False)
    assert client.get(ME_URL, **bearer(secret)).status_code == 401


def test_unknown_or_malformed_tokens_are_401(client, cast):
    assert client.get(ME_URL).status_code == 401
    assert client.get(ME_URL, **bearer("dv_not-a-token")).status_code == 401
    assert client.get(ME_URL, **bearer("x" * 5000)).status_code == 401
    assert client.get(ME_URL, HTTP_AUTHORIZATION="Basic YWxpY2U6eA==").status_code == 401


def test_officer_cannot_revoke_someone_elses_token(client, cast):
    token, _ = services.api_token_create(actor=cast.bob, officer=cast.bob, name="x")
    client.force_login(cast.alice)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert client.delete(f"{TOKENS_URL}/{token.pk}").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_last_used_is_written_at_most_once_a_minute(client, cast, time_machine, django_assert_num_queries):
    token, secret = services.api_token_create(actor=cast.alice, officer=cast.alice, name="x")
    client.get(ME_URL, **bearer(secret))
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use is not None

    time_machine.move_to(timezone.now() + dt.timedelta(seconds=30))
    with django_assert_num_queries(2):  # the token with its officer, the memberships; no write
        client.get(ME_URL, **bearer(secret))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use

    time_machine.move_to(timezone.now() + dt.timedelta(seconds=60))
    client.get(ME_URL, **bearer(secret))
    last_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert last_use is not None and last_use > first_use


def test_token_writes_are_audited(client, cast):
    client.force_login(cast.alice)
    client.post(reverse("accounts:token_create"), {"name": "x"})
    token = ApiToken.objects.get(officer=cast.alice)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    entries = AuditEntry.objects.filter(object_type="accounts.apitoken", object_id=str(token.pk))
    actions = set(entries.values_list("action", flat=True))
    assert actions == {"accounts.api_token.created", "accounts.api_token.revoked"}


def test_pages_carry_the_security_headers(client, cast):
    client.force_login(cast.alice)
    response = client.get(reverse("accounts:security"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "<script>" not in response.content.decode()
    assert " style=" not in response.content.decode()
