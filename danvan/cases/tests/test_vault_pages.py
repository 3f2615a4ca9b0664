"""The denouncer vault through the pages (Luật Tố cáo 2018 Art. 8.3, 47): only the handler and the leader who
accepted the case read the identity, after a deliberate click; every read is audited and visible to the unit
administrator, who — like every other officer — never sees the identity itself."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from danvan.cases import vault
from danvan.cases.models import Case, Denouncer, DenouncerScan
from danvan.cases.services import TransitionInput, case_assign, case_transition
from danvan.core.models import AuditEntry
from danvan.core.phones import format_phone

pytestmark = pytest.mark.django_db

SECRETS = ("Lê Thị Mật", "0905123456", "066190009999", "Thôn 3, xã Đồng Xuân")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 10, 10)).save(buffer, "PNG")
    return buffer.getvalue()


def assert_nothing_revealed(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text and format_phone(secret) not in text  # nor the phone as pages group it


def read_vault(client, case):
    return client.post(reverse("cases:denouncer", args=[case.pk]))


def test_the_handler_sees_the_denouncer_after_clicking_and_the_read_is_audited(client, cast, denunciation):
    client.force_login(cast.alice)  # she received it and is its handler
    detail = client.get(reverse("cases:detail", args=[denunciation.pk])).content.decode()
    assert "Xem thông tin người tố cáo" in detail
    assert_nothing_revealed(detail)
    response = read_vault(client, denunciation)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lê Thị Mật" in page and "0905 123 456" in page and "066190009999" in page
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="cases.denouncer.read")
    assert entry.actor_id == cast.alice.pk and entry.object_id == str(denunciation.pk) and entry.changes == {}
    read_vault(client, denunciation)
    assert AuditEntry.objects.filter(action="cases.denouncer.read").count() == 2
    assert client.get(reverse("cases:denouncer", args=[denunciation.pk])).status_code == 405


@pytest.mark.parametrize("who", ["ivan", "dave", "erin", "carol", "root"])
def test_other_officers_never_see_the_denouncer(client, cast, denunciation, ivan, who):
    officer = {"ivan": ivan, "dave": cast.dave, "erin": cast.erin, "carol": cast.carol, "root": cast.root}[who]
    client.force_login(cast.alice)
    read_vault(client, denunciation)
    client.force_login(officer)
    detail = client.get(reverse("cases:detail", args=[denunciation.pk])).content.decode()
    assert "Thông tin người tố cáo được giữ bí mật (Điều 8 Luật Tố cáo)" in detail
    assert "Xem thông tin người tố cáo" not in detail
    assert_nothing_revealed(detail)
    assert_nothing_revealed(client.get(reverse("cases:list")).content.decode())
    # Searching by the denouncer's name does not find the denunciation (which would reveal who denounced).
    assert client.get(reverse("cases:list"), {"q": "Lê Thị Mật"}).context["page"].paginator.count == 0
    assert read_vault(client, denunciation).status_code == 404
    assert not AuditEntry.objects.filter(action="cases.denouncer.read", actor_id=officer.pk).exists()


def test_the_unit_administrator_sees_each_read_in_the_audit_but_not_the_identity(client, cast, denunciation, ivan):
    client.force_login(cast.alice)
    read_vault(client, denunciation)
    read_vault(client, denunciation)
    client.force_login(ivan)
    assert read_vault(client, denunciation).status_code == 404
    client.force_login(cast.dave)
    audit = client.get(reverse("office:audit"), {"action": "cases.denouncer"})
    assert audit.status_code == 200
    page = audit.content.decode()
    assert page.count("cases.denouncer.read") == 2 and denunciation.code in page and "Nguyễn Thị An" in page
    assert_nothing_revealed(page)
    assert_nothing_revealed(client.get(reverse("office:audit")).content.decode())
    for entry in AuditEntry.objects.all():
        assert_nothing_revealed(f"{entry.object_repr} {entry.changes}")


def test_the_accepting_leader_reads_it_and_a_reassigned_officer_no_longer_does(client, cast, denunciation, grace, ivan):
    case = case_transition(
        actor=cast.alice,
        case=denunciation,
        action="classify",
        data=TransitionInput(is_eligible=True, in_jurisdiction=True),
    )
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="3/QĐ"))
    client.force_login(grace)
    assert "Lê Thị Mật" in read_vault(client, case).content.decode()
    case_assign(actor=grace, case=case, assignee=ivan)
    client.force_login(cast.alice)
    assert read_vault(client, case).status_code == 404
    client.force_login(ivan)
    assert "Lê Thị Mật" in read_vault(client, case).content.decode()
    readers = set(AuditEntry.objects.filter(action="cases.denouncer.read").values_list("actor_id", flat=True))
    assert readers == {grace.pk, ivan.pk}
    history = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Thụ lý" in history
    assert_nothing_revealed(history)


def test_scans_are_kept_encrypted_and_each_download_is_audited(client, cast, denunciation, ivan):
    client.force_login(cast.alice)
    upload = SimpleUploadedFile("don-viet-tay-Le-Thi-Mat.png", png_bytes(), "image/png")
    assert client.post(reverse("cases:denouncer_scan_add", args=[denunciation.pk]), {"file": upload}).status_code == 302
    scan = DenouncerScan.objects.get()
    assert b"PNG" not in bytes(scan.ciphertext) and b"Le-Thi-Mat" not in bytes(scan.ciphertext)
    page = read_vault(client, denunciation).content.decode()
    assert "Tải bản chụp 1" in page
    download = client.post(reverse("cases:denouncer_scan", args=[denunciation.pk, scan.pk]))
    assert download.status_code == 200 and download.content == png_bytes()
    assert download["Content-Type"] == "image/png"
    assert (
        "Le-Thi-Mat" not in download["Content-Disposition"]
        and f"ban-chup-{scan.pk}.png" in download["Content-Disposition"]
    )
    assert "no-store" in download["Cache-Control"]
    assert (
        AuditEntry.objects.filter(action="cases.denouncer.scan_read", actor_id=cast.alice.pk, changes={}).count() == 1
    )

    client.force_login(ivan)
    assert client.post(reverse("cases:denouncer_scan", args=[denunciation.pk, scan.pk])).status_code == 404
    again = SimpleUploadedFile("x.png", png_bytes(), "image/png")
    assert client.post(reverse("cases:denouncer_scan_add", args=[denunciation.pk]), {"file": again}).status_code == 404
    assert DenouncerScan.objects.count() == 1
    assert not AuditEntry.objects.filter(action="cases.denouncer.scan_read", actor_id=ivan.pk).exists()


def test_an_anonymous_denunciation_has_nothing_to_reveal(client, cast, land):
    import datetime as dt

    from danvan.cases.services import case_receive

    case = case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="denunciation",
        channel="post",
        field=land,
        title="Thư nặc danh",
        summary="Thư không ký tên tố cáo việc san lấp ao trái phép",
        received_on=dt.date(2026, 11, 19),
        is_anonymous=True,
    )
    client.force_login(cast.alice)
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Tố cáo nặc danh, mạo danh: không có thông tin người tố cáo" in detail
    assert "Xem thông tin người tố cáo" not in detail
    response = client.post(reverse("cases:denouncer", args=[case.pk]), follow=True)
    assert "Tố cáo nặc danh: không có thông tin người tố cáo." in response.content.decode()
    assert not AuditEntry.objects.filter(action="cases.denouncer.read").exists()


# --- Several denouncers typed at intake -------------------------------------------------------------------------

CO_SIGNERS = ("Hồ Văn Kín", "066300011111", "Đặng Thị Giấu", "0988000222")


def denunciation_intake(cast, land, **rows):
    return {
        "unit": cast.dong_xuan.pk,
        "kind": "denunciation",
        "channel": "post",
        "field": land.pk,
        "title": "Tố cáo trưởng thôn thu tiền sai quy định",
        "summary": "Hai hộ thôn 2 cùng ký đơn tố cáo trưởng thôn thu tiền làm đường không qua họp dân.",
        "subject_party": "Trưởng thôn 2",
        "received_on": "20/11/2026",
        "submission_key": uuid.uuid4().hex,
        "rows": "6",
        **rows,
    }


def test_two_denouncers_typed_at_intake_go_to_the_vault_and_only_the_handler_reads_them(client, cast, land, ivan):
    client.force_login(cast.alice)
    form = client.get(reverse("cases:new"), follow=True).content.decode()
    assert 'name="denouncer_0_full_name"' in form and 'name="denouncer_1_full_name"' not in form
    assert 'name="more_denouncers"' in form and "Thêm người tố cáo" in form
    first = {"denouncer_0_full_name": "Hồ Văn Kín", "denouncer_0_id_number": "066300011111"}
    # "Thêm người tố cáo" (no JavaScript): the form again with one more row, what was typed kept, nothing saved.
    more = client.post(reverse("cases:new"), {**denunciation_intake(cast, land, **first), "more_denouncers": "1"})
    page = more.content.decode()
    assert 'name="denouncer_1_full_name"' in page and 'value="Hồ Văn Kín"' in page
    assert 'name="denouncer_rows" value="2"' in page and not Case.objects.exists()

    second = {"denouncer_1_full_name": "Đặng Thị Giấu", "denouncer_1_phone": "0988000222"}
    data = denunciation_intake(cast, land, denouncer_rows="2", **first, **second)
    response = client.post(reverse("cases:new"), data)
    assert response.status_code == 302, response.content.decode()
    case = Case.objects.get()
    row = Denouncer.objects.get(case=case)  # the vault keeps one sealed row per case, holding every co-signer
    assert row.people_count == 2 and case.persons_count == 2 and not case.people.exists()
    assert not any(secret.encode() in bytes(row.ciphertext) for secret in CO_SIGNERS)
    people = vault.unseal(row.ciphertext).people
    assert [(p.full_name, p.id_number, p.phone) for p in people] == [
        ("Hồ Văn Kín", "066300011111", ""),
        ("Đặng Thị Giấu", "", "0988000222"),
    ]

    read = read_vault(client, case).content.decode()  # alice received it: she is the handler
    assert all(format_phone(secret) in read for secret in CO_SIGNERS)  # the phone read in groups
    for officer in (cast.alice, ivan):
        client.force_login(officer)
        listed = client.get(reverse("cases:list")).content.decode()
        api_list = client.get("/api/v1/cases").content.decode()
        assert case.code in listed and case.code in api_list
        for text in (listed, api_list):
            assert not any(secret in text for secret in CO_SIGNERS)
        for name in ("Hồ Văn Kín", "Đặng Thị Giấu"):
            assert client.get(reverse("cases:list"), {"q": name}).context["page"].paginator.count == 0
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()  # ivan: not the handler
    assert case.code in detail and not any(secret in detail for secret in CO_SIGNERS)
    assert read_vault(client, case).status_code == 404


def test_a_denouncer_row_without_a_name_or_with_a_bad_email_is_refused_in_vietnamese(client, cast, land):
    client.force_login(cast.alice)
    rows = {
        "denouncer_rows": "3",
        "denouncer_0_full_name": "Hồ Văn Kín",
        "denouncer_1_phone": "0988000222",
        "denouncer_2_full_name": "Đặng Thị Giấu",
        "denouncer_2_email": "khong-phai-thu",
    }
    response = client.post(reverse("cases:new"), denunciation_intake(cast, land, **rows))
    page = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists()
    assert "Hãy ghi họ tên người tố cáo này." in page and "Địa chỉ thư điện tử không hợp lệ." in page
    assert 'name="denouncer_2_full_name"' in page and 'value="0988000222"' in page  # the rows are kept
