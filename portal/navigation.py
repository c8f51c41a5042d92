"""Role-aware navigation and home-page entry points, built from portal.access."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultations import policy
from portal import access


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    description: str = ""


def items_for(user) -> list[Entry]:
    items = [Entry(_("ホーム"), "/")]
    items += _desk_items(user)
    items += [Entry(_("成功事例"), "/cases/"), Entry(_("推進状況"), "/cases/adoption/")]
    if access.can(user, "membership.list"):
        items.append(Entry(_("利用申請の承認"), reverse("membership_list")))
    if access.can(user, "portal.enter_cms"):
        items.append(Entry(_("コンテンツ管理"), "/admin/"))
    return items


def _desk_items(user) -> list[Entry]:
    """The consultation desk's pages, by role; the notices entry shows the unread count."""
    entries = []
    if access.can(user, "consultation.list"):
        entries.append(Entry(_("相談"), reverse("consultations:queue")))
    if access.can(user, "visit.list"):
        entries.append(Entry(_("出前相談"), reverse("consultations:visits")))
    if access.can(user, "consultation.view_dashboard"):
        entries.append(Entry(_("相談窓口ダッシュボード"), reverse("consultations:dashboard")))
    if access.can(user, "notification.list"):
        unread = policy.notifications_for(user).filter(read_at__isnull=True).count()
        label = _("通知（未読 %(n)d 件）") % {"n": unread} if unread else _("通知")
        entries.append(Entry(label, reverse("consultations:notifications")))
    return entries


def entry_points_for(user) -> list[Entry]:
    """What the home page offers each role as first steps."""
    if not user.is_authenticated:
        return [
            Entry(
                _("ログイン"),
                reverse("account_login"),
                _("市町村の職員、CIO補佐官、幹部・県職員の方はログインしてください。"),
            ),
            Entry(
                _("利用登録"),
                reverse("account_signup"),
                _("登録済みの市町村メールアドレスをお持ちの方は利用登録できます。"),
            ),
        ]
    entries = []
    if access.can(user, "consultation.file"):
        entries.append(
            Entry(
                _("相談する"),
                reverse("consultations:new"),
                _("情報システムの調達・契約・クラウド化などをCIO補佐官に相談できます。"),
            )
        )
    if access.can(user, "consultation.list"):
        entries.append(
            Entry(_("相談一覧"), reverse("consultations:queue"), _("相談の状況と回答を確認します。"))
        )
    if access.can(user, "membership.open_handover"):
        entries.append(
            Entry(
                _("人事異動の引継ぎ"),
                reverse("consultations:handover"),
                _("異動・退職する職員の相談と通知の引継ぎを依頼し、届いた依頼を承認します。"),
            )
        )
    entries += [
        Entry(_("成功事例"), "/cases/", _("他の市町村の共同化・クラウド化の事例を探し、並べて比べます。")),
        Entry(_("市町村の推進状況"), "/cases/adoption/", _("県内39市町村のクラウド化・共同化の状況。")),
        Entry(
            _("準備度の自己診断"),
            "/cases/readiness/",
            _("成功要因をもとに準備度を診断し、不足している点と参考事例を確かめます。"),
        ),
    ]
    if access.can(user, "membership.list"):
        entries.append(
            Entry(
                _("利用申請の承認"), reverse("membership_list"), _("市町村職員からの利用申請を確認します。")
            )
        )
    if access.can(user, "portal.enter_cms"):
        entries.append(
            Entry(_("コンテンツ管理"), "/admin/", _("お知らせ・事例・FAQ のページを編集し公開します。"))
        )
    entries.append(
        Entry(
            _("アカウント設定"),
            reverse("account_settings"),
            _("メールアドレス、パスワード、二要素認証、ログイン中の端末、通知の設定。"),
        )
    )
    return entries
