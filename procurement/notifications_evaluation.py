"""The notice that a round has closed: its results are there to read. It goes to the people inside the
group who took part — the evaluators who scored, the members' 担当者 and the secretariat — never to
the one who closed it, and stays listed only while the reader is still inside the group."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import access, notification_kinds
from portal import notifications as portal_notifications
from portal.task_retry import retrying_task
from procurement.models import Round
from procurement.policy_evaluation import rounds_inside_for

ROUND_CLOSED = "procurement_round_closed"


def _still_inside(user) -> Q:
    return Q(
        content_type=ContentType.objects.get_for_model(Round),
        object_id__in=rounds_inside_for(user).values("pk"),
    )


KIND = notification_kinds.NotificationKind(
    slug=ROUND_CLOSED,
    label=_("共同化検討会：事業者評価の締切（集計結果の公開）"),
    message=lambda params: (
        gettext("事業者評価「%(title)s」が締め切られ、集計結果を確認できます。")
        % {"title": params.get("title", "")}
    ),
    visible=_still_inside,
)


@retrying_task()
def notify_round_closed(*, round_id: int) -> int:
    round = Round.objects.select_related("workspace").get(pk=round_id)
    workspace = round.workspace
    people = {score.evaluator for score in round.scores.select_related("evaluator")}
    people |= {entry.user for entry in workspace.secretariat.select_related("user")}
    people |= {m.contact for m in workspace.members.select_related("contact") if m.contact is not None}
    recipients = sorted(
        (
            p
            for p in people
            if p.pk != round.closed_by_id and access.can(p, "procurement.results.view", round)
        ),
        key=lambda person: person.pk,
    )
    return portal_notifications.deliver(
        kind=ROUND_CLOSED,
        key=f"procurement-round-closed:{round.pk}",
        recipients=recipients,
        params={"title": round.title},
        url=reverse("procurement:evaluation_results", args=[workspace.slug, round.pk]),
        target=round,
    )
