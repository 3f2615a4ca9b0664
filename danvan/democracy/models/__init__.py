"""The models of grassroots democracy, one module per part (docs/decisions/0018)."""

from danvan.democracy.models.base import CommuneRecord
from danvan.democracy.models.households import Household, Residence

__all__ = ["CommuneRecord", "Household", "Residence"]
