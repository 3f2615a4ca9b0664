"""Accounts: a revoked officer leaves the unit administrator's hands, and an administrator's API token waits for
two-factor (issue 9 §2)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import organization
from danvan.accounts import services
from danvan.accounts.models import Membership, Role

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_viewer_promoted_to_administrator_cannot_use_an_old_token_before_confirming_totp(client, cast):
    _token, secret = services.api_token_create(actor=cast.erin, officer=cast.erin, name="cũ")
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 200
    assert client.get("/api/v1/audit", **bearer(secret)).json()["count"] == 0  # a viewer reads none

    services.membership_grant(
        actor=cast.root, officer=cast.erin, organization=organization("22081"), role=Role.UNIT_ADMIN
    )
    assert client.get("/api/v1/audit", **bearer(secret)).status_code == 401
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 401

    TOTPDevice.objects.create(user=cast.erin, name="chưa xác nhận", confirmed=False)
    assert client.get("/api/v1/audit", **bearer(secret)).status_code == 401

    TOTPDevice.objects.filter(user=cast.erin).update(confirmed=True)
    audit = client.get("/api/v1/audit", **bearer(secret))
    assert audit.status_code == 200 and audit.json()["count"] > 0


def test_an_officer_token_needs_no_second_factor(client, cast):
    _token, secret = services.api_token_create(actor=cast.alice, officer=cast.alice, name="đồng bộ")
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 200


def test_a_revoked_officer_is_no_longer_visible_to_or_manageable_by_the_unit_administrator(client, cast):
    membership = Membership.objects.get(officer=cast.alice)
    client.force_login(cast.dave)
    assert "Nguyễn Thị An" in client.get(reverse("officers:list")).content.decode()
    response = client.post(reverse("officers:membership_revoke", args=[membership.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("officers:list")

    assert "Nguyễn Thị An" not in client.get(reverse("officers:list")).content.decode()
    assert client.get(reverse("officers:detail", args=[cast.alice.pk])).status_code == 404
    assert client.post(reverse("officers:toggle_active", args=[cast.alice.pk])).status_code == 404
    regrant = client.post(
        reverse("officers:membership_add", args=[cast.alice.pk]),
        {"organization": organization("22081").pk, "role": Role.LEADER},
    )
    assert regrant.status_code == 404
    assert client.post(reverse("officers:membership_revoke", args=[membership.pk])).status_code == 404
    cast.alice.refresh_from_db()
    assert cast.alice.is_active and not Membership.objects.get(pk=membership.pk).is_active

    client.force_login(cast.root)  # the system administrator still finds them
    assert client.get(reverse("officers:detail", args=[cast.alice.pk])).status_code == 200
