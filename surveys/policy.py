"""Who builds, answers and reads surveys (照会), and the querysets that mirror the rules.

Advisors (and admins) build and send surveys; a prefecture official may too once given the right (a
SurveyBuilder row), and then manages the surveys they made. A survey is its asked municipalities'
once opened: any of their active staff open the answer page, and confirm that a final answer updates
their system inventory (portal.inventory_feeds; advisors never do it for them); whether a save, a
submit, an approval or an update is still possible (state, deadline, who submitted) the services
decide, so the refusal is a message, not a missing page. A municipality reads its own response, and
everyone's results when the survey says so; advisors read everything; officials read the results of
surveys marked for them. Consultants, pending and ended members see nothing. Registered with
portal.access in SurveysConfig.ready().
"""

from django.db.models import Q, QuerySet

from portal.access import is_advisor_like, municipality_of, role_of, same_municipality
from portal.models import Role
from surveys.models import ANSWERED, AnswerFile, Response, Survey, SurveyBuilder, SurveyState

READERS = frozenset({Role.STAFF, Role.ADVISOR, Role.OFFICIAL, Role.ADMIN})


def is_builder(user) -> bool:
    if is_advisor_like(user):
        return True
    return role_of(user) == Role.OFFICIAL and SurveyBuilder.objects.filter(user=user).exists()


def manages(user, survey) -> bool:
    """Advisors manage every survey; an official with the right, the surveys they made."""
    if survey is None:
        return False
    return is_advisor_like(user) or (is_builder(user) and survey.created_by_id == user.pk)


def is_asked(user, survey) -> bool:
    """Active staff of a municipality the (opened) survey asks."""
    own = municipality_of(user)
    if own is None or survey is None or survey.state == SurveyState.DRAFT:
        return False
    return survey.municipalities.filter(pk=own.pk).exists()


def _list(user, obj=None, **context) -> bool:
    return role_of(user) in READERS


def _create(user, obj=None, **context) -> bool:
    return is_builder(user)


def _view(user, survey, **context) -> bool:
    return manages(user, survey) or is_asked(user, survey) or _results(user, survey)


def _edit(user, survey, **context) -> bool:
    return manages(user, survey) and survey.state == SurveyState.DRAFT


def _close(user, survey, **context) -> bool:
    return manages(user, survey) and survey.state == SurveyState.OPEN


def _results(user, survey, **context) -> bool:
    if survey is None or survey.state == SurveyState.DRAFT:
        return manages(user, survey)
    if manages(user, survey):
        return True
    if survey.visible_to_officials and role_of(user) == Role.OFFICIAL:
        return True
    return survey.results_visible_to_municipalities and is_asked(user, survey)


def _answer(user, survey, **context) -> bool:
    return is_asked(user, survey)


def _approve(user, survey, **context) -> bool:
    return is_asked(user, survey) and survey.needs_approval


def _view_response(user, response, **context) -> bool:
    if response is None:
        return False
    survey = response.survey
    if manages(user, survey):
        return True
    own = municipality_of(user)
    if own is not None and own.pk == response.municipality_id and is_asked(user, survey):
        return True
    # Another municipality's answers are part of the results only once answered.
    return response.is_answered and _results(user, survey)


def _reopen(user, response, **context) -> bool:
    return response is not None and manages(user, response.survey)


def _feed(user, response, **context) -> bool:
    """Updating the system inventory from an answer is its municipality's confirmation: its staff
    only, never an advisor for them (whether the answer is final the service tells)."""
    return (
        response is not None
        and same_municipality(user, response.municipality)
        and is_asked(user, response.survey)
    )


def _download(user, answer_file, **context) -> bool:
    return answer_file is not None and _view_response(user, answer_file.response)


RULES = {
    "survey.list": _list,
    "survey.create": _create,
    "survey.view": _view,
    "survey.edit": _edit,
    "survey.open": _edit,
    "survey.close": _close,
    "survey.manage": lambda user, survey, **context: manages(user, survey),
    "survey.results": _results,
    "survey.export": _results,
    "survey.answer": _answer,
    "survey.approve": _approve,
    "survey_response.view": _view_response,
    "survey_response.reopen": _reopen,
    "survey_response.feed": _feed,
    "survey_file.download": _download,
}


def surveys_for(user) -> QuerySet[Survey]:
    """Every survey the user may open (survey.view); others answer 404."""
    role = role_of(user)
    if role not in READERS:
        return Survey.objects.none()
    if is_advisor_like(user):
        return Survey.objects.all()
    visible = Q(pk__in=[])
    if is_builder(user):
        visible |= Q(created_by=user)
    if role == Role.OFFICIAL:
        visible |= Q(visible_to_officials=True) & ~Q(state=SurveyState.DRAFT)
    own = municipality_of(user)
    if own is not None:
        visible |= Q(municipalities=own) & ~Q(state=SurveyState.DRAFT)
    return Survey.objects.filter(visible).distinct()


def responses_for(user) -> QuerySet[Response]:
    """Responses the user may read (survey_response.view), so one by id outside scope answers 404."""
    surveys = surveys_for(user)
    if is_advisor_like(user):
        return Response.objects.all()
    visible = Q(survey__in=surveys.filter(created_by=user)) if is_builder(user) else Q(pk__in=[])
    own = municipality_of(user)
    if own is not None:
        visible |= Q(municipality=own, survey__in=surveys)
    readable_results = surveys.exclude(state=SurveyState.DRAFT)
    if role_of(user) == Role.OFFICIAL:
        readable_results = readable_results.filter(visible_to_officials=True)
    elif own is not None:
        readable_results = readable_results.filter(results_visible_to_municipalities=True)
    else:
        readable_results = readable_results.none()

    visible |= Q(survey__in=readable_results, state__in=ANSWERED)
    return Response.objects.filter(visible)


def files_for(user) -> QuerySet[AnswerFile]:
    return AnswerFile.objects.filter(response__in=responses_for(user))
