"""The models of grassroots democracy, one module per part (docs/decisions/0018)."""

from danvan.democracy.models.base import CommuneRecord
from danvan.democracy.models.consultations import (
    Consultation,
    ConsultationChannel,
    ConsultationItem,
    ConsultationStatus,
    Opinion,
    OpinionSource,
    OpinionStance,
)
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
    "Consultation",
    "ConsultationChannel",
    "ConsultationItem",
    "ConsultationStatus",
    "Disclosure",
    "DisclosureChannel",
    "DisclosureForm",
    "DisclosureItem",
    "Household",
    "Opinion",
    "OpinionSource",
    "OpinionStance",
    "PostingDuration",
    "Residence",
]
