"""The joint-procurement workspaces' models, one module per concern; `procurement.models` names them."""

from procurement.models.fitgap import AdoptionState, CommonForm, Fit, FitLevel, FormAdoption, Function
from procurement.models.workspace import (
    Arrangement,
    Invitation,
    InvitationState,
    Member,
    Purpose,
    Secretariat,
    Workspace,
    WorkspaceStatus,
)

__all__ = [
    "AdoptionState",
    "Arrangement",
    "CommonForm",
    "Fit",
    "FitLevel",
    "FormAdoption",
    "Function",
    "Invitation",
    "InvitationState",
    "Member",
    "Purpose",
    "Secretariat",
    "Workspace",
    "WorkspaceStatus",
]
