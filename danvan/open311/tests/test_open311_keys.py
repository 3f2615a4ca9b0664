"""The back-office pages of API keys: system administrators issue (the key shown once), list and revoke."""

from __future__ import annotations

from danvan.core.models import AuditEntry
from danvan.open311.models import ApiKey
from danvan.open311.services import hash_key, key_authenticate

URL = "/backoffice/open311/keys/"


def test_a_system_administrator_issues_a_key_shown_once(client, cast):
    client.force_login(cast.root)
    response = client.post(URL, {"name": "Phố Xanh", "contact": "dev@phoxanh.vn", "requests_per_hour": "120"})
    assert response.status_code == 200
    secret = response.context["issued"].secret
    key = ApiKey.objects.get()
    assert key.key_hash == hash_key(secret) and secret not in (key.key_hash, key.prefix) and key.prefix == secret[:8]
    assert key.requests_per_hour == 120 and key.created_by == cast.root
    assert secret in response.content.decode() and "không hiển thị lại" in response.content.decode()
    assert key_authenticate(secret) == key
    listed = client.get(URL).content.decode()
    assert "Phố Xanh" in listed and key.prefix in listed and secret not in listed
    assert AuditEntry.objects.filter(action="open311.key.issued").exists()


def test_a_failed_form_keeps_its_input_and_shows_errors_by_the_field(client, cast):
    client.force_login(cast.root)
    response = client.post(URL, {"name": "Phố Xanh", "contact": "", "requests_per_hour": "0"})
    assert response.status_code == 422 and not ApiKey.objects.exists()
    page = response.content.decode()
    assert 'value="Phố Xanh"' in page and 'id="id_contact-error"' in page and 'id="id_requests_per_hour-error"' in page


def test_revoking_a_key(client, cast, issued):
    client.force_login(cast.root)
    response = client.post(f"{URL}{issued.key.pk}/revoke/", follow=True)
    assert "Đã thu hồi" in response.content.decode()
    issued.key.refresh_from_db()
    assert issued.key.revoked_at is not None and issued.key.revoked_by == cast.root
    again = client.post(f"{URL}{issued.key.pk}/revoke/", follow=True)
    assert "đã bị thu hồi trước đó" in again.content.decode()
    assert AuditEntry.objects.filter(action="open311.key.revoked").count() == 1


def test_only_system_administrators(client, cast, issued):
    assert client.get(URL).status_code == 302  # to the sign-in
    for officer in (cast.alice, cast.dave, cast.carol):
        client.force_login(officer)
        assert client.get(URL).status_code == 404
        assert client.post(URL, {"name": "x", "contact": "y", "requests_per_hour": "5"}).status_code == 404
        assert client.post(f"{URL}{issued.key.pk}/revoke/").status_code == 404
    assert ApiKey.objects.count() == 1 and ApiKey.objects.get().revoked_at is None
