"""The joint-procurement workspaces' models, one module per concern; `procurement.models` names them."""

from procurement.models.costs import CaseDraft, CostSharingScenario, MemberCost
from procurement.models.evaluation import (
    Bid,
    Criterion,
    Decision,
    Round,
    RoundStage,
    RoundState,
    Score,
    Sheet,
    Vendor,
)
from procurement.models.fitgap import AdoptionState, CommonForm, Fit, FitLevel, FormAdoption, Function
from procurement.models.inventory import SystemInUse
from procurement.models.milestones import STEPS, Milestone, Step
from procurement.models.records import (
    Agreement,
    Document,
    DocumentKind,
    DocumentVersion,
    QuestionRound,
    VendorQuestion,
)
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
    "AdoptionState",
    "Agreement",
    "Arrangement",
    "Bid",
    "CaseDraft",
    "CommonForm",
    "CostSharingScenario",
    "Criterion",
    "Decision",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "Fit",
    "FitLevel",
    "FormAdoption",
    "Function",
    "Invitation",
    "InvitationState",
    "Member",
    "MemberCost",
    "Milestone",
    "Purpose",
    "QuestionRound",
    "Round",
    "RoundStage",
    "RoundState",
    "Score",
    "Secretariat",
    "Sheet",
    "Step",
    "SystemInUse",
    "Vendor",
    "VendorQuestion",
    "Workspace",
    "WorkspaceStatus",
]
