"""Writes on officers, memberships and API tokens. Each runs in one transaction and is audited."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import ApiToken, Membership, Officer, Role
from danvan.core.audit import audit_log, changes_between, snapshot
from danvan.core.errors import DomainError
from danvan.core.models import Organization
from danvan.core.phones import check_phone
from danvan.core.text import fold

TOKEN_PREFIX = "dv_"  # noqa: S105 - a visible prefix, not a secret


def _officer_search_text(officer: Officer) -> str:
    return fold(f"{officer.full_name} {officer.username} {officer.email} {officer.position}")[:400]


@transaction.atomic
def officer_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    password: str | None,
    email: str = "",
    position: str = "",
    phone: str = "",
    check_password: bool = True,
) -> Officer:
    """Create an officer account (inactive login without a password until one is set)."""
    username = username.strip().lower()
    if Officer.objects.filter(username__iexact=username).exists():
        raise DomainError("username_taken", _("Tên đăng nhập đã được dùng."), fields={"username": [_("Đã tồn tại.")]})
    officer = Officer(
        username=username,
        full_name=full_name.strip(),
        email=email.strip(),
        position=position.strip(),
        phone=check_phone(phone, field="phone"),
    )
    if password:
        if check_password:
            validate_password(password, officer)
        officer.set_password(password)
    else:
        officer.set_unusable_password()
    officer.search_text = _officer_search_text(officer)
    officer.full_clean(exclude=["password"])
    officer.save()
    audit_log(
        actor=actor,
        action="accounts.officer.created",
        instance=officer,
        changes={"username": officer.username, "full_name": officer.full_name},
    )
    return officer


@transaction.atomic
def officer_update(*, actor: Any, officer: Officer, **values: Any) -> Officer:
    """Change an officer's profile fields (full_name, email, position, phone)."""
    allowed = {"full_name", "email", "position", "phone"}
    unknown = set(values) - allowed
    if unknown:
        raise DomainError("invalid_field", _("Không thể sửa các trường: %s") % ", ".join(sorted(unknown)))
    if "phone" in values:
        values["phone"] = check_phone(values["phone"], field="phone")
    before = snapshot(officer, values)
    for name, value in values.items():
        setattr(officer, name, (value or "").strip())
    officer.search_text = _officer_search_text(officer)
    officer.full_clean(exclude=["password"])
    officer.save(update_fields=[*values, "search_text"])
    audit_log(actor=actor, action="accounts.officer.updated", instance=officer, changes=changes_between(before, values))
    return officer


@transaction.atomic
def officer_set_active(*, actor: Any, officer: Officer, is_active: bool) -> Officer:
    """Disable or re-enable an officer; disabling also revokes every API token."""
    if officer.is_active == is_active:
        return officer
    officer.is_active = is_active
    officer.save(update_fields=["is_active"])
    if not is_active:
        officer.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_log(
        actor=actor,
        action="accounts.officer.enabled" if is_active else "accounts.officer.disabled",
        instance=officer,
        changes={"is_active": [not is_active, is_active]},
    )
    return officer


@transaction.atomic
def officer_set_password(*, actor: Any, officer: Officer, password: str) -> Officer:
    validate_password(password, officer)
    officer.set_password(password)
    officer.save(update_fields=["password"])
    audit_log(actor=actor, action="accounts.officer.password_set", instance=officer)
    return officer


@transaction.atomic
def membership_grant(*, actor: Any, officer: Officer, organization: Organization, role: str) -> Membership:
    """Give ``officer`` a ``role`` in ``organization`` (or change the role of an existing membership)."""
    if role not in Role.values:
        raise DomainError("invalid_role", _("Vai trò không hợp lệ."), field="role")
    unit = organization.unit
    membership = (
        Membership.objects.select_for_update(of=("self",)).filter(officer=officer, organization=organization).first()
    )
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    officer=officer, organization=organization, role=role, unit=unit, unit_path=unit.path
                )
        except IntegrityError as exc:
            raise DomainError("membership_exists", _("Cán bộ đã thuộc tổ chức này.")) from exc
        audit_log(
            actor=actor,
            action="accounts.membership.granted",
            instance=membership,
            unit=unit,
            changes={"officer": officer.pk, "organization": organization.pk, "role": role},
        )
        return membership
    before = snapshot(membership, ["role", "is_active"])
    membership.role, membership.is_active = role, True
    membership.save(update_fields=["role", "is_active"])
    audit_log(
        actor=actor,
        action="accounts.membership.changed",
        instance=membership,
        unit=unit,
        changes=changes_between(before, {"role": role, "is_active": True}),
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership) -> Membership:
    if not membership.is_active:
        return membership
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit_log(
        actor=actor,
        action="accounts.membership.revoked",
        instance=membership,
        unit=membership.unit,
        changes={"is_active": [True, False]},
    )
    return membership


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: Any, officer: Officer, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and never stored."""
    name = name.strip()
    if not name:
        raise DomainError("name_required", _("Hãy đặt tên cho mã truy cập."), fields={"name": [_("Bắt buộc.")]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(officer=officer, name=name[:100], prefix=secret[:10], key_hash=token_hash(secret))
    audit_log(actor=actor, action="accounts.api_token.created", instance=token, changes={"name": token.name})
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(actor=actor, action="accounts.api_token.revoked", instance=token)
    return token
