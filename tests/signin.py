"""Signing an officer in for a test client as a real sign-in would: an administrator's session is also verified
with a confirmed TOTP device (the second factor ``accounts.middleware`` asks of administrators). Used by the root
``client`` fixture, the phone walk and ``scripts/crawl-demo.py``."""

from __future__ import annotations

from typing import Any


def verify_second_factor(client: Any, user: Any, *, device_name: str = "test") -> None:
    """Mark ``client``'s session (already signed in as ``user``) verified by ``user``'s confirmed TOTP device
    (made when there is none), when ``user`` is an administrator; nothing otherwise."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.access import is_administrator

    if not is_administrator(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name=device_name, confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def sign_in(client: Any, user: Any, *, device_name: str = "test") -> None:
    """``client.force_login(user)``, verified as above."""
    client.force_login(user)
    verify_second_factor(client, user, device_name=device_name)
