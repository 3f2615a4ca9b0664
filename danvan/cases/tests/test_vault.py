"""The denouncer vault: encrypted at rest, rotatable, keyed person matching, and the identity never leaking into
ciphertext, errors, reprs or the audit trail (Luật Tố cáo 2018 Art. 8.3, 47)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from PIL import Image

from danvan.cases import duplicates, vault
from danvan.cases.models import Case, CasePerson, ComplexityCriterion, Denouncer, DenouncerScan, Outcome
from danvan.cases.services import (
    PersonIn,
    TransitionInput,
    case_assign,
    case_receive,
    case_transition,
    denouncer_read,
    denouncer_scan_add,
)
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NAME, ADDRESS, PHONE, ID_NUMBER = "Lê Thị Mật", "Thôn 3, xã Đồng Xuân", "0905123456", "066190009999"
SECRETS = [NAME, "le thi mat", "Thôn 3", PHONE, ID_NUMBER, "mat@example.vn"]


def identity() -> vault.DenouncerIdentity:
    return vault.DenouncerIdentity(
        people=(vault.DenouncerPerson(NAME, ADDRESS, PHONE, "mat@example.vn", ID_NUMBER),),
        note="Đề nghị giữ bí mật",
    )


def new_key() -> str:
    return Fernet.generate_key().decode()


def denounce(cast, land, **kwargs) -> Case:
    return case_receive(
        actor=cast.alice,
        unit=cast.dong_xuan,
        kind="denunciation",
        channel="post",
        field=land,
        title="Tố cáo cán bộ địa chính nhận tiền",
        summary="Tố cáo ông Trần Văn Cường, cán bộ địa chính xã, nhận tiền để hợp thức hóa đất lấn chiếm.",
        received_on=dt.date(2026, 11, 16),
        denouncer=identity(),
        subject_party="Trần Văn Cường",
        **kwargs,
    )


def png_upload(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_seal_and_unseal_round_trip():
    with override_settings(VAULT_KEYS=[new_key()]):
        token = vault.seal(identity())
        assert vault.unseal(token) == identity()
        scan = vault.VaultScan("chu-ky.png", "image/png", b"\x89PNG...")
        assert vault.unseal_scan(vault.seal_scan(scan)) == scan


def test_ciphertext_holds_no_part_of_the_identity(cast, land):
    case = denounce(cast, land)
    scan = denouncer_scan_add(actor=cast.alice, case=case, upload=png_upload(f"{NAME} - chữ ký.png"))
    row = Denouncer.objects.get(case=case)
    for token in (bytes(row.ciphertext), bytes(DenouncerScan.objects.get(pk=scan.pk).ciphertext)):
        for secret in SECRETS:
            assert secret.encode() not in token
            assert secret.encode("utf-16-le") not in token
    case.refresh_from_db()
    stored = " ".join(
        [case.title, case.summary, case.search_text, case.subject_party, json.dumps(case.due_explanation)]
    )
    assert not any(secret.lower() in stored.lower() for secret in SECRETS)


def test_rotation_with_a_new_key_first_then_removing_the_old_key(cast, land):
    old, new = new_key(), new_key()
    with override_settings(VAULT_KEYS=[old]):
        case = denounce(cast, land)
        scan = denouncer_scan_add(actor=cast.alice, case=case, upload=png_upload("chu-ky.png"))
        complaint = case_receive(
            actor=cast.alice,
            unit=cast.dong_xuan,
            kind="complaint",
            channel="in_person",
            field=land,
            title="Khiếu nại thu hồi đất",
            summary="Khiếu nại quyết định thu hồi đất.",
            received_on=dt.date(2026, 11, 16),
            people=[PersonIn(NAME, id_number=ID_NUMBER)],
        )
        old_key = Denouncer.objects.get(case=case).person_key
        assert CasePerson.objects.get(case=complaint).person_key == old_key  # same person across kinds
    with override_settings(VAULT_KEYS=[new, old]):
        out = io.StringIO()
        call_command("vault_rotate", "--check", stdout=out)
        assert "2 bản ghi chưa giải mã được bằng khóa chính" in out.getvalue()
        assert "2 khóa nhận diện cần tính lại" in out.getvalue()
        out = io.StringIO()
        call_command("vault_rotate", "--batch", "1", stdout=out)
        assert "Đã mã hóa lại 1/1 người tố cáo và 1/1 bản chụp; tính lại 2 khóa nhận diện" in out.getvalue()
        out = io.StringIO()
        call_command("vault_rotate", stdout=out)  # a rerun rewrites nothing
        assert "Đã mã hóa lại 0/1 người tố cáo và 0/1 bản chụp; tính lại 0 khóa nhận diện" in out.getvalue()
    with override_settings(VAULT_KEYS=[new]):
        assert denouncer_read(actor=cast.alice, case=case) == identity()
        assert vault.unseal_scan(DenouncerScan.objects.get(pk=scan.pk).ciphertext).original_name == "chu-ky.png"
        new_person_key = vault.person_key(NAME, ID_NUMBER)
        assert new_person_key != old_key
        assert Denouncer.objects.get(case=case).person_key == new_person_key
        assert CasePerson.objects.get(case=complaint).person_key == new_person_key
        out = io.StringIO()
        call_command("vault_rotate", "--check", stdout=out)
        assert "0 bản ghi chưa giải mã được bằng khóa chính" in out.getvalue()
        # Duplicate detection still finds the same person after rotation.
        probe = duplicates.Probe(title="Đơn khác", summary="Nội dung khác hẳn", person_keys=[new_person_key])
        found = {s.case.pk for s in duplicates.suggest(probe, scope=vault_scope(cast), viewer=cast.alice)}
        assert {case.pk, complaint.pk} <= found
    with override_settings(VAULT_KEYS=[old]), pytest.raises(ImproperlyConfigured):
        vault.unseal(Denouncer.objects.get(case=case).ciphertext)


def vault_scope(cast):
    from danvan.accounts.access import scope_for

    return scope_for(cast.alice)


def test_rotation_refuses_when_an_old_key_was_removed_too_early(cast, land):
    with override_settings(VAULT_KEYS=[new_key()]):
        denounce(cast, land)
    with override_settings(VAULT_KEYS=[new_key()]):
        out = io.StringIO()
        with pytest.raises(CommandError) as error:
            call_command("vault_rotate", stdout=out)
        assert "1 bản ghi không giải mã được bằng khóa nào" in out.getvalue()
        assert not any(secret in str(error.value) + out.getvalue() for secret in SECRETS)


def test_person_key_is_stable_for_an_id_number_and_ignores_diacritics_in_names():
    with override_settings(VAULT_KEYS=[new_key()]):
        assert vault.person_key(NAME, ID_NUMBER) == vault.person_key("Lê Thị Mậc", "066 190 009 999")
        assert vault.person_key(NAME, ID_NUMBER) == vault.person_key(NAME, ID_NUMBER)
        assert vault.person_key(NAME) == vault.person_key("le thi mat") == vault.person_key("  LÊ  THỊ MẬT ")
        assert vault.person_key(NAME) != vault.person_key("Lê Thị Mai")
        assert vault.person_key(NAME, ID_NUMBER) != vault.person_key(NAME, "066190008888")
        assert vault.person_key(NAME, ID_NUMBER) != vault.person_key(NAME)
        assert NAME not in vault.person_key(NAME) and len(vault.person_key(NAME)) == 64
        under_first = vault.person_key(NAME, ID_NUMBER)
    with override_settings(VAULT_KEYS=[new_key()]):
        assert vault.person_key(NAME, ID_NUMBER) != under_first  # keyed: useless without the vault key


def test_a_missing_key_is_improperly_configured_without_the_plaintext(cast, land):
    with override_settings(VAULT_KEYS=[new_key()]):
        case = denounce(cast, land)
    for keys in ([new_key()], []):
        with override_settings(VAULT_KEYS=keys), pytest.raises(ImproperlyConfigured) as error:
            denouncer_read(actor=cast.alice, case=case)
        message = f"{error.value} {error.value!r} {error.value.__cause__!r}"
        assert not any(secret in message for secret in SECRETS)
    with override_settings(VAULT_KEYS=["not-a-fernet-key"]), pytest.raises(ImproperlyConfigured) as error:
        vault.seal(identity())
    assert NAME not in str(error.value)


def test_repr_and_str_of_the_vault_rows_never_show_the_identity(cast, land):
    case = denounce(cast, land)
    denouncer_scan_add(actor=cast.alice, case=case, upload=png_upload(f"{NAME}.png"))
    row = Denouncer.objects.get(case=case)
    scan = DenouncerScan.objects.get(denouncer=row)
    shown = " ".join([str(row), repr(row), str(scan), repr(scan), str(case), repr(case)])
    assert not any(secret in shown for secret in SECRETS)


def test_the_audit_trail_of_a_denunciation_never_holds_the_identity(cast, land, grace, ivan):
    case = denounce(cast, land)
    denouncer_read(actor=cast.alice, case=case)
    denouncer_scan_add(actor=cast.alice, case=case, upload=png_upload(f"{NAME} - chữ ký.png"))
    case = case_transition(
        actor=cast.alice, case=case, action="classify", data=TransitionInput(is_eligible=True, in_jurisdiction=True)
    )
    case = case_transition(actor=grace, case=case, action="accept", data=TransitionInput(document_no="3/QĐ-UBND"))
    denouncer_read(actor=grace, case=case)
    case = case_assign(actor=grace, case=case, assignee=ivan)
    denouncer_read(actor=ivan, case=case)
    case = case_transition(
        actor=grace,
        case=case,
        action="extend",
        data=TransitionInput(
            note="Phải xác minh nhiều nơi",
            document_no="4/QĐ-UBND",
            criteria=list(ComplexityCriterion.objects.filter(kind="denunciation")[:1]),
        ),
    )
    case = case_transition(actor=ivan, case=case, action="verify")
    case = case_transition(
        actor=grace,
        case=case,
        action="resolve",
        data=TransitionInput(
            document_no="9/KL-UBND", document_date=dt.date(2026, 11, 20), outcome=Outcome.PARTLY_FOUNDED
        ),
    )
    case = case_transition(actor=ivan, case=case, action="notify")
    case_transition(actor=ivan, case=case, action="close")
    entries = list(AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)))
    actions = {entry.action for entry in entries}
    assert {"cases.case.received", "cases.denouncer.read", "cases.denouncer.scan_added", "cases.case.close"} <= actions
    assert sum(entry.action == "cases.denouncer.read" for entry in entries) == 3
    for entry in AuditEntry.objects.all():
        text = " ".join([entry.object_repr, json.dumps(entry.changes, ensure_ascii=False), str(entry.changes)])
        assert not any(secret.lower() in text.lower() for secret in SECRETS), entry.action
