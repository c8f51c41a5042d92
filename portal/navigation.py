"""The header navigation and the home page's entry points, as the apps register them.

Each app declares its pages in its AppConfig.ready() (`register_sections`, `register_entry_points`), so
portal/ knows no app's URLs; it registers only its own pages, below. Who sees an entry is an access
action (asked through portal.access.can) or a predicate taking the user. Entries are shown by `order`,
smaller first: portal's home 0, the apps 100–899 (the desk 100s, the case studies 200s), portal's own
administration and settings 900 and up.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import access
from portal.registry import Registry

VisibleTo = str | Callable[[object], bool]


def everyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return user.is_authenticated


def signed_out(user) -> bool:
    return not user.is_authenticated


@dataclass(frozen=True)
class Section:
    """A page in the header navigation. A badge is a count the app provides: when it is not zero the
    section shows `badge_label` (which has an %(n)d) instead of `label`."""

    name: str
    label: str
    url_name: str
    order: int
    visible_to: VisibleTo
    url_args: tuple = ()
    badge: Callable[[object], int] | None = None
    badge_label: str = ""


@dataclass(frozen=True)
class EntryPoint:
    """A first step the home page offers."""

    name: str
    label: str
    url_name: str
    description: str
    order: int
    visible_to: VisibleTo


@dataclass(frozen=True)
class Entry:
    """A link as the templates show it."""

    label: str
    url: str
    description: str = ""


_sections: Registry[Section] = Registry("navigation sections")
_entry_points: Registry[EntryPoint] = Registry("home-page entry points")


def register_sections(*sections: Section) -> None:
    """Adds header sections; refuses a name already registered."""
    _sections.register(*sections)


def register_entry_points(*entry_points: EntryPoint) -> None:
    """Adds home-page entry points; refuses a name already registered."""
    _entry_points.register(*entry_points)


@dataclass(frozen=True)
class HeaderSearch:
    """The search box every page's header shows, provided by the app that answers it (one at most).

    The form works without JavaScript (a GET to `url_name` with `q`); `script`, a static path, adds
    autocomplete from `suggest_url_name`.
    """

    url_name: str
    suggest_url_name: str
    label: str
    script: str = ""


_header_search: list[HeaderSearch] = []


def register_header_search(box: HeaderSearch) -> None:
    """Sets the header's search box; refuses a second one."""
    if _header_search:
        raise ImproperlyConfigured("The header search box is already registered.")
    _header_search.append(box)


def header_search() -> dict | None:
    """The header box as the base template shows it, or None when no app answers searches."""
    if not _header_search:
        return None
    box = _header_search[0]
    return {
        "action": reverse(box.url_name),
        "suggest_url": reverse(box.suggest_url_name),
        "label": box.label,
        "script": box.script,
    }


def items_for(user) -> list[Entry]:
    """The header navigation for this user."""
    return [
        Entry(_section_label(section, user), reverse(section.url_name, args=section.url_args))
        for section in _visible(_sections, user)
    ]


def entry_points_for(user) -> list[Entry]:
    """What the home page offers this user as first steps."""
    return [
        Entry(entry.label, reverse(entry.url_name), entry.description)
        for entry in _visible(_entry_points, user)
    ]


def _visible(registry: Registry, user) -> list:
    # sorted() is stable: entries of the same order keep the order they were registered in.
    ordered = sorted(registry, key=lambda item: item.order)
    return [item for item in ordered if _sees(user, item.visible_to)]


def _sees(user, visible_to: VisibleTo) -> bool:
    if isinstance(visible_to, str):
        return access.can(user, visible_to)
    return visible_to(user)


def _section_label(section: Section, user) -> str:
    count = section.badge(user) if section.badge else 0
    return section.badge_label % {"n": count} if count else section.label


# --- portal's own pages (registered in PortalConfig.ready()) ------------------------------------------

SECTIONS = [
    Section(
        name="portal.home",
        label=_("ホーム"),
        url_name="wagtail_serve",
        url_args=("",),
        order=0,
        visible_to=everyone,
    ),
    Section(
        name="portal.notifications",
        label=_("通知"),
        url_name="notification_list",
        # Beside the desk's pages, where it stood before the kernel took it over: the header keeps its order.
        order=130,
        visible_to="notification.list",
        badge=access.unread_notification_count,
        badge_label=_("通知（未読 %(n)d 件）"),
    ),
    Section(
        name="portal.memberships",
        label=_("利用申請の承認"),
        url_name="membership_list",
        order=900,
        visible_to="membership.list",
    ),
    Section(
        name="portal.cms",
        label=_("コンテンツ管理"),
        url_name="wagtailadmin_home",
        order=910,
        visible_to="portal.enter_cms",
    ),
]

ENTRY_POINTS = [
    EntryPoint(
        name="portal.login",
        label=_("ログイン"),
        url_name="account_login",
        description=_("市町村の職員、CIO補佐官、幹部・県職員の方はログインしてください。"),
        order=0,
        visible_to=signed_out,
    ),
    EntryPoint(
        name="portal.signup",
        label=_("利用登録"),
        url_name="account_signup",
        description=_("登録済みの市町村メールアドレスをお持ちの方は利用登録できます。"),
        order=10,
        visible_to=signed_out,
    ),
    EntryPoint(
        name="portal.handover",
        label=_("人事異動の引継ぎ"),
        url_name="handover",
        description=_("異動・退職する職員の受け持ちと通知の引継ぎを依頼し、届いた依頼を承認します。"),
        # Beside the desk's entries, where it stood before the kernel took it over.
        order=120,
        visible_to="membership.open_handover",
    ),
    EntryPoint(
        name="portal.memberships",
        label=_("利用申請の承認"),
        url_name="membership_list",
        description=_("市町村職員からの利用申請を確認します。"),
        order=900,
        visible_to="membership.list",
    ),
    EntryPoint(
        name="portal.cms",
        label=_("コンテンツ管理"),
        url_name="wagtailadmin_home",
        description=_("お知らせ・事例・FAQ のページを編集し公開します。"),
        order=910,
        visible_to="portal.enter_cms",
    ),
    EntryPoint(
        name="portal.account_settings",
        label=_("アカウント設定"),
        url_name="account_settings",
        description=_("メールアドレス、パスワード、二要素認証、ログイン中の端末、通知の設定。"),
        order=920,
        visible_to=signed_in,
    ),
]
