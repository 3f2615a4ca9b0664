"""Background tasks of disclosures (run by ``danvan worker``)."""

from __future__ import annotations

from danvan.core.tasks import task


@task()
def refresh_disclosure_compliance() -> int:
    """Recompute the disclosures whose compliance came to its date (the boards also do it for what they show)."""
    from danvan.democracy.disclosure_services import disclosures_refresh
    from danvan.democracy.models import Disclosure

    return disclosures_refresh(Disclosure.objects.all())
