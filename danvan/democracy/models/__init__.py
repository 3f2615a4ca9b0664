"""The models of grassroots democracy, one module per part (docs/decisions/0018)."""

from danvan.democracy.models.base import CommuneRecord
from danvan.democracy.models.disclosures import (
    ChannelKind,
    ComplianceStatus,
    Disclosure,
    DisclosureChannel,
    DisclosureForm,
    DisclosureItem,
    PostingDuration,
)
from danvan.democracy.models.households import Household, Residence

__all__ = [
    "ChannelKind",
    "CommuneRecord",
    "ComplianceStatus",
    "Disclosure",
    "DisclosureChannel",
    "DisclosureForm",
    "DisclosureItem",
    "Household",
    "PostingDuration",
    "Residence",
]
