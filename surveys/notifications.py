"""The notices surveys send: a survey opened to a municipality, a reminder before the deadline, an
approval asked of a colleague, and a response reopened by the prefecture. Delivered by the kernel
(portal.notifications.deliver, from a background task queued in the change's transaction) to the
active staff of the municipality concerned; each (recipient, key) once, so nothing goes twice."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import notification_kinds, notifications
from portal.models import Membership, Role, User
from portal.task_retry import retrying_task
from portal.templatetags.wareki import wareki
from surveys import policy
from surveys.models import Survey

OPENED = "survey_opened"
REMINDER = "survey_reminder"
APPROVAL = "survey_approval_requested"
REOPENED = "survey_reopened"


def still_visible(user) -> Q:
    return Q(
        content_type=ContentType.objects.get_for_model(Survey),
        object_id__in=policy.surveys_for(user).values("pk"),
    )


def _title(params: dict) -> dict:
    return {"title": params.get("title", ""), "deadline": params.get("deadline", "")}


def _kind(slug: str, label, sentence) -> notification_kinds.NotificationKind:
    """`sentence` is a lazy translation with %(title)s and %(deadline)s, read in the reader's language."""
    return notification_kinds.NotificationKind(
        slug=slug, label=label, message=lambda params: str(sentence) % _title(params), visible=still_visible
    )


KINDS = [
    _kind(
        OPENED, _("照会：新しい照会が届いた"), _("照会「%(title)s」が届きました（回答期限 %(deadline)s）。")
    ),
    _kind(
        REMINDER,
        _("照会：回答期限が近い"),
        _("照会「%(title)s」の回答期限（%(deadline)s）が近づいています。未提出です。"),
    ),
    _kind(APPROVAL, _("照会：回答の承認依頼"), _("照会「%(title)s」の回答が提出され、承認を待っています。")),
    _kind(
        REOPENED,
        _("照会：回答の差し戻し"),
        _("照会「%(title)s」の回答が差し戻されました。修正して再提出してください。"),
    ),
]


def staff_of(municipality_ids):
    users = User.objects.filter(
        memberships__role=Role.STAFF,
        memberships__state=Membership.State.ACTIVE,
        memberships__municipality__in=municipality_ids,
        is_active=True,
    )
    return users.distinct().order_by("pk")


def params_of(survey) -> dict:
    return {"title": survey.title, "deadline": wareki(survey.deadline) + survey.deadline_time_text}


@retrying_task()
def deliver_notice(
    *, kind: str, key: str, survey_id: int, municipality_ids: list[int], exclude_id=None
) -> int:
    """Tell the active staff of these municipalities (but `exclude_id`) about the survey."""
    survey = Survey.objects.get(pk=survey_id)
    recipients = staff_of(municipality_ids)
    if exclude_id is not None:
        recipients = recipients.exclude(pk=exclude_id)
    return notifications.deliver(
        kind=kind,
        key=key,
        recipients=recipients,
        params=params_of(survey),
        url=reverse("surveys:answer", args=[survey.pk]),
        target=survey,
    )


def send(kind: str, survey, municipalities, *, key: str, exclude=None) -> None:
    """Queue the notice in the caller's transaction: a refused change sends nothing."""
    deliver_notice.enqueue(
        kind=kind,
        key=key,
        survey_id=survey.pk,
        municipality_ids=[municipality.pk for municipality in municipalities],
        exclude_id=exclude.pk if exclude is not None else None,
    )
