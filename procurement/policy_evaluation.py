"""Who may do what with vendor evaluation rounds. The seed's rule is that evaluators score on their own:
an evaluator sees only their own sheet, and nobody — secretariat, other evaluators, officials — ever
sees anyone else's points. After the close the people inside the group (members, secretariat,
consultant) see the aggregated table (means and spread); overseers (officials, advisors outside the
secretariat) never see points: they follow that a round exists, its state and the vendor chosen."""

from django.db.models import QuerySet

from portal.access import ADVISOR_LIKE, municipality_of, role_of
from portal.models import Role
from procurement.models import Round, Sheet
from procurement.relations import INSIDE, MEMBERS, RUNNERS, Relation, relation_of


def _list(user, workspace, **context) -> bool:
    return relation_of(user, workspace) >= Relation.OVERSEER


def _create(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in RUNNERS


def _view(user, round: Round, **context) -> bool:
    return relation_of(user, round.workspace) >= Relation.OVERSEER


def _view_inside(user, round: Round, **context) -> bool:
    """The criteria, the vendors and their prices, who has finished scoring, the decision's reasons."""
    return relation_of(user, round.workspace) in INSIDE


def _set_up(user, round: Round, **context) -> bool:
    return round.is_open and relation_of(user, round.workspace) in RUNNERS


def _close(user, round: Round, **context) -> bool:
    # Closing a closed round again is harmless (the service says so), so the state is not asked here.
    return relation_of(user, round.workspace) in RUNNERS


def _score(user, round: Round, **context) -> bool:
    """Evaluators are the active staff of the member municipalities (原課職員). Once the round has closed
    the service refuses their points with a message (rather than the page vanishing under them)."""
    return relation_of(user, round.workspace) in MEMBERS


def _view_sheet(user, sheet: Sheet, **context) -> bool:
    """One's own sheet only, before and after the close: the group reads the aggregated table, never
    one evaluator's points (evaluators judge freely when no colleague can read their sheet later)."""
    return (
        getattr(sheet.evaluator, "pk", None) == user.pk
        and relation_of(user, sheet.round.workspace) in MEMBERS
    )


def _view_results(user, round: Round, **context) -> bool:
    return not round.is_open and relation_of(user, round.workspace) in INSIDE


def _decide(user, round: Round, **context) -> bool:
    return not round.is_open and relation_of(user, round.workspace) in RUNNERS


RULES = {
    "procurement.round.list": _list,
    "procurement.round.create": _create,
    "procurement.round.view": _view,
    "procurement.round.view_inside": _view_inside,
    "procurement.round.set_up": _set_up,
    "procurement.round.close": _close,
    "procurement.score.enter": _score,
    "procurement.sheet.view": _view_sheet,
    "procurement.results.view": _view_results,
    "procurement.decision.record": _decide,
}


def rounds_inside_for(user) -> QuerySet[Round]:
    """The rounds of the groups the user is inside of (the INSIDE relations), as one query: for
    notices that stay listed only while their reader still is."""
    role = role_of(user)
    if role in ADVISOR_LIKE or role == Role.CONSULTANT:
        return Round.objects.filter(workspace__secretariat__user=user)
    own = municipality_of(user)
    if own is None:
        return Round.objects.none()
    return Round.objects.filter(workspace__members__municipality=own)
