"""The denouncer vault: identities encrypted at rest, keyed from the environment, rotatable.

Luật Tố cáo 2018 Art. 8.3, 9, 47 and 56 forbid revealing a denouncer's name, address, handwriting or other
personal details. The identity is therefore kept apart from the case, as a MultiFernet token (AES-128-CBC +
HMAC-SHA256) under ``settings.VAULT_KEYS`` (first key encrypts, every key decrypts), and read only through
``services.denouncer_read`` after ``access.can_read_denouncer``; each read is audited. ``person_key`` is an HMAC
of the normalized identity under a key derived from the primary vault key, so "same denouncer" can be matched for
duplicates without decrypting anything. Nothing in this module logs or raises with identity values.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, field

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from danvan.core.text import fold


@dataclass(frozen=True)
class DenouncerPerson:
    full_name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""


@dataclass(frozen=True)
class DenouncerIdentity:
    """Who denounced: one person, or several who signed together (the first is the contact)."""

    people: tuple[DenouncerPerson, ...]
    note: str = ""

    @property
    def contact(self) -> DenouncerPerson:
        return self.people[0]

    def as_json(self) -> dict[str, object]:
        return {"people": [asdict(person) for person in self.people], "note": self.note}

    @classmethod
    def from_json(cls, value: dict[str, object]) -> DenouncerIdentity:
        people = value.get("people") or []
        assert isinstance(people, list)
        return cls(people=tuple(DenouncerPerson(**person) for person in people), note=str(value.get("note", "")))


@dataclass(frozen=True)
class VaultScan:
    original_name: str
    content_type: str
    content: bytes = field(repr=False)


def _keys() -> list[bytes]:
    configured = [key.encode() for key in settings.VAULT_KEYS]
    if not configured:
        raise ImproperlyConfigured("DANVAN_VAULT_KEYS is not set.")
    return configured


def _fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in _keys()])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured("DANVAN_VAULT_KEYS holds a key that is not a Fernet key.") from error


def _person_key_secret() -> bytes:
    return hmac.new(_keys()[0], b"danvan-person-key", hashlib.sha256).digest()


def person_key(full_name: str, id_number: str = "") -> str:
    """A keyed hash naming the same person across cases (ID number when given, else the folded name)."""
    digits = "".join(ch for ch in id_number if ch.isalnum()).upper()
    material = f"id:{digits}" if digits else f"name:{' '.join(fold(full_name).split())}"
    return hmac.new(_person_key_secret(), material.encode(), hashlib.sha256).hexdigest()


def seal(identity: DenouncerIdentity) -> bytes:
    return _fernet().encrypt(json.dumps(identity.as_json(), ensure_ascii=False).encode())


def unseal(token: bytes | memoryview) -> DenouncerIdentity:
    try:
        plain = _fernet().decrypt(bytes(token))
    except InvalidToken as error:
        raise ImproperlyConfigured("The vault cannot decrypt a denouncer: a key is missing from VAULT_KEYS.") from error
    return DenouncerIdentity.from_json(json.loads(plain))


def seal_scan(scan: VaultScan) -> bytes:
    header = json.dumps({"name": scan.original_name, "type": scan.content_type}).encode()
    return _fernet().encrypt(len(header).to_bytes(4, "big") + header + scan.content)


def unseal_scan(token: bytes | memoryview) -> VaultScan:
    try:
        plain = _fernet().decrypt(bytes(token))
    except InvalidToken as error:
        raise ImproperlyConfigured("The vault cannot decrypt a scan: a key is missing from VAULT_KEYS.") from error
    length = int.from_bytes(plain[:4], "big")
    header = json.loads(plain[4 : 4 + length])
    return VaultScan(original_name=header["name"], content_type=header["type"], content=plain[4 + length :])


def rotate(token: bytes | memoryview) -> bytes:
    """Re-encrypt ``token`` under the primary key (MultiFernet.rotate)."""
    return _fernet().rotate(bytes(token))
