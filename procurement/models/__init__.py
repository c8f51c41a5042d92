"""The joint-procurement workspaces' models, one module per concern; `procurement.models` names them."""

from procurement.models.milestones import STEPS, Milestone, Step
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
    "STEPS",
    "Arrangement",
    "Invitation",
    "InvitationState",
    "Member",
    "Milestone",
    "Purpose",
    "Secretariat",
    "Step",
    "Workspace",
    "WorkspaceStatus",
]
