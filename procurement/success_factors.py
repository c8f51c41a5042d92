"""The seed's success factors (自治体クラウド共同導入成功事例共通要因分析) as checks on a group, each with
its reason in plain Japanese and the seed's figure:

- 検討開始から調達（RFP）まで1年以内 — a long study loses momentum and members;
- 多すぎない団体数、多すぎない業務数 — difficulty rises like a quadratic curve with both; the seed's
  largest group had 7 members (about 8 is the limit used here) and 22 業務;
- 当初から首長を巻き込む — ノーカスタマイズ needs the head's instruction.

A check that passes is shown too, so a group sees what was looked at, not only what went wrong."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from procurement.models import Milestone, Step, Workspace

DAYS_TO_RFP_MAX = 365
MEMBERS_MAX = 8
BUSINESS_AREAS_MAX = 22


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    # What was found, with the group's own figure.
    finding: str
    # Why it matters, in the seed's words and figure.
    reason: str
    warns: bool


def _rfp_end(workspace: Workspace, today: datetime.date) -> tuple[datetime.date, str]:
    """The day the study-to-RFP period is read to: the RFP's actual date, else its target, else today."""
    rfp = Milestone.objects.filter(workspace=workspace, step=Step.RFP).first()
    if rfp is not None and rfp.actual_on is not None:
        return rfp.actual_on, "actual"
    if rfp is not None and rfp.target_on is not None:
        return rfp.target_on, "target"
    return today, "none"


def _time_to_rfp(workspace: Workspace, today: datetime.date) -> Check:
    end, basis = _rfp_end(workspace, today)
    days = (end - workspace.started_on).days
    if basis == "actual":
        finding = _("検討開始から RFP まで %(days)d 日かかりました。") % {"days": days}
    elif basis == "target":
        finding = _("検討開始から RFP の目標日まで %(days)d 日の計画です。") % {"days": days}
    else:
        finding = _("RFP の日付がまだなく、検討開始から %(days)d 日たっています。") % {"days": days}
    return Check(
        code="time_to_rfp",
        title=_("検討開始から調達まで1年以内"),
        finding=finding,
        reason=_(
            "成功した共同導入では、検討開始から調達（RFP）までの期間を長すぎない1年以内に設定しています。"
            "長引くと熱意が冷め、参加団体の足並みもそろいにくくなります。"
        ),
        warns=days > DAYS_TO_RFP_MAX,
    )


def _members(workspace: Workspace) -> Check:
    count = workspace.members.count()
    return Check(
        code="members",
        title=_("多すぎない団体数"),
        finding=ngettext("参加団体は %(n)d 団体です。", "参加団体は %(n)d 団体です。", count) % {"n": count},
        reason=_(
            "団体数が増えると、難易度は二次曲線的に上がります。奈良県基幹システム共同化検討会は7団体で、"
            "8団体ほどまでが目安です。"
        ),
        warns=count > MEMBERS_MAX,
    )


def _areas(workspace: Workspace) -> Check:
    count = workspace.scope_size
    return Check(
        code="business_areas",
        title=_("多すぎない業務数"),
        finding=ngettext("対象業務は %(n)d 業務です。", "対象業務は %(n)d 業務です。", count) % {"n": count},
        reason=_(
            "業務数が増えると、団体数と同じく難易度が二次曲線的に上がります。"
            "県内で最も大きい奈良県基幹システム共同化検討会でも22業務でした。"
        ),
        warns=count > BUSINESS_AREAS_MAX,
    )


def _head_signoff(workspace: Workspace) -> Check:
    missing = [
        m.municipality
        for m in workspace.members.filter(head_signoff_on__isnull=True).select_related("municipality")
    ]
    if missing:
        finding = _("首長の了承日が記録されていない団体：%(names)s") % {
            "names": "、".join(str(m) for m in missing)
        }
    else:
        finding = _("すべての参加団体で首長の了承日が記録されています。")
    return Check(
        code="head_signoff",
        title=_("当初から首長を巻き込む"),
        finding=finding,
        reason=_(
            "原則ノーカスタマイズで業務をパッケージに合わせるには、首長のトップダウンの指示が必要です。"
            "成功した団体には、関心を持って積極的に動く首長がいました。"
        ),
        warns=bool(missing),
    )


def checks_for(workspace: Workspace, *, today: datetime.date | None = None) -> list[Check]:
    """Every success-factor check on the group, in the order the pages show them."""
    today = today or timezone.localdate()
    return [_time_to_rfp(workspace, today), _members(workspace), _areas(workspace), _head_signoff(workspace)]


def warnings_for(workspace: Workspace, *, today: datetime.date | None = None) -> list[Check]:
    return [check for check in checks_for(workspace, today=today) if check.warns]
