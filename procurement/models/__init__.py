"""The joint-procurement workspaces' models, one module per concern; `procurement.models` names them."""

from procurement.models.inventory import SystemInUse
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
    "Arrangement",
    "Invitation",
    "InvitationState",
    "Member",
    "Purpose",
    "Secretariat",
    "SystemInUse",
    "Workspace",
    "WorkspaceStatus",
]
