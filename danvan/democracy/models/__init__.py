"""The models of grassroots democracy, one module per part (docs/decisions/0018)."""

from danvan.democracy.models.base import CommuneRecord
from danvan.democracy.models.households import Household, Residence
from danvan.democracy.models.meetings import (
    Addressee,
    CommunityMeeting,
    MeetingKind,
    MeetingStatus,
    RaisedItem,
    RaisedItemKind,
)

__all__ = [
    "Addressee",
    "CommuneRecord",
    "CommunityMeeting",
    "Household",
    "MeetingKind",
    "MeetingStatus",
    "RaisedItem",
    "RaisedItemKind",
    "Residence",
]
