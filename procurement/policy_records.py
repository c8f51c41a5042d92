"""Who reads and keeps the group's records: the vendor Q&A, the documents and the decision log.

- Q&A: the secretariat (its advisors and its consultant) enters questions and answers and keeps the
  unpublished ones as drafts; once published, everyone inside the group reads them.
- Documents: everyone inside the group reads every version and uploads new documents and versions.
- Decision log: those who run the group record it; everyone inside reads it, and so do the overseers
  (the prefecture's officials and advisors): what was agreed, when and by whom is what a 首長 asks for,
  and it holds no scores or vendors' prices.
"""

from django.db.models import QuerySet

from procurement.models import VendorQuestion
from procurement.relations import INSIDE, RUNNERS, Relation, relation_of

SECRETARIAT_SIDE = frozenset({Relation.SECRETARIAT, Relation.CONSULTANT})
LOG_READERS = INSIDE | {Relation.OVERSEER}


def _inside(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in INSIDE


def _secretariat(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in SECRETARIAT_SIDE


def _read_log(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in LOG_READERS


def _run(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in RUNNERS


RULES = {
    "procurement.question.list": _inside,
    "procurement.question.manage": _secretariat,
    "procurement.document.view": _inside,
    "procurement.document.upload": _inside,
    "procurement.agreement.view": _read_log,
    "procurement.agreement.record": _run,
}


def questions_for(user, workspace) -> QuerySet[VendorQuestion]:
    """The Q&A the user reads in this workspace: the secretariat's drafts too, for the secretariat."""
    relation = relation_of(user, workspace)
    questions = VendorQuestion.objects.filter(workspace=workspace)
    if relation in SECRETARIAT_SIDE:
        return questions
    if relation in INSIDE:
        return questions.filter(published_at__isnull=False)
    return questions.none()
