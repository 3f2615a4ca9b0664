"""Reception's tests share the case engine's fixtures (a visit opens petitions): time frozen on Friday 20/11/2026,
grace and ivan of Xã Đồng Xuân, the field "Đất đai", a received complaint and a denunciation."""

from danvan.cases.tests.conftest import (  # noqa: F401
    committed_audit_cleanup,
    complaint,
    denunciation,
    frozen,
    grace,
    ivan,
    land,
)
