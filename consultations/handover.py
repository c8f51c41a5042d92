"""The desk's part in a 人事異動 hand-over (registered with portal.handover in apps.py): the leaver's open
consultations and follows go to the successor, each consultation's history naming who asked and who
confirmed."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations import policy
from consultations.models import IN_HAND_STATUSES, Consultation, Event
from consultations.services import bump_version
from portal.handover import Item, Participant, Preview


def preview(viewer, leaver, successor, municipality) -> Preview:
    """The consultations a confirmation would hand over now (as far as the viewer may see them)."""
    moving = (
        policy.consultations_for(viewer)
        .filter(requester=leaver, status__in=IN_HAND_STATUSES)
        .order_by("fiscal_year", "number")
    )
    items = [
        Item(
            c.reference, c.title, c.get_status_display(), reverse("consultations:detail", args=[c.reference])
        )
        for c in moving
    ]
    name = successor.get_full_name()
    return Preview(
        effects=[
            _("未完了の相談 %(n)s 件の相談者が %(successor)s さんに替わります。")
            % {"n": len(items), "successor": name},
            _("フォローしている相談と未読の通知も %(successor)s さんに移ります。") % {"successor": name},
            _("各相談の履歴に、依頼した人と承認した人が記録されます。"),
        ],
        caption=_("引き継がれる相談"),
        items=items,
        headers=(_("受付番号"), _("件名"), _("状態")),
    )


def move(*, handover, leaver, successor, municipality, actor) -> int:
    """Runs inside the confirmation's transaction; returns how many consultations moved."""
    moved = 0
    for consultation in Consultation.objects.select_for_update().filter(
        requester=leaver, status__in=IN_HAND_STATUSES
    ):
        consultation.requester = successor
        bump_version(consultation, "requester")
        Event.objects.create(
            consultation=consultation,
            kind=Event.Kind.HANDOVER,
            actor=actor,
            note=_(
                "%(leaver)s さんから %(successor)s さんへ引き継ぎました"
                "（依頼：%(requester)s さん、承認：%(confirmer)s さん）。"
            )
            % {
                "leaver": leaver,
                "successor": successor,
                "requester": handover.requested_by,
                "confirmer": actor,
            },
        )
        moved += 1
    for consultation in leaver.consultations_followed.all():
        consultation.followers.add(successor)
    leaver.consultations_followed.clear()
    return moved


PARTICIPANT = Participant(
    name="consultations", label=gettext_lazy("未完了の相談とフォロー"), preview=preview, move=move
)
