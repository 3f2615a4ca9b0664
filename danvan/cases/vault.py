"""The denouncer vault: identities encrypted at rest, keyed from the environment, rotatable.

Luật Tố cáo 2018 Art. 8.3, 9, 47 and 56 forbid revealing a denouncer's name, address, handwriting or other
personal details. The identity is therefore kept apart from the case, as a MultiFernet token (AES-128-CBC +
HMAC-SHA256) under ``settings.VAULT_KEYS`` (first key encrypts, every key decrypts), and read only through
``services.denouncer_read`` after ``access.can_read_denouncer``; each read is audited. ``person_key`` is an HMAC
of the normalized identity under a key derived from the primary vault key, so "same denouncer" can be matched for
duplicates without decrypting anything. Nothing in this module logs or raises with identity values.

Person keys say what they were made from, because an ID number names one person and a name alone names every
namesake: a key is one letter — ``i`` (ID number) or ``n`` (name only) — and the first 63 hex digits of the HMAC,
64 characters in all like before. Keys stored before this change are the full 64-hex HMAC with no kind; they are
kept and still match: :func:`person_key_forms` gives every spelling the same person may be stored under, and
:func:`person_key_kind` answers ``None`` for an old key. ``danvan vault_rotate`` recomputes every stored key and
so rewrites old keys in the new form (it reports them as "khóa nhận diện cần tính lại").
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


ID_KEY = "i"
NAME_KEY = "n"
_HEX = "0123456789abcdef"
_BODY = 63


def person_key(full_name: str, id_number: str = "") -> str:
    """A keyed hash naming the same person across cases: ``i`` + HMAC of the ID number when given, else
    ``n`` + HMAC of the folded name (see the module docstring)."""
    digits = "".join(ch for ch in id_number if ch.isalnum()).upper()
    if digits:
        kind, material = ID_KEY, f"id:{digits}"
    else:
        kind, material = NAME_KEY, f"name:{' '.join(fold(full_name).split())}"
    return kind + hmac.new(_person_key_secret(), material.encode(), hashlib.sha256).hexdigest()[:_BODY]


def cosigner_keys(identity: DenouncerIdentity) -> list[str]:
    """The person keys of everyone after the contact (stored as ``CosignerKey`` rows), without repeats."""
    contact = person_key(identity.contact.full_name, identity.contact.id_number)
    keys = [person_key(person.full_name, person.id_number) for person in identity.people[1:]]
    return [key for key in dict.fromkeys(keys) if key != contact]


def _is_legacy(key: str) -> bool:
    return len(key) == _BODY + 1 and all(ch in _HEX for ch in key)


def person_key_kind(key: str) -> str | None:
    """``ID_KEY`` or ``NAME_KEY`` for a key that says what it was made from; ``None`` for a key stored before keys
    carried their kind (or a malformed one)."""
    if key[:1] in (ID_KEY, NAME_KEY) and len(key) == _BODY + 1:
        return key[0]
    return None


def person_key_body(key: str) -> str:
    """What two spellings of the same person's key share: the first 63 hex digits of the HMAC."""
    return key[:_BODY] if _is_legacy(key) else key[1:]


def person_key_forms(key: str) -> list[str]:
    """Every spelling under which the person of ``key`` may be stored: the key itself, and the old (kindless) or
    new (kind-prefixed) form. An old key lost nothing, so both kinds are tried; a new key dropped the HMAC's last
    hex digit, so the 16 old keys it may have come from are tried (the HMACs of other people never collide)."""
    if not key:
        return []
    if _is_legacy(key):
        return [key, ID_KEY + key[:_BODY], NAME_KEY + key[:_BODY]]
    if person_key_kind(key) is None:
        return [key]
    return [key, *(key[1:] + digit for digit in _HEX)]


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
