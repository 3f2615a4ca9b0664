"""``danvan vault_rotate``: re-encrypt the denouncer vault under the first key of ``DANVAN_VAULT_KEYS``.

Rotation (Luật Tố cáo 2018 Art. 8.3 asks the identity be kept secret; a leaked or retiring key must be replaceable):

1. put the new key first and keep the old ones after it: ``DANVAN_VAULT_KEYS=new,old`` (everything still decrypts);
2. ``danvan vault_rotate``: every ``Denouncer`` and ``DenouncerScan`` token not yet under the new key is
   re-encrypted, and the keyed ``person_key`` of denouncers and petitioners recomputed (it is derived from the
   first key, so duplicate detection keeps matching the same person);
3. ``danvan vault_rotate --check`` reports 0 rows needing the old keys; then remove them from the environment.

Rows are handled in batches by primary key, each batch locked and written in one transaction, so the command can
be interrupted and run again; a rerun rewrites nothing. Nothing here prints or logs an identity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Model, QuerySet

from danvan.cases import vault
from danvan.cases.models import CasePerson, CosignerKey, Denouncer, DenouncerScan

BATCH = 500
M = TypeVar("M", bound=Model)


@dataclass
class RotationCounts:
    denouncers: int = 0
    denouncers_rotated: int = 0
    scans: int = 0
    scans_rotated: int = 0
    person_keys_changed: int = 0
    undecryptable: int = 0


def _primary() -> Fernet:
    keys = list(settings.VAULT_KEYS)
    if not keys:
        raise ImproperlyConfigured("DANVAN_VAULT_KEYS is not set.")
    try:
        return Fernet(keys[0].encode())
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured("The first DANVAN_VAULT_KEYS entry is not a Fernet key.") from error


def _under_primary(primary: Fernet, token: bytes) -> bool:
    try:
        primary.decrypt(token)
    except InvalidToken:
        return False
    return True


def _batches(model: type[Model], batch: int) -> Iterator[list[int]]:
    last = 0
    while True:
        ids = list(model._default_manager.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return
        yield ids
        last = ids[-1]


def _locked(rows: QuerySet[M], check: bool) -> QuerySet[M]:
    return rows if check else rows.select_for_update(of=("self",))


def rotate_denouncers(primary: Fernet, counts: RotationCounts, batch: int, *, check: bool) -> None:
    for ids in _batches(Denouncer, batch):
        with transaction.atomic():
            rows = list(_locked(Denouncer.objects.all(), check).filter(pk__in=ids).order_by("pk"))
            changed = []
            for row in rows:
                counts.denouncers += 1
                token = bytes(row.ciphertext)
                try:
                    identity = vault.unseal(token)
                except ImproperlyConfigured:
                    counts.undecryptable += 1
                    continue
                rotated = not _under_primary(primary, token)
                key = vault.person_key(identity.contact.full_name, identity.contact.id_number)
                cosigners = vault.cosigner_keys(identity)
                stored = list(row.cosigner_keys.order_by("id").values_list("person_key", flat=True))
                if cosigners != stored:
                    counts.person_keys_changed += len(cosigners)
                    if not check:
                        row.cosigner_keys.all().delete()
                        CosignerKey.objects.bulk_create(CosignerKey(denouncer=row, person_key=k) for k in cosigners)
                if not rotated and key == row.person_key:
                    continue
                counts.denouncers_rotated += rotated
                counts.person_keys_changed += key != row.person_key
                if rotated:
                    row.ciphertext = vault.rotate(token)
                row.person_key = key
                changed.append(row)
            if changed and not check:
                Denouncer.objects.bulk_update(changed, ["ciphertext", "person_key"])


def rotate_scans(primary: Fernet, counts: RotationCounts, batch: int, *, check: bool) -> None:
    # A scan may be up to 10 MB: small batches keep memory bounded.
    for ids in _batches(DenouncerScan, max(1, batch // 50)):
        with transaction.atomic():
            rows = list(_locked(DenouncerScan.objects.all(), check).filter(pk__in=ids).order_by("pk"))
            changed = []
            for row in rows:
                counts.scans += 1
                token = bytes(row.ciphertext)
                if _under_primary(primary, token):
                    continue
                try:
                    row.ciphertext = vault.rotate(token)
                except ImproperlyConfigured:
                    counts.undecryptable += 1
                    continue
                counts.scans_rotated += 1
                changed.append(row)
            if changed and not check:
                DenouncerScan.objects.bulk_update(changed, ["ciphertext"])


def rekey_people(counts: RotationCounts, batch: int, *, check: bool) -> None:
    for ids in _batches(CasePerson, batch):
        with transaction.atomic():
            rows = list(_locked(CasePerson.objects.all(), check).filter(pk__in=ids).order_by("pk"))
            changed = []
            for row in rows:
                key = vault.person_key(row.full_name, row.id_number)
                if key != row.person_key:
                    row.person_key = key
                    changed.append(row)
            counts.person_keys_changed += len(changed)
            if changed and not check:
                CasePerson.objects.bulk_update(changed, ["person_key"])


class Command(BaseCommand):
    help = "Mã hóa lại kho thông tin người tố cáo bằng khóa đầu tiên của DANVAN_VAULT_KEYS và tính lại khóa nhận diện."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ báo số bản ghi chưa giải mã được bằng khóa chính (không ghi gì).",
        )
        parser.add_argument("--batch", type=int, default=BATCH, help="Số bản ghi mỗi giao dịch.")

    def handle(self, *args: Any, **options: Any) -> None:
        check: bool = options["check"]
        batch = max(1, int(options["batch"]))
        try:
            primary = _primary()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        counts = RotationCounts()
        rotate_denouncers(primary, counts, batch, check=check)
        rotate_scans(primary, counts, batch, check=check)
        rekey_people(counts, batch, check=check)
        pending = counts.denouncers_rotated + counts.scans_rotated
        if check:
            self.stdout.write(
                f"Kiểm tra: {counts.denouncers} người tố cáo, {counts.scans} bản chụp; "
                f"{pending} bản ghi chưa giải mã được bằng khóa chính "
                f"({counts.denouncers_rotated} người tố cáo, {counts.scans_rotated} bản chụp); "
                f"{counts.person_keys_changed} khóa nhận diện cần tính lại; "
                f"{counts.undecryptable} bản ghi không giải mã được bằng khóa nào."
            )
        else:
            self.stdout.write(
                f"Đã mã hóa lại {counts.denouncers_rotated}/{counts.denouncers} người tố cáo và "
                f"{counts.scans_rotated}/{counts.scans} bản chụp; tính lại {counts.person_keys_changed} khóa nhận diện; "
                f"{counts.undecryptable} bản ghi không giải mã được bằng khóa nào."
            )
        if counts.undecryptable:
            raise CommandError("Có bản ghi không giải mã được: một khóa cũ đã bị gỡ khỏi DANVAN_VAULT_KEYS quá sớm.")
