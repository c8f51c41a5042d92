"""From go-live to a case study: once the group is 稼働済み, its runners draft a case-study page from
the workspace (members, arrangement, timeline, costs before and after, the lessons they write) into the
case studies' 決裁 through the kernel's portal.case_drafts; the workspace records that it was drafted,
so a second press links to the draft instead of drafting again."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from portal import access, case_drafts
from portal.case_drafts import CaseDraftError, Figure, Organisation, Step, TimelineRow
from portal.models import Municipality
from portal.templatetags.wareki import wareki
from procurement.costs import cost_summary
from procurement.models import Arrangement, CaseDraft, Milestone, Workspace, WorkspaceStatus

ORGANISATION = {
    Arrangement.VOLUNTARY: Organisation.VOLUNTARY,
    Arrangement.WIDE_AREA_UNION: Organisation.REGIONAL_UNION,
    Arrangement.PARTIAL_AFFAIRS_UNION: Organisation.PARTIAL_UNION,
}


# The form's timeline dates and the milestones whose actual dates they are: 契約交渉 ends in the contract.
TIMELINE_STEPS = {
    Milestone.Step.SELECTION: "selected_on",
    Milestone.Step.NEGOTIATION: "contracted_on",
    Milestone.Step.GO_LIVE: "went_live_on",
}


def timeline_from_milestones(workspace: Workspace) -> dict[str, datetime.date]:
    """The timeline dates the milestones already record, to pre-fill the draft's form (the runner may
    still change them). 稼働 is the first member's go-live: the members go live one after another."""
    dates: dict[str, datetime.date] = {}
    done = Milestone.objects.filter(workspace=workspace, step__in=TIMELINE_STEPS, actual_on__isnull=False)
    for step, day in done.values_list("step", "actual_on"):
        field = TIMELINE_STEPS[step]
        dates[field] = min(day, dates.get(field, day))
    return dates


def _yen(value: int) -> str:
    return f"{value:,}"


def _figures(workspace: Workspace) -> tuple[list[Figure], object]:
    summary = cost_summary(workspace)
    figures = [
        Figure(
            metric=_("年間経費（%(name)s）") % {"name": row.member.municipality},
            before=_yen(row.current),
            after=_yen(row.proposed),
            unit=_("円"),
            note=_("削減率 %(percent)s％") % {"percent": row.reduction_percent},
        )
        for row in summary.counted
    ]
    if summary.counted:
        left_out = "、".join(str(row.member.municipality) for row in summary.left_out)
        figures.append(
            Figure(
                metric=_("年間経費（%(n)s団体の合計）") % {"n": len(summary.counted)},
                before=_yen(summary.total_current),
                after=_yen(summary.total_proposed),
                unit=_("円"),
                note=_("合計の削減率 %(percent)s％") % {"percent": summary.total_percent}
                + (_("（経費の記録がない団体を除く：%(names)s）") % {"names": left_out} if left_out else ""),
            )
        )
        figures.append(
            Figure(
                metric=_("経費削減率（各団体の削減率の平均）"),
                after=str(summary.mean_percent),
                unit="%",
                note=_("各団体の削減率の単純平均（小数第1位に四捨五入）"),
            )
        )
    return figures, summary


def case_draft_create(
    *,
    actor,
    workspace: Workspace,
    title: str,
    went_live_on: datetime.date,
    lessons: str,
    selected_on: datetime.date | None = None,
    contracted_on: datetime.date | None = None,
) -> tuple[CaseDraft, bool]:
    """Draft the group's case study and submit it to the 決裁; (the record, whether it was made now).
    A group already drafted answers with its draft; a group not yet live is refused."""
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace.pk)
        access.require(actor, "procurement.case_draft.create", workspace)
        existing = CaseDraft.objects.filter(workspace=workspace).first()
        if existing is not None:
            return existing, False
        if workspace.status != WorkspaceStatus.LIVE:
            raise CaseDraftError(_("事例の下書きは、検討会の状態が「稼働済み」になってから作れます。"))
        members = Municipality.in_display_order(
            Municipality.objects.filter(procurement_members__workspace=workspace)
        )
        timeline = [TimelineRow(Step.STUDY_START, workspace.started_on, _("検討会の発足"))]
        if selected_on is not None:
            timeline.append(TimelineRow(Step.PROCUREMENT, selected_on, _("事業者決定")))
        if contracted_on is not None:
            timeline.append(TimelineRow(Step.CONTRACT, contracted_on, _("契約締結")))
        timeline.append(TimelineRow(Step.GO_LIVE, went_live_on, _("稼働開始")))
        figures, summary = _figures(workspace)
        arrangement = workspace.get_arrangement_display()
        summary_text = _(
            "%(members)sの%(n)s団体が%(arrangement)sとして共同で調達し、%(day)sに稼働しました。"
        ) % {
            "members": "、".join(str(m) for m in members),
            "n": len(members),
            "arrangement": arrangement,
            "day": wareki(went_live_on),
        }
        if workspace.description:
            summary_text = f"{workspace.description}\n{summary_text}"
        page_id = case_drafts.draft(
            case_drafts.CaseDraftRequest(
                title=title,
                summary=summary_text,
                key=workspace.slug,
                municipalities=tuple(members),
                organisation=ORGANISATION[workspace.arrangement],
                timeline=tuple(timeline),
                figures=tuple(figures),
                lessons=lessons,
                actor=actor,
                business_area_count=workspace.areas.count() or None,
                cost_reduction_percent=summary.mean_percent,
                source_note=_("共同化検討会「%(name)s」のワークスペースから作成") % {"name": workspace.name},
            )
        )
        record = CaseDraft.objects.create(
            workspace=workspace,
            page_id=page_id,
            title=title,
            went_live_on=went_live_on,
            lessons=lessons,
            drafted_by=actor,
        )
    return record, True
