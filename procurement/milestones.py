"""The default plan a group starts with, and the 稼働 row every member gets.

The targets follow the seed's path: less than a year from the study to the RFP (its success factor),
the vendor decided about a year in, the detailed fit check and BPR after the decision, six months of
contract negotiation, go-live in the second year. A group moves them to its own calendar."""

import calendar
import datetime

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from procurement.models import STEPS, Member, Milestone, Step, Workspace

# (months after the study starts, who usually owns the step)
PLAN = {
    Step.STUDY: (0, "事務局"),
    Step.LAUNCH: (1, "発起団体"),
    Step.SECRETARIAT: (2, "発起団体"),
    Step.BRIEFING: (4, "事務局"),
    Step.RFI: (6, "事務局"),
    Step.RFP: (10, "事務局"),
    Step.DEMO: (11, "各団体（原課職員）"),
    Step.PROPOSAL: (12, "各団体"),
    Step.SELECTION: (13, "発起団体"),
    Step.BPR: (26, "各団体（原課職員）"),
    Step.NEGOTIATION: (19, "各団体"),
    Step.GO_LIVE: (24, ""),
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _order(step: Step) -> int:
    return STEPS.index(step)


def _go_live(member: Member, target_on: datetime.date | None) -> Milestone:
    milestone, _created = Milestone.objects.get_or_create(
        workspace=member.workspace,
        step=Step.GO_LIVE,
        member=member,
        defaults={"order": _order(Step.GO_LIVE), "owner": member.municipality.name, "target_on": target_on},
    )
    return milestone


def plan_create(workspace: Workspace) -> list[Milestone]:
    """The default plan (once): one row per step, and 稼働 per member."""
    made = []
    for step in STEPS:
        months, owner = PLAN[step]
        target = add_months(workspace.started_on, months)
        if step == Step.GO_LIVE:
            made += [_go_live(member, target) for member in workspace.members.select_related("municipality")]
            continue
        milestone, _created = Milestone.objects.get_or_create(
            workspace=workspace,
            step=step,
            member=None,
            defaults={"order": _order(step), "owner": owner, "target_on": target},
        )
        made.append(milestone)
    return made


def _member_joined(sender, instance: Member, created: bool, raw: bool = False, **kwargs):
    """Whatever adds a member (an accepted invitation, the create form), its 稼働 row follows, aimed
    at the latest go-live already planned. A group without a plan yet gets the rows with the plan."""
    if not created or raw or not instance.workspace.milestones.exists():
        return
    latest = (
        instance.workspace.milestones.filter(step=Step.GO_LIVE, target_on__isnull=False)
        .order_by("-target_on")
        .values_list("target_on", flat=True)
        .first()
    )
    _go_live(instance, latest)


def connect_signals() -> None:
    post_save.connect(_member_joined, sender=Member, dispatch_uid="procurement.milestones.member_joined")


class MilestoneError(Exception):
    pass


def milestone_update(
    *,
    actor,
    milestone_id: int,
    target_on: datetime.date | None,
    actual_on: datetime.date | None,
    owner: str,
    note: str,
) -> Milestone:
    """Set a milestone's dates, owner and note (the group's runners)."""
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().select_related("workspace").get(pk=milestone_id)
        access.require(actor, "procurement.milestone.edit", milestone.workspace)
        if actual_on is not None and actual_on > timezone.localdate():
            # An actual date records what happened; a future one is a target typed in the wrong box.
            raise MilestoneError(
                _("実績日に今日より後の日付は入れられません。予定は目標日に入れてください。")
            )
        milestone.target_on = target_on
        milestone.actual_on = actual_on
        milestone.owner = owner.strip()
        milestone.note = note.strip()
        milestone.save(update_fields=["target_on", "actual_on", "owner", "note"])
    return milestone
