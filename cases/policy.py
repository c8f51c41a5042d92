"""The case studies' and readiness self-assessment's access rules, with the queryset that mirrors them.

Registered with portal.access in CasesConfig.ready(); everything still asks portal.access.can/require.
"""

from django.db.models import QuerySet

from cases.models import ReadinessAssessment
from portal import access
from portal.access import is_advisor_like, municipality_of, role_of
from portal.models import Role


def _view_case(user, page, **context) -> bool:
    """A published page without a view restriction is for everyone, signed in or not."""
    return page is None or (page.live and not page.get_view_restrictions().exists())


def _review_stale_cases(user, obj, **context) -> bool:
    return is_advisor_like(user)


def _see_cases_like_mine(user, obj, **context) -> bool:
    return municipality_of(user) is not None


def _edit_cases(user, obj, **context) -> bool:
    # Advisors and admins write and review case studies in Wagtail (the editor group follows this).
    return is_advisor_like(user)


def _publish_case_directly(user, obj, **context) -> bool:
    # Everyone else publishes a case only through the 決裁's approval.
    return user.is_superuser and role_of(user) == Role.ADMIN


def _approve_case(user, workflow_state, **context) -> bool:
    """Editors approve a case under review, but never the submission they made themselves."""
    if not _edit_cases(user, None) and not _publish_case_directly(user, None):
        return False
    return workflow_state is None or workflow_state.requested_by_id != user.pk


def _edit_stated_totals(user, obj, **context) -> bool:
    # The source's own totals are facts of record: advisors edit the data, not what the source said.
    return role_of(user) == Role.ADMIN


def _save_readiness(user, obj, **context) -> bool:
    # Staff answer for their own municipality; advisors read results, they do not answer for others.
    return municipality_of(user) is not None


def _view_all_readiness(user, obj, **context) -> bool:
    return is_advisor_like(user)


RULES = {
    "case.view": _view_case,
    "case.review_stale": _review_stale_cases,
    "case.like_mine": _see_cases_like_mine,
    "case.edit": _edit_cases,
    "case.publish_directly": _publish_case_directly,
    "case.approve": _approve_case,
    "stated_total.edit": _edit_stated_totals,
    "readiness.save": _save_readiness,
    "readiness.view_all": _view_all_readiness,
}


def readiness_assessments_for(user) -> QuerySet[ReadinessAssessment]:
    """Saved self-assessments a user may read: all for advisors and admins, their own municipality's
    for staff, none otherwise. Others' results are looked up through this, so they answer 404."""
    queryset = ReadinessAssessment.objects.select_related("municipality", "created_by")
    if access.can(user, "readiness.view_all"):
        return queryset
    own = municipality_of(user)
    if own is None:
        return queryset.none()
    return queryset.filter(municipality=own)
