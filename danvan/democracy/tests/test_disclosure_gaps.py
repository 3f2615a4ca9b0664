"""The disclosed document attached or replaced through the API (the attachment pipeline, audited, 409 on a stale
version, refused types and sizes in Vietnamese), and the commune's web-portal setting (Art. 13.1 "where the commune
has one"): the 'missing on the portal' finding applies only where the commune has a portal, set on the board page
and through the API, and publishing on danvan's portal still counts."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from danvan.core.models import AuditEntry
from danvan.democracy import disclosure_services as services
from danvan.democracy.disclosure_compliance import commune_has_portal
from danvan.democracy.models import CommunePortal, ComplianceStatus, Disclosure, DisclosureForm, DisclosureItem

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"


def pdf(name: str = "phuong-an.pdf") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buffer, "PDF")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def disclosure(cast, *, issued_days_ago: int = 30, channel_form: str = "posting", publish: bool = False) -> Disclosure:
    """Item 3, posted from the day after issue and never on any portal."""
    issued = timezone.localdate() - dt.timedelta(days=issued_days_ago)
    item = DisclosureItem.objects.filter(number=3, is_active=True).in_force(issued).get()
    form = DisclosureForm.objects.get(code=channel_form)
    return services.disclosure_create(
        actor=cast.alice,
        unit=cast.dong_xuan,
        item=item,
        title="Phương án bồi thường giải phóng mặt bằng",
        issued_on=issued,
        channels=[services.ChannelLine(form=form, started_on=issued + dt.timedelta(days=1), place="Trụ sở UBND xã")],
        publish=publish,
    )


def put(client, path, body):
    return client.put(f"{API}{path}", json.dumps(body), content_type="application/json")


def portal_finding(client, disclosure_id):
    body = client.get(f"{API}/disclosures/{disclosure_id}").json()
    return next(f for f in body["findings"] if f["kind"] == "portal"), body


# --- The document through the API ------------------------------------------------------------------------------------


def test_the_document_is_attached_then_replaced_audited_and_stale_versions_get_409(client, cast):
    record = disclosure(cast)
    url = f"{API}/disclosures/{record.pk}/document"
    client.force_login(cast.alice)
    first = client.post(url, {"file": pdf("phuong-an.pdf"), "expected_version": record.version})
    assert first.status_code == 200, first.content
    assert first.json()["has_document"] is True and first.json()["version"] == record.version + 1
    record.refresh_from_db()
    assert record.document is not None and record.document.original_name == "phuong-an.pdf"
    stale = client.post(url, {"file": pdf("cu.pdf"), "expected_version": record.version - 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    second = client.post(url, {"file": pdf("phuong-an-sua.pdf"), "expected_version": record.version})
    assert second.status_code == 200
    record.refresh_from_db()
    assert record.document is not None and record.document.original_name == "phuong-an-sua.pdf"
    entries = AuditEntry.objects.filter(action="democracy.disclosure.document_attached").order_by("id")
    assert [e.changes["document"] for e in entries] == [
        [None, "phuong-an.pdf"],
        ["phuong-an.pdf", "phuong-an-sua.pdf"],
    ]
    download = client.get(reverse("democracy:disclosure_document", args=[record.pk]))
    assert download.status_code == 200


def test_refused_types_and_sizes_answer_in_vietnamese_and_store_nothing(client, cast):
    record = disclosure(cast)
    url = f"{API}/disclosures/{record.pk}/document"
    client.force_login(cast.alice)
    fake = SimpleUploadedFile("x.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    refused = client.post(url, {"file": fake, "expected_version": record.version})
    assert refused.status_code == 415
    assert refused.json()["message"] and refused.json()["message"].isascii() is False
    with override_settings(ATTACHMENT_MAX_BYTES=100):
        large = client.post(url, {"file": pdf(), "expected_version": record.version})
    assert (
        large.status_code == 413
        and large.json()["code"] == "file_too_large"
        and "Tệp quá lớn" in large.json()["message"]
    )
    record.refresh_from_db()
    assert record.document_id is None and record.version == 1
    assert not AuditEntry.objects.filter(action="democracy.disclosure.document_attached").exists()
    missing = client.post(url, {"expected_version": record.version})
    assert missing.status_code == 422


def test_another_commune_and_a_viewer_get_404_for_the_document(client, cast):
    record = disclosure(cast)
    url = f"{API}/disclosures/{record.pk}/document"
    for actor in (cast.bob, cast.erin):
        client.force_login(actor)
        assert client.post(url, {"file": pdf(), "expected_version": 1}).status_code == 404
    record.refresh_from_db()
    assert record.document_id is None


# --- The commune's own web portal ------------------------------------------------------------------------------------


def test_without_a_setting_a_commune_has_a_portal_and_an_unpublished_item_violates(client, cast):
    record = disclosure(cast)
    assert commune_has_portal(cast.dong_xuan.pk) is True
    record.refresh_from_db()
    assert record.lacks_portal and record.status == ComplianceStatus.VIOLATION
    client.force_login(cast.alice)
    finding, _body = portal_finding(client, record.pk)
    assert finding["status"] == "violation"
    assert client.get(f"{API}/communes/{cast.dong_xuan.pk}/portal").json() == {
        "unit_id": cast.dong_xuan.pk,
        "has_portal": True,
        "address": "",
        "version": 0,
    }


def test_a_commune_without_a_portal_is_not_found_missing_on_it_and_the_stored_result_follows(client, cast):
    record = disclosure(cast)
    published = disclosure(cast, publish=True)
    client.force_login(cast.alice)
    response = put(client, f"/communes/{cast.dong_xuan.pk}/portal", {"has_portal": False, "expected_version": 0})
    assert response.status_code == 200, response.content
    assert response.json()["has_portal"] is False and response.json()["version"] == 1
    record.refresh_from_db()
    assert record.lacks_portal is False and record.status == ComplianceStatus.OK
    finding, _body = portal_finding(client, record.pk)
    assert finding["status"] == "ok" and "không có cổng thông tin điện tử riêng" in finding["computation"]
    # Publishing on danvan's portal still counts as the portal channel (and for the timing).
    finding, _body = portal_finding(client, published.pk)
    assert finding["status"] == "ok" and "Đăng trên cổng thông tin từ" in finding["computation"]
    # The commune's board shows no 'missing portal' any more.
    board = client.get(f"{API}/disclosures/compliance", {"unit": cast.dong_xuan.pk}).json()
    assert [d["lacks_portal"] for d in board["disclosures"]] == [False, False]
    stale = put(client, f"/communes/{cast.dong_xuan.pk}/portal", {"has_portal": True, "expected_version": 0})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    back = put(
        client,
        f"/communes/{cast.dong_xuan.pk}/portal",
        {"has_portal": True, "address": "https://dongxuan.daklak.gov.vn", "expected_version": 1},
    )
    assert back.status_code == 200 and back.json()["address"] == "https://dongxuan.daklak.gov.vn"
    record.refresh_from_db()
    assert record.lacks_portal is True and record.status == ComplianceStatus.VIOLATION
    changes = [e.changes for e in AuditEntry.objects.filter(action="democracy.disclosure.portal_set").order_by("id")]
    assert changes[0] == {"has_portal": [True, False]}
    assert changes[1]["has_portal"] == [False, True]


def test_a_bad_portal_address_is_refused_beside_its_field(client, cast):
    client.force_login(cast.alice)
    response = put(
        client,
        f"/communes/{cast.dong_xuan.pk}/portal",
        {"has_portal": True, "address": "khong-phai-url", "expected_version": 0},
    )
    assert response.status_code == 422 and "address" in response.json()["fields"]
    assert not CommunePortal.objects.exists()


def test_the_portal_setting_on_the_board_page(client, cast):
    record = disclosure(cast)
    board = reverse("democracy:disclosure_board", args=[cast.dong_xuan.pk])
    client.force_login(cast.alice)
    page = client.get(board)
    assert page.status_code == 200 and 'id="commune-portal"' in page.content.decode()
    url = reverse("democracy:disclosure_portal", args=[cast.dong_xuan.pk])
    bad = client.post(url, {"has_portal": "1", "address": "khong-phai-url", "version": "0"})
    assert bad.status_code == 422
    assert 'value="khong-phai-url"' in bad.content.decode()
    assert bad.context["portal_form"].errors["address"]
    done = client.post(url, {"has_portal": "0", "address": "", "version": "0"})
    assert done.status_code == 302 and done.url == board
    assert CommunePortal.objects.get(unit=cast.dong_xuan).has_portal is False
    record.refresh_from_db()
    assert record.lacks_portal is False
    assert "không có cổng thông tin điện tử riêng" in client.get(board).content.decode()


def test_another_commune_and_a_viewer_cannot_set_the_portal(client, cast):
    url = reverse("democracy:disclosure_portal", args=[cast.dong_xuan.pk])
    for actor in (cast.bob, cast.erin):
        client.force_login(actor)
        assert client.post(url, {"has_portal": "0", "version": "0"}).status_code == 404
        assert (
            put(
                client, f"/communes/{cast.dong_xuan.pk}/portal", {"has_portal": False, "expected_version": 0}
            ).status_code
            == 404
        )
    client.force_login(cast.bob)
    assert client.get(f"{API}/communes/{cast.dong_xuan.pk}/portal").status_code == 404
    assert not CommunePortal.objects.exists()
